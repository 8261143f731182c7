from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GridConfig(AppConfig):
    name = "fazhi.grid"
    label = "grid"
    verbose_name = _("网格治理")

    def ready(self) -> None:
        from fazhi.core.registry import (
            NavItem,
            register_attachment,
            register_deadline_rule,
            register_demo_loader,
            register_dictionary,
            register_generator,
            register_nav,
            register_workbench,
        )
        from fazhi.grid import choices, demo, generate, metrics, timeline, workbench
        from fazhi.grid.models import Matter, MatterAttachment
        from fazhi.people.timeline import register_timeline

        group = _("网格治理")
        register_nav(NavItem(_("网格"), "grid:grid_list", "grid", group, 200))
        register_nav(NavItem(_("群众说事"), "grid:matter_list", "grid", group, 201))
        register_nav(NavItem(_("走访"), "grid:visit_list", "grid", group, 202))
        register_nav(NavItem(_("常用答复"), "grid:reply_list", "grid", group, 203))
        register_dictionary(
            choices.CATEGORY, _("群众说事类别"), [(c, str(label)) for c, label in choices.CATEGORY_DEFAULTS]
        )
        labels = dict(choices.CATEGORY_DEFAULTS)
        # Grid event handling periods are local, not national (docs/law.md GRID-08 [C]): configurable per category.
        register_deadline_rule(
            key="grid.matter.default",
            label=str(_("群众说事办理期限（默认）")),
            days=10,
            unit="working",
            source="本乡镇网格化服务管理事项办理时限（docs/law.md GRID-08，地方惯例，可调整）",
            certainty="C",
        )
        for code, days in choices.CATEGORY_DAYS.items():
            register_deadline_rule(
                key=f"grid.matter.{code}",
                label=str(_("群众说事办理期限：%(c)s") % {"c": labels[code]}),
                days=days,
                unit="working",
                source="本乡镇网格化服务管理事项办理时限（docs/law.md GRID-08，地方惯例，可调整）",
                certainty="C",
            )
        register_workbench(workbench.overdue_matters)
        from fazhi.core.provenance import register_source_finder
        from fazhi.grid.provenance import matter_sources

        register_source_finder("grid.matter", matter_sources)
        register_timeline(timeline.resident_entries)
        metrics.register_all()
        register_demo_loader(demo.load, order=30)
        register_generator(generate.generate, order=20)
        register_attachment(
            MatterAttachment._meta.get_field("file"),
            lambda user: MatterAttachment.objects.filter(matter__in=Matter.objects.visible_to(user)),
        )
