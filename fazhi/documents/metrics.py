from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.metrics import Period, register
from fazhi.documents import selectors

SECTION = _("完善制度体系，提升依法行政水平")


def filings_overdue(*, area, period: Period):
    return selectors.filings_overdue_in(area=area, period=period, today=timezone.localdate())


def register_all() -> None:
    figures = [
        ("documents.reviewed", _("合法性审核规范性文件"), selectors.reviews_in),
        ("documents.review_passed", _("合法性审核通过"), selectors.reviews_passed_in),
        ("documents.review_returned", _("合法性审核退回修改"), selectors.reviews_returned_in),
        ("documents.flags_upheld", _("自动预审提示经审核确认"), selectors.flags_upheld_in),
        ("documents.issued", _("公布规范性文件"), selectors.issued_in),
        ("documents.filed", _("报送备案规范性文件"), selectors.filed_in),
        ("documents.filed_on_time", _("按时报送备案规范性文件"), selectors.filed_on_time_in),
        ("documents.filings_overdue", _("超期未备案或逾期备案规范性文件"), filings_overdue),
    ]
    for key, label, records in figures:
        unit = _("条") if key == "documents.flags_upheld" else _("件")
        register(key=key, label=label, unit=unit, section=SECTION, records=records)
