"""Every write of the reports app: keyword-only, atomic, full_clean(), scope re-checked."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.roles import Module
from fazhi.areas.models import Area, Level
from fazhi.areas.scoping import require_area_writable, require_change
from fazhi.areas.words import place_words
from fazhi.core.concurrency import EditConflict, expected_version
from fazhi.core.metrics import METRICS, Period, refresh
from fazhi.figures.selectors import unregistered_figures
from fazhi.reports import county_table, county_template, document, selectors, workflow
from fazhi.reports.choices import ContentKind, ReportStatus, Start
from fazhi.reports.draft import first_draft
from fazhi.reports.editor import is_closing
from fazhi.reports.figures import keys_in, live_figures, value_text
from fazhi.reports.models import (
    CountyTemplate,
    FigureSnapshot,
    Rectification,
    Report,
    ReportEvent,
    ReportPdf,
    ReportSection,
)
from fazhi.reports.rendering import missing_contents

REPORT_LEVELS = {Level.COUNTY, Level.TOWNSHIP}
EVIDENCE_TEXT_MAX = 120


def default_title(area: Area, year: int) -> str:
    parent = area.parent
    prefix = parent.name if parent is not None and area.level == Level.TOWNSHIP else ""
    return f"{prefix}{place_words(area).organ}关于{year}年法治政府建设情况的报告"


def default_sections(report: Report, template=None) -> list[ReportSection]:
    """The given text, or a first draft composed from the area's records."""
    rows = template or first_draft(area=report.area, year=report.year)
    return [
        ReportSection(report=report, order=i, level=level, heading=heading, body=body, content_kind=kind)
        for i, (level, heading, body, kind) in enumerate(rows, start=1)
    ]


def previous_template(*, area: Area, year: int) -> list[tuple] | None:
    """A township keeps its own template: last year's report of the same area, structure and wording."""
    previous = Report.objects.filter(area=area, year=year - 1).first()
    if previous is None:
        return None
    return [(s.level, s.heading, s.body, s.content_kind) for s in previous.sections.all()]


def default_start(*, area: Area, year: int) -> str:
    """Where a new report starts when its author does not say: its own last year's text if there is one, else
    the county's published template, else the draft composed from the records."""
    if Report.objects.filter(area=area, year=year - 1).exists():
        return Start.PREVIOUS
    if selectors.county_template_current(county=selectors.county_of(area), year=year) is not None:
        return Start.COUNTY
    return Start.DRAFT


def _start_rows(*, area: Area, year: int, start: str) -> list[tuple] | None:
    if start == Start.PREVIOUS:
        rows = previous_template(area=area, year=year)
        if rows is None:
            raise ValidationError({"start": _("没有上一年度的报告可以沿用。")})
        return rows
    if start == Start.COUNTY:
        template = selectors.county_template_current(county=selectors.county_of(area), year=year)
        if template is None:
            raise ValidationError({"start": _("上级县尚未发布%(year)s年度的报告模板。") % {"year": year}})
        return county_template.for_township(template.sections, area=area, year=year)
    return None  # the composed first draft


def report_create(
    *,
    actor,
    area: Area,
    year: int,
    title: str = "",
    template: list[tuple] | None = None,
    start: str = "",
) -> Report:
    """A new report for an area and year. Its text is `template` when given (tests, the demo), else where `start`
    says (Start; empty: default_start)."""
    require_area_writable(actor, Module.REPORTS, area)
    if area.level not in REPORT_LEVELS:
        raise ValidationError({"area": _("年度报告只能为乡镇或县编写。")})
    if Report.objects.filter(area=area, year=year).exists():
        raise ValidationError({"year": _("%(area)s%(year)s年度的报告已存在。") % {"area": area.name, "year": year}})
    if template is None:
        template = _start_rows(area=area, year=year, start=start or default_start(area=area, year=year))
    with transaction.atomic():
        report = Report(area=area, year=year, title=title.strip() or default_title(area, year))
        report.full_clean()
        report.save()
        sections = default_sections(report, template)
        _keep_values(report, sections)
        ReportSection.objects.bulk_create(sections)
    return report


def _keep_values(report: Report, sections) -> None:
    """Keep on each section its figures' values now, so that the editor can tell which changed since."""
    keys = keys_in([s.heading for s in sections] + [s.body for s in sections])
    if not keys:
        return
    refresh()
    live = live_figures(keys, area=report.area, year=report.year)
    for section in sections:
        section.figure_values = {
            key: value_text(live[key].value)
            for key in keys_in([section.heading, section.body])
            if not live[key].missing
        }


