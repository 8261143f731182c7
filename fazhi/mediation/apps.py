from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "fazhi.mediation"
    label = "mediation"
    verbose_name = _("矛盾纠纷调解")

    def ready(self) -> None:
        from fazhi.core.registry import (
            NavItem,
            register_attachment,
            register_demo_loader,
            register_dictionary,
            register_generator,
            register_nav,
            register_workbench,
        )
        from fazhi.mediation import choices, demo, generate, metrics, rules, workbench
        from fazhi.mediation.models import Dispute, Session

        group = _("矛盾纠纷与信访")
        register_nav(NavItem(_("矛盾纠纷"), "mediation:dispute_list", "mediation", group, 300))
        register_nav(NavItem(_("调解组织与调解员"), "mediation:roster", "mediation", group, 301))
        register_nav(NavItem(_("纠纷化解统计"), "mediation:stats", "mediation", group, 302))
        register_dictionary(choices.DISPUTE_TYPE, _("矛盾纠纷类型"), choices.DISPUTE_TYPE_DEFAULTS)
        register_dictionary(choices.MEDIATOR_KIND, _("调解员类别"), choices.MEDIATOR_KIND_DEFAULTS)
        rules.register_all()
        metrics.register_all()
        register_workbench(workbench.items)
        from fazhi.core.provenance import register_onward, register_source_finder
        from fazhi.mediation.provenance import dispute_sources

        register_source_finder("mediation.dispute", dispute_sources)
        register_onward(
            "grid.matter",
            text=_("转为矛盾纠纷"),
            url_name="mediation:dispute_create_from_matter",
            perm="mediation.change",
            # an open matter not yet handed on (grid's MatterStatus.REGISTERED / IN_PROGRESS)
            when=lambda matter: matter.status in ("registered", "in_progress") and not matter.transferred_type_id,
        )
        register_demo_loader(demo.load, order=30)
        register_generator(generate.generate, order=30)
        # a session's file is the dispute's: read by whoever may read the dispute (docs/law.md MED-05)
        register_attachment(
            Session._meta.get_field("file"),
            lambda user: Session.objects.filter(dispute__in=Dispute.objects.visible_to(user)),
        )
