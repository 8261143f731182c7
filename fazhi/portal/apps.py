from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "fazhi.portal"
    label = "portal"
    verbose_name = _("公众服务网站")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi.core.registry import NavItem, register_demo_loader, register_nav, register_workbench
        from fazhi.portal import demo, workbench
        from fazhi.portal.models import PublicRequest

        # The audit trail must never hold a resident's phone number (个人信息保护法 第五十一条): the masked column
        # is recorded instead of the encrypted one.
        auditlog.unregister(PublicRequest)
        auditlog.register(PublicRequest, exclude_fields=["phone"])

        register_nav(NavItem(_("网上群众诉求"), "portal:request_list", "grid", _("网格治理"), 205))
        register_workbench(workbench.unanswered_requests)
        from fazhi.core.provenance import register_source_finder
        from fazhi.portal.provenance import request_sources

        register_source_finder("grid.matter", request_sources)
        register_source_finder("mediation.dispute", request_sources)
        register_demo_loader(demo.load, order=90)
