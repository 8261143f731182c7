from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadershipConfig(AppConfig):
    name = "fazhi.leadership"
    label = "leadership"
    verbose_name = _("组织领导")
