from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    label = "reports"
    verbose_name = _("年度报告")

    def ready(self) -> None:
        from fazhi.core.registry import (
            NavItem,
            register_demo_loader,
            register_nav,
            register_oversight,
            register_workbench,
        )
        from fazhi.reports import dashboard_views, demo, workbench

        group = _("组织领导与报告")
        register_nav(NavItem(_("年度报告"), "reports:report_list", "reports", group, 710))
        register_nav(NavItem(_("指标数据"), "reports:metric_list", "reports", group, 711))
        register_nav(NavItem(_("全县汇总"), "reports:county_rollup", "reports", group, 712))
        register_nav(NavItem(_("数据看板"), "reports:township_dashboard", "reports", group, 713))
        register_nav(NavItem(_("全县看板"), "reports:county_dashboard", "reports", group, 714))
        register_workbench(workbench.report_items)
        register_oversight(dashboard_views.oversight_view)
        # After every domain app (order 90 is leadership's), so the draft's figures have records to count.
        register_demo_loader(demo.load, order=95)
