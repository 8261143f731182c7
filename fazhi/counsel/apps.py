from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounselConfig(AppConfig):
    name = "fazhi.counsel"
    label = "counsel"
    verbose_name = _("法律服务")

    def ready(self) -> None:
        from fazhi.core.registry import NavItem, register_demo_loader, register_generator, register_nav
        from fazhi.counsel import demo, generate, metrics

        register_nav(NavItem(_("法律服务"), "counsel:home", "counsel", _("普法与学法"), 520))
        register_nav(NavItem(_("合同合法性审查"), "counsel:contract_list", "counsel", _("依法行政"), 650))
        register_nav(NavItem(_("行政复议与诉讼"), "counsel:legal_case_list", "counsel", _("依法行政"), 651))
        metrics.register_all()
        register_demo_loader(demo.load, order=52)
        register_generator(generate.generate, order=76)
