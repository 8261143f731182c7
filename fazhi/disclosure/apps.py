from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "fazhi.disclosure"
    label = "disclosure"
    verbose_name = _("公开栏")

    def ready(self) -> None:
        from fazhi.core.registry import (
            NavItem,
            register_attachment,
            register_demo_loader,
            register_generator,
            register_nav,
            register_workbench,
        )
        from fazhi.disclosure import demo, generate, metrics, workbench
        from fazhi.disclosure.models import PostingAttachment

        register_nav(NavItem(_("公开栏"), "disclosure:board_list", "disclosure", _("依法行政"), 660))
        register_workbench(workbench.items)
        register_demo_loader(demo.load, order=63)
        register_generator(generate.generate, order=75)
        metrics.register_all()
        register_attachment(PostingAttachment._meta.get_field("file"), PostingAttachment.objects.visible_to)
