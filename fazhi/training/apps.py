from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "fazhi.training"
    label = "training"
    verbose_name = _("学法培训")

    def ready(self) -> None:
        from fazhi.core.registry import (
            NavItem,
            register_demo_loader,
            register_generator,
            register_nav,
            register_workbench,
        )
        from fazhi.training import demo, generate, metrics, workbench

        group = _("普法与学法")
        register_nav(NavItem(_("学法培训"), "training:session_list", "training", group, 510))
        register_nav(NavItem(_("干部学时"), "training:cadre_list", "training", group, 511))
        register_nav(NavItem(_("学法考试"), "training:exam_list", "training", group, 512))
        register_nav(NavItem(_("学法培训要求"), "training:requirement_list", "system", _("系统"), 905))
        metrics.register_all()
        register_workbench(workbench.training_items)
        register_demo_loader(demo.load, order=51)
        register_generator(generate.generate, order=60)
