from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self) -> None:
        from fazhi.core import checks  # noqa: F401 - registers the deployment security checks
        from fazhi.core.registry import NavItem, register_nav
        from fazhi.core.text import install as refuse_control_characters

        refuse_control_characters()  # every model text field refuses control characters (fazhi/core/text.py)

        group = _("系统")
        register_nav(NavItem(_("工作日历"), "core:calendar_list", "system", group, 900))
        register_nav(NavItem(_("数据字典"), "core:dictionary_list", "system", group, 901))
        register_nav(NavItem(_("期限规则"), "core:deadline_rule_list", "system", group, 902))
        register_nav(NavItem(_("审计日志"), "core:audit_list", "audit", group, 910))