def _require_draft(report: Report) -> None:
    """Re-read and lock the report: a report finalised meanwhile must not change (call inside atomic)."""
    current = Report.objects.select_for_update().get(pk=report.pk)
    if current.is_frozen:
        raise ValidationError(_("报告已定稿，不能修改正文；如需修改请先“退回修改”。"))


def section_update(*, actor, section: ReportSection, heading: str, body: str, version: int | None) -> ReportSection:
    """Save a section's text. `version` is the one the author's editor was opened on: a save over a newer text
    raises EditConflict (the view shows both), and a save that names no version is refused, as it could not tell."""
    if actor is not None:
        require_change(actor, section.report)
    heading, body = heading.strip(), body.replace("\r\n", "\n").strip()
    with transaction.atomic():
        _require_draft(section.report)
        if version is None:
            raise ValidationError(_("保存时缺少段落的版本号，未保存；请刷新页面后重新编辑。"))
        try:
            with expected_version(section, version) as current:
                section.version = current.version
                section.heading, section.body = heading, body
                section.full_clean()
                _keep_values(section.report, [section])
                section.save(update_fields=["heading", "body", "figure_values"])
        except EditConflict as conflict:
            if (conflict.current.heading, conflict.current.body) != (heading, body):
                raise
            return conflict.current  # the very text the section already holds (a second click): nothing is lost
    return section


def section_add(
    *,
    actor,
    report: Report,
    level: int,
    heading: str,
    body: str,
    content_kind: str = "",
    after: ReportSection | None = None,
) -> ReportSection:
    """A new section at the end (before the closing "特此报告。"), or right after `after`."""
    if actor is not None:
        require_change(actor, report)
    if level and not heading.strip():
        raise ValidationError({"heading": _("标题段落须填写标题。")})
    if after is not None and after.report_id != report.pk:
        raise ValidationError(_("段落不属于这份报告。"))
    with transaction.atomic():
        _require_draft(report)
        if after is not None:
            return _insert_after(report, after, level=level, heading=heading, body=body, content_kind=content_kind)
        last = report.sections.order_by("-order").first()
        # Before the closing "特此报告。" if the report ends with a plain paragraph.
        order = (last.order + 1) if last else 1
        section = ReportSection(
            report=report,
            order=order,
            level=level,
            heading=heading.strip(),
            body=body.strip(),
            content_kind=content_kind,
        )
        if last is not None and is_closing(last):
            section.order = last.order
            last.order += 1
            last.save(update_fields=["order"])
        section.full_clean()
        _keep_values(report, [section])
        section.save()
    return section


def _renumber(sections: list[ReportSection]) -> None:
    for i, section in enumerate(sections, start=1):
        section.order = i
    ReportSection.objects.bulk_update(sections, ["order"])


def _locked_sections(report: Report) -> list[ReportSection]:
    return list(ReportSection.objects.select_for_update().filter(report=report).order_by("order", "id"))


def _insert_after(report: Report, after: ReportSection, *, level, heading, body, content_kind) -> ReportSection:
    sections = _locked_sections(report)
    at = next((i for i, s in enumerate(sections) if s.pk == after.pk), None)
    if at is None:
        raise ValidationError(_("段落已被删除，请刷新页面。"))
    if is_closing(sections[at]):
        at -= 1  # nothing goes after the closing "特此报告。"
    section = ReportSection(
        report=report, order=0, level=level, heading=heading.strip(), body=body.strip(), content_kind=content_kind
    )
    section.full_clean(exclude=["order"])
    _keep_values(report, [section])
    section.save()
    sections.insert(at + 1, section)
    _renumber(sections)
    return section


def section_move(*, actor, section: ReportSection, up: bool) -> ReportSection:
    """One place up or down; the closing "特此报告。" stays last."""
    report = section.report
    if actor is not None:
        require_change(actor, report)
    with transaction.atomic():
        _require_draft(report)
        sections = _locked_sections(report)
        at = next((i for i, s in enumerate(sections) if s.pk == section.pk), None)
        if at is None:
            raise ValidationError(_("段落已被删除，请刷新页面。"))
        to = at - 1 if up else at + 1
        if is_closing(sections[at]):
            raise ValidationError(_("“特此报告。”须在报告最后，不能移动。"))
        if to < 0:
            raise ValidationError(_("已是第一段，不能再上移。"))
        if to >= len(sections) or is_closing(sections[to]):
            raise ValidationError(_("已是最后一段，不能再下移。"))
        sections[at], sections[to] = sections[to], sections[at]
        _renumber(sections)
    section.order = to + 1
    return section


