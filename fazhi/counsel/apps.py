from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounselConfig(AppConfig):
    name = "fazhi.counsel"
    label = "counsel"
    verbose_name = _("法律服务")
