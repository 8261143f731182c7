from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "fazhi.decisions"
    label = "decisions"
    verbose_name = _("重大行政决策")

    def ready(self) -> None:
        from fazhi.core.registry import (
            NavItem,
            register_attachment,
            register_deadline_rule,
            register_demo_loader,
            register_generator,
            register_nav,
            register_workbench,
        )
        from fazhi.decisions import demo, generate, metrics, workbench
        from fazhi.decisions.models import Decision, DecisionAttachment

        register_nav(NavItem(_("重大行政决策"), "decisions:decision_list", "decisions", _("依法行政"), 610))
        register_workbench(workbench.items)
        register_demo_loader(demo.load, order=61)
        register_generator(generate.generate, order=73)
        metrics.register_all()
        register_deadline_rule(
            key="decisions.public_comment",
            label="重大行政决策公开征求意见期限",
            days=30,
            unit="natural",
            source="重大行政决策程序暂行条例 第十五条（docs/law.md MD-07）",
            certainty="V",
        )
        register_deadline_rule(
            key="decisions.legality_review",
            label="重大行政决策合法性审查期限",
            days=7,
            unit="working",
            source="重大行政决策程序暂行条例 第二十七条（docs/law.md MD-12）",
            certainty="V",
        )
        register_attachment(
            DecisionAttachment._meta.get_field("file"),
            lambda user: DecisionAttachment.objects.filter(decision__in=Decision.objects.visible_to(user)),
        )
