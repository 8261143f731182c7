from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "fazhi.training"
    label = "training"
    verbose_name = _("学法培训")
