from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "fazhi.areas"
    label = "areas"
    verbose_name = _("行政区划")

    def ready(self) -> None:
        from fazhi.areas import checks, demo, generate  # noqa: F401 (checks registers on import)
        from fazhi.core.registry import NavItem, register_demo_loader, register_generator, register_nav

        group = _("系统")
        register_nav(NavItem(_("行政区划"), "areas:area_list", "areas", group, 880))
        register_nav(NavItem(_("用户与岗位"), "areas:member_list", "accounts", group, 890))
        register_demo_loader(demo.load, order=0)
        register_generator(generate.generate, order=0)
