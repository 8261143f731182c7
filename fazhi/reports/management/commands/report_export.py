from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from fazhi.areas.models import Area, Level
from fazhi.reports import exports, services
from fazhi.reports.models import Report
from fazhi.reports.pdf import PdfUnavailable


class Command(BaseCommand):
    help = (
        "导出年度报告：--area 区划代码或名称 --year 年度 --format docx|pdf|html --output 文件。"
        "无报告时按默认模板和实时数据生成（不写入数据库）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--area", required=True, help="12位统计区划代码或名称（乡镇或县）")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", dest="fmt", choices=sorted(exports.FORMATS), default="docx")
        parser.add_argument("--output", required=True)

    def handle(self, *args, area, year, fmt, output, **options):
        matches = list(
            Area.objects.current().filter(Q(code=area) | Q(name=area), level__in=[Level.COUNTY, Level.TOWNSHIP])
        )
        if not matches:
            raise CommandError(_("找不到乡镇或县：%(area)s") % {"area": area})
        if len(matches) > 1:
            raise CommandError(_("“%(area)s”对应多个区划，请改用12位区划代码。") % {"area": area})
        target = matches[0]
        report = Report.objects.filter(area=target, year=year).first()
        sections = None
        if report is None:
            report = Report(area=target, year=year, title=services.default_title(target, year))
            sections = services.default_sections(report)
        try:
            data = exports.export(report, fmt=fmt, sections=sections)
        except PdfUnavailable as exc:
            raise CommandError(str(exc)) from exc
        Path(output).write_bytes(data)
        self.stdout.write(
            _("已导出%(area)s%(year)s年度报告（%(fmt)s）到 %(out)s")
            % {"area": target.name, "year": year, "fmt": fmt, "out": output}
        )
