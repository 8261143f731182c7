from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "fazhi.petitions"
    label = "petitions"
    verbose_name = _("信访")

    def ready(self) -> None:
        from fazhi.core.registry import (
            NavItem,
            register_demo_loader,
            register_generator,
            register_nav,
            register_workbench,
        )
        from fazhi.petitions import demo, generate, metrics, rules, workbench

        group = _("矛盾纠纷与信访")
        register_nav(NavItem(_("信访事项"), "petitions:petition_list", "petitions", group, 310))
        register_nav(NavItem(_("信访重点人员"), "petitions:key_petitioner_list", "petitions", group, 311))
        rules.register_all()
        metrics.register_all()
        register_workbench(workbench.items)
        from fazhi.core.provenance import register_source_finder
        from fazhi.petitions.provenance import petition_sources

        register_source_finder("petitions.petition", petition_sources)
        register_demo_loader(demo.load, order=40)
        register_generator(generate.generate, order=40)
