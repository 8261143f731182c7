from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounselConfig(AppConfig):
    name = "fazhi.counsel"
    label = "counsel"
    verbose_name = _("法律服务")

    def ready(self) -> None:
        from fazhi.core.registry import NavItem, register_demo_loader, register_nav
        from fazhi.counsel import demo, metrics

        register_nav(NavItem(_("法律服务"), "counsel:home", "counsel", _("普法与学法"), 520))
        metrics.register_all()
        register_demo_loader(demo.load, order=52)
