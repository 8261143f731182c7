from fazhi.accounts.roles import Role
from fazhi.areas.testing import ALL_ROLES, Case

SYS = frozenset({Role.SYS_ADMIN})

CASES = [
    Case("core:workbench", ALL_ROLES),
    Case("core:calendar_list", SYS),
    Case(
        "core:calendar_day_clear", SYS, method="post", kwargs=lambda world, area: {"date": "2030-01-01"}, scoped=False
    ),
    Case("core:calendar_year_confirm", SYS, method="post", kwargs=lambda world, area: {"year": 2031}, scoped=False),
    Case("core:dictionary_list", SYS),
    Case("core:deadline_rule_list", SYS),
    Case("core:audit_list", frozenset({Role.AUDIT_ADMIN})),
    Case("set_language", ALL_ROLES, method="post", anonymous_allowed=True, data={"language": "en"}),
]
