from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "fazhi.ledger"
    label = "ledger"
    verbose_name = _("工作台账")

    def ready(self) -> None:
        from fazhi.core import metrics as core_metrics
        from fazhi.core.registry import (
            NavItem,
            register_attachment,
            register_demo_loader,
            register_generator,
            register_nav,
        )
        from fazhi.ledger import demo, generate
        from fazhi.ledger.metrics import register_all, sync_ledger_metrics
        from fazhi.ledger.models import Entry

        register_nav(NavItem(_("工作台账"), "ledger:type_list", "ledger", _("普法与学法"), 530))
        register_demo_loader(demo.load, order=53)
        register_generator(generate.generate, order=71)
        core_metrics.register_provider(sync_ledger_metrics)
        register_all()
        register_attachment(Entry._meta.get_field("attachment"), Entry.objects.visible_to)