def section_delete(*, actor, section: ReportSection) -> None:
    report = section.report
    if actor is not None:
        require_change(actor, report)
    with transaction.atomic():
        _require_draft(report)
        deleted, _rows = ReportSection.objects.filter(pk=section.pk, report=report).delete()
        if not deleted:
            raise ValidationError(_("段落已被删除，请刷新页面。"))
        _renumber(_locked_sections(report))


def suggestion_accept(*, actor, report: Report, text: str) -> ReportSection:
    """An accepted suggested problem is appended, as the next 一是/二是 item, to the shortcomings section."""
    if actor is not None:
        require_change(actor, report)
    text = text.strip()
    if not text:
        raise ValidationError(_("问题表述不能为空。"))
    section = report.sections.filter(content_kind=ContentKind.SHORTCOMINGS).order_by("order").last()
    if section is None:
        raise ValidationError(_("报告中没有标为“存在的不足和原因”的段落，无法加入。"))
    with transaction.atomic():
        _require_draft(report)
        section.body = f"{section.body}{{是}}{text}"
        section.full_clean()
        section.save(update_fields=["body"])
    return section


def _freeze(report: Report) -> None:
    keys = keys_in([s.heading for s in report.sections.all()] + [s.body for s in report.sections.all()])
    refresh()
    missing = [k for k in keys if k not in METRICS]
    if missing:
        raise ValidationError(
            _("以下指标尚未登记或已停用，报告不能定稿：%(names)s") % {"names": "、".join(_unregistered_names(missing))}
        )
    live = live_figures(keys, area=report.area, year=report.year)
    undefined = [f.label for f in live.values() if f.undefined]
    if undefined:
        raise ValidationError(
            _("以下指标无法计算（无数据或分母为0），请删去或补录数据后再定稿：%(names)s")
            % {"names": "、".join(undefined)}
        )
    period = Period.year(report.year)
    snaps = []
    for key in keys:
        metric, figure = METRICS[key], live[key]
        # One query gives both the value and its evidence, so the frozen pair cannot disagree; a derived figure
        # (a rate, a change) keeps its computed value and the records of its first part.
        records = list(metric.evidence(area=report.area, period=period))
        if metric.parts:
            value = figure.value
        elif metric.sum_field:
            value = sum((_field(r, metric.sum_field) or 0 for r in records), 0)
        elif metric.distinct_field:
            value = len({_field(r, metric.distinct_field) for r in records} - {None})
        else:
            value = len(records)
        snaps.append(
            FigureSnapshot(
                report=report,
                key=key,
                label=str(metric.label),
                unit=str(metric.unit),
                value=value,
                last_value=figure.last_value,
                writing=figure.writing,
                flagged=figure.flagged,
                model=records[0]._meta.label if records else "",
                evidence=[[r.pk, str(r)[:EVIDENCE_TEXT_MAX]] for r in records],
            )
        )
    report.figures.all().delete()
    FigureSnapshot.objects.bulk_create(snaps)
    texts = [s.body for s in report.sections.all()]
    # A county's table of townships is frozen with the figures: the finalised 公文 keeps the numbers it was sent with.
    report.township_table = (
        county_table.township_table(county=report.area, year=report.year)
        if any("{township_table}" in text for text in texts)
        else {}
    )


def _unregistered_names(keys: list[str]) -> list[str]:
    """A definition's own name and why it cannot be computed; the bare key only where no definition has it."""
    known = unregistered_figures(keys=keys)
    out = []
    for key in keys:
        if key not in known:
            out.append(_("未登记的指标“%(key)s”") % {"key": key})
        elif known[key][1]:
            out.append(_("“%(name)s”（%(reason)s）") % {"name": known[key][0], "reason": known[key][1].rstrip("。")})
        else:
            out.append(_("“%(name)s”（已停用）") % {"name": known[key][0]})
    return out


def _field(record, path: str):
    value = record
    for part in path.split("__"):
        value = getattr(value, part, None)
    return value


