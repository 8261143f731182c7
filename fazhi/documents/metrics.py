from django.utils.translation import gettext_lazy as _

from fazhi.areas.models import subtree_q
from fazhi.core.metrics import Period, register
from fazhi.documents.models import DocumentStatus, NormativeDocument

SECTION = _("完善制度体系，提升依法行政水平")
PUBLISHED = [DocumentStatus.ISSUED, DocumentStatus.FILED]


def issued(*, area, period: Period):
    return NormativeDocument.objects.filter(
        subtree_q(area.path), status__in=PUBLISHED, issued_on__gte=period.start, issued_on__lte=period.end
    )


def filed(*, area, period: Period):
    return NormativeDocument.objects.filter(
        subtree_q(area.path), status=DocumentStatus.FILED, filed_on__gte=period.start, filed_on__lte=period.end
    )


def register_all() -> None:
    register(key="documents.issued", label=_("公布规范性文件"), unit=_("件"), section=SECTION, records=issued)
    register(key="documents.filed", label=_("报送备案规范性文件"), unit=_("件"), section=SECTION, records=filed)
