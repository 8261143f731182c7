from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = _("行政执法")

    def ready(self) -> None:
        from fazhi.core.registry import register_deadline_rule, register_demo_loader, register_workbench
        from fazhi.enforcement import demo, workbench

        register_workbench(workbench.items)
        register_demo_loader(demo.load, order=62)

        # 行政许可、行政处罚决定7个工作日内公开 (DOMAIN.md LE-04)
        register_deadline_rule(
            key="enforcement.publish_decision",
            label="行政处罚决定公示期限",
            days=7,
            unit="working",
            source="国办发〔2018〕118号 行政执法公示制度（DOMAIN.md LE-04）",
            certainty="V",
        )