def report_transition(
    *,
    actor,
    report: Report,
    action: str,
    on: datetime.date | None = None,
    reviewer: str = "",
    url: str = "",
    note: str = "",
) -> Report:
    if actor is not None:
        require_change(actor, report)
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ValidationError({"on": _("日期不能晚于今天。")})
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        step = workflow.find(report.status, action)
        if step is None:
            raise ValidationError(_("“%(status)s”状态的报告不能执行该操作。") % {"status": report.get_status_display()})
        source = report.status
        if action == "finalise":
            _freeze(report)
            report.finalised_at = timezone.now()
            # The finalised 公文 keeps the 主送机关 it was finalised with, even if the county is later renamed.
            report.addressee = document.addressee(report)
        elif action == "reopen":
            report.figures.all().delete()
            report.finalised_at = None
            report.township_table = {}
        elif action == "submit":
            report.submitted_on = on
        elif action == "secrecy_review":
            if not reviewer.strip():
                raise ValidationError({"reviewer": _("请填写保密审查人。")})
            report.reviewed_on, report.reviewer = on, reviewer.strip()
        elif action == "publish":
            if not url.strip():
                # 督察工作规定 第二十六条: on-time publication must be evidenced (AR-06).
                raise ValidationError({"url": _("请填写公开网址，作为按时公开的佐证。")})
            report.published_on, report.published_url = on, url.strip()
        report.status = step.target
        report.full_clean()
        report.save()
        ReportEvent.objects.create(
            report=report, action=action, source=source, target=step.target, actor=actor, note=note[:200]
        )
    return report


def rectification_add(*, actor, report: Report, problem: str, measure: str, deadline: datetime.date) -> Rectification:
    if actor is not None:
        require_change(actor, report)
    if report.status == ReportStatus.DRAFT:
        raise ValidationError(_("报告报送后才能登记督察发现的问题。"))
    with transaction.atomic():
        item = Rectification(report=report, problem=problem.strip(), measure=measure.strip(), deadline=deadline)
        item.full_clean()
        item.save()
    return item


def rectification_close(*, actor, item: Rectification, on: datetime.date) -> Rectification:
    if actor is not None:
        require_change(actor, item.report)
    if item.closed_on:
        raise ValidationError(_("该问题已销号。"))
    if on > timezone.localdate():
        raise ValidationError({"closed_on": _("销号日期不能晚于今天。")})
    with transaction.atomic():
        item.closed_on = on
        item.full_clean()
        item.save(update_fields=["closed_on"])
    return item


def report_addressee_update(*, actor, report: Report, addressee: str) -> Report:
    """主送机关 of one report (GB/T 9704-2012 7.3.2). Empty restores the default from the area above."""
    if actor is not None:
        require_change(actor, report)
    text = " ".join(addressee.split()).rstrip("：:")  # one line; the closing full-width colon is the layout's
    if len(text) > document.ADDRESSEE_MAX:
        raise ValidationError({"addressee": _("主送机关不能超过%(n)d个字。") % {"n": document.ADDRESSEE_MAX}})
    if text == document.default_addressee(report.area):
        text = ""  # the default, so that it follows the county's name
    with transaction.atomic():
        _require_draft(report)
        report.addressee = text
        report.full_clean()
        report.save(update_fields=["addressee"])
    return report


def report_pdf_request(*, report: Report) -> ReportPdf:
    """The PDF of the report as it reads now: the kept one, or a new background job (one per version, however many
    ask at once — the unique (report, digest) decides). A failed one is tried again by the next request."""
    from fazhi.reports import exports, tasks

    digest = exports.pdf_digest(report)
    with transaction.atomic():
        pdf, created = ReportPdf.objects.get_or_create(report=report, digest=digest)
        if not created and pdf.status == ReportPdf.Status.FAILED:
            updated = ReportPdf.objects.filter(pk=pdf.pk, status=ReportPdf.Status.FAILED).update(
                status=ReportPdf.Status.QUEUED, message=""
            )
            created = bool(updated)
            pdf.refresh_from_db()
        elif pdf.status == ReportPdf.Status.DONE and not pdf.file.storage.exists(pdf.file.name):
            # The stored file is gone (a restored database without its media): make it again.
            ReportPdf.objects.filter(pk=pdf.pk).update(status=ReportPdf.Status.QUEUED, file="")
            created = True
            pdf.refresh_from_db()
        if created:
            transaction.on_commit(lambda: tasks.render_report_pdf.enqueue(pdf_id=pdf.pk))
    return pdf


