from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "fazhi.documents"
    label = "documents"
    verbose_name = _("规范性文件")
