from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadershipConfig(AppConfig):
    name = "fazhi.leadership"
    label = "leadership"
    verbose_name = _("组织领导")

    def ready(self) -> None:
        from fazhi.core.registry import (
            NavItem,
            register_demo_loader,
            register_generator,
            register_nav,
            register_workbench,
        )
        from fazhi.leadership import demo, generate, metrics, workbench

        group = _("组织领导与报告")
        register_nav(NavItem(_("组织领导"), "leadership:home", "leadership", group, 700))
        metrics.register_all()
        register_workbench(workbench.overdue_tasks)
        register_demo_loader(demo.load, order=90)
        register_generator(generate.generate, order=70)
