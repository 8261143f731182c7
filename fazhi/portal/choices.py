from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    MATTER = "matter", _("反映问题（群众说事）")
    MEDIATION = "mediation", _("申请调解")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("已收到，待受理")
    HANDED_OVER = "handed_over", _("已转交办理")
    REPLIED = "replied", _("办理中，已答复")
    CLOSED = "closed", _("已办结")


class Rating(models.TextChoices):
    # The same three grades as the grid app's 回访满意度.
    SATISFIED = "satisfied", _("满意")
    FAIRLY = "fairly", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")
