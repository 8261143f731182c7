from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "fazhi.imports"
    verbose_name = _("Excel导入")
