from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "fazhi.figures"
    label = "figures"
    verbose_name = _("统计指标")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from fazhi.core import metrics
        from fazhi.core.registry import NavItem, register_nav
        from fazhi.figures import builtins, registry

        register_nav(NavItem(_("指标定义"), "figures:definition_list", "reports", _("组织领导与报告"), 713))
        metrics.register_provider(registry.sync)
        post_migrate.connect(builtins.sync_builtins, sender=self)
