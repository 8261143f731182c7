"""`manage.py check --database default` (and every `migrate`) warns about accounts that break 三员分立.

Grants made before the rule existed are reported, never stripped: ending a post is a decision the security admin
takes on the 用户与岗位 page, where it is audited. `manage.py admin_duty_conflicts` lists the same accounts.
"""

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError, connections
from django.utils.translation import gettext as _


@register(Tags.database)
def check_admin_duties_separated(app_configs=None, databases=None, **kwargs):
    # Database checks run only when asked for a database (check --database, migrate), never on every start-up.
    if not databases or "default" not in databases:
        return []
    from fazhi.areas.models import Post
    from fazhi.areas.selectors import duty_conflict_list

    try:
        if Post._meta.db_table not in connections["default"].introspection.table_names():
            return []  # before the first migrate there is nothing to check
        conflicts = duty_conflict_list()
    except DatabaseError:
        return []
    return [
        Warning(
            str(conflict),
            hint=_("三员（系统管理员、安全管理员、审计管理员）须各用专门账号：请安全管理员结束其中一个岗位。"),
            obj=conflict.user,
            id="areas.W001",
        )
        for conflict in conflicts
    ]