def report_pdf_render(*, pdf_id: int) -> ReportPdf:
    """Convert one report version to PDF and keep it; a failure is kept as a Chinese message for the page."""
    import time

    from django.core.files.base import ContentFile

    from fazhi.reports import exports
    from fazhi.reports.pdf import PdfUnavailable

    pdf = ReportPdf.objects.select_related("report__area").filter(pk=pdf_id).first()
    if pdf is None or pdf.status == ReportPdf.Status.DONE:
        return pdf
    ReportPdf.objects.filter(pk=pdf.pk).update(status=ReportPdf.Status.RUNNING)
    report = pdf.report
    started = time.perf_counter()
    sections = list(report.sections.all())
    try:
        if exports.pdf_digest(report, sections=sections) != pdf.digest:
            raise PdfUnavailable(_("报告在排队期间已修改，请重新点击“下载 PDF”。"))
        data = exports.export(report, fmt="pdf", sections=sections)
    except PdfUnavailable as exc:
        ReportPdf.objects.filter(pk=pdf.pk).update(
            status=ReportPdf.Status.FAILED, message=str(exc)[:500], finished_at=timezone.now()
        )
    else:
        name = f"report-{report.pk}-{pdf.digest[:16]}.pdf"
        with transaction.atomic():
            pdf.file.save(name, ContentFile(data), save=False)
            ReportPdf.objects.filter(pk=pdf.pk).update(
                status=ReportPdf.Status.DONE,
                file=pdf.file.name,
                seconds=time.perf_counter() - started,
                finished_at=timezone.now(),
            )
            # Older versions of this report are never served again: drop them and their files.
            stale = list(ReportPdf.objects.filter(report=report).exclude(pk=pdf.pk).exclude(file=""))
            for old in stale:
                old.file.delete(save=False)
            ReportPdf.objects.filter(pk__in=[old.pk for old in stale]).delete()
    pdf.refresh_from_db()
    return pdf


def county_template_publish(*, actor, county: Area, year: int, sections: list[tuple]) -> CountyTemplate:
    """Publish a county's outline for its townships' reports of `year` as its next version; new drafts start from
    it, drafts already started keep their text. Refused, with nothing saved, when it is empty, misses one of the
    five contents (督察工作规定 第二十五条, docs/law.md AR-05) or names a figure its townships cannot compute."""
    require_area_writable(actor, Module.REPORTS, county)
    if county.level != Level.COUNTY:
        raise ValidationError({"county": _("报告模板由县一级发布。")})
    rows = [tuple(row) for row in sections if not is_closing(_row_section(row)) and (row[1] or row[2])]
    if not rows:
        raise ValidationError({"outline": _("模板提纲为空，请填写各部分的标题和开头文字后再发布。")})
    registry = refresh()
    texts = [text for row in sections for text in (row[1], row[2])]
    unknown = [
        key
        for key in keys_in(texts)
        # built in, or defined by this county (or above it) for all its townships — not one township's own
        if key not in registry or not county.path.startswith(registry[key].area_path or county.path)
    ]
    if unknown:
        raise ValidationError(
            {"outline": _("模板中有无法计算的指标：%(names)s") % {"names": "、".join(_unregistered_names(unknown))}}
        )
    too_long = [row[1] for row in sections if len(row[1]) > 200]
    if too_long:
        raise ValidationError({"outline": _("标题不能超过200个字：%(heading)s") % {"heading": too_long[0][:20]}})
    missing = missing_contents([_row_section(row) for row in sections])
    if missing:
        raise ValidationError(
            {"outline": _("按督察工作规定第二十五条，模板还缺少：%(contents)s。") % {"contents": "、".join(missing)}}
        )
    with transaction.atomic():
        latest = CountyTemplate.objects.select_for_update().filter(area=county, year=year).order_by("-number").first()
        template = CountyTemplate(
            area=county,
            year=year,
            number=(latest.number + 1) if latest else 1,
            sections=[list(row) for row in sections],
            published_by=actor,
        )
        template.full_clean()
        template.save()
    return template


def _row_section(row) -> ReportSection:
    level, heading, body, kind = row
    return ReportSection(level=level, heading=heading, body=body, content_kind=kind)


def county_template_withdraw(*, actor, county: Area, year: int) -> CountyTemplate:
    """Withdraw the published template: new drafts of `year` no longer start from it (drafts started keep it)."""
    require_area_writable(actor, Module.REPORTS, county)
    with transaction.atomic():
        template = selectors.county_template_current(county=county, year=year)
        if template is None:
            raise ValidationError(
                _("%(county)s没有已发布的%(year)s年度报告模板。") % {"county": county.name, "year": year}
            )
        template = CountyTemplate.objects.select_for_update().get(pk=template.pk)
        template.withdrawn_at = timezone.now()
        template.withdrawn_by = actor
        template.save(update_fields=["withdrawn_at", "withdrawn_by"])
    return template
