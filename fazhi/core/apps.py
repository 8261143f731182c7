from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from fazhi.core import checks  # noqa: F401 - registers the deployment security checks
        from fazhi.core.lookups import install as match_nothing_out_of_range
        from fazhi.core.registry import NavItem, register_nav
        from fazhi.core.text import install as refuse_control_characters

        refuse_control_characters()  # every model text field refuses control characters (fazhi/core/text.py)
        match_nothing_out_of_range()  # a number ≥ 2^63 in an `__in` matches nothing, not a 500 (fazhi/core/lookups.py)

        group = _("系统")
        register_nav(NavItem(_("工作日历"), "core:calendar_list", "system", group, 900))
        register_nav(NavItem(_("数据字典"), "core:dictionary_list", "system", group, 901))
        register_nav(NavItem(_("期限规则"), "core:deadline_rule_list", "system", group, 902))
        register_nav(NavItem(_("审计日志"), "core:audit_list", "audit", group, 910))
        # Declared defaults are part of what the schema means: a built-in figure may filter on one (people's tag
        # veteran) and would be broken on a fresh or flushed database until someone ran setup. Core comes first in
        # INSTALLED_APPS and post_migrate is sent app by app in that order, so they exist before any later app's
        # post_migrate work runs (the figures' built-in definitions).
        post_migrate.connect(_seed_dictionaries, sender=self, dispatch_uid="fazhi.core.dictionary_seed")


def _seed_dictionaries(*, using: str = "default", **_signal) -> None:
    from auditlog.context import disable_auditlog
    from django.db import router

    from fazhi.core.dictionaries import dictionary_seed
    from fazhi.core.models import DictionaryEntry

    if using == router.db_for_write(DictionaryEntry):  # dictionary_seed writes there, not to `using`
        # The release's own defaults, written by migrate like the schema itself: not an operator's change for the
        # audit trail (an admin's later edits of them are audited as any change).
        with disable_auditlog():
            dictionary_seed()
