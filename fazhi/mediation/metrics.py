"""Figures the mediation app contributes to the annual report (seed report 一(四) 三: "累计化解一般矛盾纠纷103件，
重点群体矛盾纠纷2件"). In the seed "一般矛盾纠纷" is set against "重点群体矛盾纠纷", not against the tiers: the
103 are the resolved disputes without a key group, across all three tiers."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.metrics import Period, register
from fazhi.mediation import selectors
from fazhi.mediation.choices import ConfirmationResult, DisputeStatus
from fazhi.mediation.models import Agreement

SECTION = _("聚焦基层治理，助力平安建设")


def general_disputes_resolved(*, area, period: Period):
    return selectors.resolved(area=area, period=period).filter(key_group=False)


def key_group_disputes_resolved(*, area, period: Period):
    return selectors.resolved(area=area, period=period).filter(key_group=True)


def failed(*, area, period: Period):
    return selectors.closed(area=area, period=period).exclude(status=DisputeStatus.RESOLVED)


def agreements(*, area, period: Period):
    return Agreement.objects.filter(
        dispute__in=selectors.disputes_in(area=area, period=period),
        effective_on__gte=period.start,
        effective_on__lte=period.end,
    )


def confirmations(*, area, period: Period):
    return Agreement.objects.filter(
        dispute__in=selectors.disputes_in(area=area, period=period),
        confirmation_result=ConfirmationResult.CONFIRMED,
        confirmation_decided_on__gte=period.start,
        confirmation_decided_on__lte=period.end,
    )


def register_all() -> None:
    register(
        key="mediation.general_disputes_resolved",
        label=_("化解一般矛盾纠纷"),
        unit=_("件"),
        section=SECTION,
        records=general_disputes_resolved,
    )
    register(
        key="mediation.key_group_disputes_resolved",
        label=_("化解重点群体矛盾纠纷"),
        unit=_("件"),
        section=SECTION,
        records=key_group_disputes_resolved,
    )
    register(
        key="mediation.disputes_received",
        label=_("受理矛盾纠纷"),
        unit=_("件"),
        section=SECTION,
        records=selectors.received,
    )
    register(
        key="mediation.disputes_resolved",
        label=_("调解成功"),
        unit=_("件"),
        section=SECTION,
        records=selectors.resolved,
    )
    register(key="mediation.disputes_failed", label=_("调解不成或终止"), unit=_("件"), section=SECTION, records=failed)
    register(
        key="mediation.resolved_in_village",
        label=_("小事不出村：现场或村调委会化解"),
        unit=_("件"),
        section=SECTION,
        records=selectors.resolved_in_village,
    )
    register(key="mediation.agreements", label=_("达成调解协议"), unit=_("份"), section=SECTION, records=agreements)
    register(
        key="mediation.judicial_confirmations",
        label=_("调解协议经司法确认"),
        unit=_("份"),
        section=SECTION,
        records=confirmations,
    )
