from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = _("行政执法")

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
        from fazhi.enforcement import demo, generate, metrics, workbench
        from fazhi.enforcement.models import CaseRecord, EnforcementCase

        register_nav(NavItem(_("行政执法"), "enforcement:case_list", "enforcement", _("依法行政"), 640))
        register_nav(NavItem(_("执法人员"), "enforcement:officer_list", "enforcement", _("依法行政"), 641))
        register_nav(NavItem(_("执法检查与评查"), "enforcement:inspection_list", "enforcement", _("依法行政"), 642))
        register_workbench(workbench.items)
        register_demo_loader(demo.load, order=62)
        register_generator(generate.generate, order=74)
        metrics.register_all()

        # 行政许可、行政处罚决定7个工作日内公开 (docs/law.md LE-04)
        register_deadline_rule(
            key="enforcement.publish_decision",
            label="行政处罚决定公示期限",
            days=7,
            unit="working",
            source="国办发〔2018〕118号 行政执法公示制度（docs/law.md LE-04）",
            certainty="V",
        )
        # 执法机关、对象、类别、结论等执法结果20个工作日内公开 (docs/law.md LE-04)
        register_deadline_rule(
            key="enforcement.publish_result",
            label="行政执法结果公示期限",
            days=20,
            unit="working",
            source="国办发〔2018〕118号 行政执法公示制度（docs/law.md LE-04）",
            certainty="V",
        )
        # 决定被撤销、确认违法或要求重新作出的，3个工作日内撤下并说明理由 (行政处罚法 第四十八条; docs/law.md LE-05)
        register_deadline_rule(
            key="enforcement.withdraw",
            label="执法公示撤下期限",
            days=3,
            unit="working",
            source="中华人民共和国行政处罚法（2021）第四十八条（docs/law.md LE-05）",
            certainty="V",
        )
        register_attachment(
            CaseRecord._meta.get_field("file"),
            lambda user: CaseRecord.objects.filter(case__in=EnforcementCase.objects.visible_to(user)),
        )
