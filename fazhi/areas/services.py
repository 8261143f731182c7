import datetime
import re
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.accounts.models import User
from fazhi.accounts.roles import Module, Role, duty_of
from fazhi.accounts.services import user_create
from fazhi.areas.models import PATH_SEGMENT, Area, Level, Post
from fazhi.areas.scoping import require_area_writable

# The level a role's post must sit at; roles not listed may sit at any level.
ROLE_LEVELS: dict[str, set[int]] = {
    Role.SUPERVISOR: {Level.CITY, Level.COUNTY},
    Role.LEADER: {Level.TOWNSHIP},
    Role.VILLAGE_CADRE: {Level.VILLAGE},
    Role.GRID_MEMBER: {Level.GRID},
}


def area_create(
    *,
    actor,
    parent: Area | None,
    level: int,
    name: str,
    code: str = "",
    grid_number: int | None = None,
    valid_from: datetime.date | None = None,
) -> Area:
    if parent is not None:
        require_area_writable(actor, Module.AREAS, parent)
    elif actor is not None:
        raise PermissionDenied(_("只有平台初始化时才能创建顶级区划。"))
    with transaction.atomic():
        area = Area(
            parent=parent,
            level=level,
            name=name.strip(),
            code=code.strip(),
            grid_number=grid_number,
            path=f"t{uuid.uuid4().hex}",
        )
        if valid_from:
            area.valid_from = valid_from
        _validate_area(area)
        area.save()
        area.path = (parent.path if parent else "") + str(area.pk).zfill(PATH_SEGMENT)
        area.save(update_fields=["path"])
    return area


def _validate_area(area: Area) -> None:
    errors = {}
    parent = area.parent
    if parent is not None and area.level != parent.level + 1:
        errors["level"] = _("“%(child)s”不能直接设在“%(parent)s”之下。") % {
            "child": area.get_level_display(),
            "parent": parent.get_level_display(),
        }
    if parent is not None and parent.is_retired:
        errors["parent"] = _("上级区划已停用。")
    if area.level == Level.GRID:
        if not area.grid_number:
            errors["grid_number"] = _("网格须在所属村（社区）内编号。")
        if area.code:
            errors["code"] = _("网格不使用统计区划代码，请填写网格编号。")
    elif not re.fullmatch(r"[0-9]{12}", area.code):
        errors["code"] = _("请填写12位数字的统计用区划代码。")
    if errors:
        raise ValidationError(errors)
    area.full_clean(exclude=["path"])


def area_retire(*, actor, area: Area, on: datetime.date) -> Area:
    """Areas are never deleted: the area and everything under it stop on `on`; old records keep their place."""
    require_area_writable(actor, Module.AREAS, area)
    if on < area.valid_from:
        raise ValidationError({"valid_to": _("停用日期不能早于启用日期。")})
    with transaction.atomic():
        for node in Area.objects.select_for_update().subtree(area).filter(valid_to__isnull=True):
            node.valid_to = on
            node.save(update_fields=["valid_to"])
    area.refresh_from_db()
    return area


def post_grant(
    *, actor, user: User, role: str, area: Area, title: str = "", valid_from: datetime.date | None = None
) -> Post:
    require_area_writable(actor, Module.ACCOUNTS, area)
    if actor is not None and actor.pk == user.pk:
        # 三员分立: the security admin cannot widen their own rights.
        raise PermissionDenied(_("不能给自己授予岗位。"))
    allowed = ROLE_LEVELS.get(role)
    if allowed and area.level not in allowed:
        levels = "、".join(str(Level(level).label) for level in sorted(allowed))
        raise ValidationError(
            {"area": _("“%(role)s”岗位只能设在%(levels)s。") % {"role": Role(role).label, "levels": levels}}
        )
    if area.is_retired:
        raise ValidationError({"area": _("该区划已停用。")})
    with transaction.atomic():
        # 三员分立 spans rows (this account's other posts and their periods), which no CHECK constraint can see;
        # PostgreSQL's EXCLUDE could, SQLite has nothing like it, and either would refuse to migrate over the
        # earlier grants that `manage.py admin_duty_conflicts` must report rather than strip. So every grant
        # comes through here (pages, member_create, the first-admin command, the demo and test worlds), and
        # the lock on the account's row makes two concurrent grants to one account take turns: the second
        # sees the first's post and is refused. (On SQLite, writing transactions already run one at a time.)
        User.objects.select_for_update().filter(pk=user.pk).get()
        post = Post(user=user, role=role, area=area, title=title)
        if valid_from:
            post.valid_from = valid_from
        post.full_clean()
        _require_one_duty(user=user, role=role, valid_from=post.valid_from)
        post.save()
    return post


def _require_one_duty(*, user: User, role: str, valid_from: datetime.date) -> None:
    """An account holding one of 系统管理员/安全管理员/审计管理员 holds no other admin role and no domain post, at the
    same time — GB/T 22239-2019 8.1.4.2 访问控制 d) (管理用户权限分离) and 8.1.5 安全管理中心 (三员, each through
    their own account). Domain posts may be combined freely. A new post runs from valid_from with no end."""
    for held in Post.objects.filter(user=user).overlapping(valid_from).select_related("area"):
        if duty_of(held.role) != duty_of(role):
            raise ValidationError(
                {
                    "role": _(
                        "“%(user)s”已担任“%(held)s”（%(area)s），不能再授予“%(role)s”："
                        "系统管理员、安全管理员、审计管理员须各用专门账号，不得兼任其他管理员岗位或业务岗位。"
                    )
                    % {"user": user, "held": Role(held.role).label, "area": held.area.name, "role": Role(role).label}
                }
            )


def post_end(*, actor, post: Post, on: datetime.date) -> Post:
    require_area_writable(actor, Module.ACCOUNTS, post.area)
    if on < post.valid_from:
        raise ValidationError({"valid_to": _("任职截止日期不能早于起始日期。")})
    with transaction.atomic():
        post.valid_to = on
        post.full_clean()
        post.save(update_fields=["valid_to"])
    return post


def member_create(
    *, actor, username: str, display_name: str, unit: str, password: str, role: str, area: Area, title: str = ""
) -> Post:
    """A new account with its first post, in one transaction: no account is left without a place."""
    require_area_writable(actor, Module.ACCOUNTS, area)
    with transaction.atomic():
        user = user_create(
            actor=actor,
            username=username,
            display_name=display_name,
            unit=unit,
            password=password,
            must_change_password=True,
        )
        return post_grant(actor=actor, user=user, role=role, area=area, title=title)


def security_admin_bootstrap(
    *,
    username: str,
    display_name: str,
    unit: str,
    password: str,
    area_code: str,
    area_name: str = "",
    area_level: int = Level.COUNTY,
) -> Post:
    """The first 安全管理员 of a deployment (manage.py create_security_admin), at the top area, created here when
    the deployment has none yet. Every later account is made by a security admin on the 用户与岗位 page, so this
    refuses once one is in post: the command line must not become a way round that page and its audit trail.
    The account must change its password at first sign-in, then bind its phone (accounts.middleware)."""
    with transaction.atomic():
        current = Post.objects.overlapping(timezone.localdate()).filter(role=Role.SEC_ADMIN).select_related("user")
        holder = current.first()
        if holder is not None:
            raise ValidationError(
                _("已有安全管理员“%(u)s”，其他账号请由安全管理员在“用户与岗位”中创建。") % {"u": holder.user.username}
            )
        area = Area.objects.filter(code=area_code.strip()).first() if area_code.strip() else None
        if area is None:
            if not area_name.strip():
                message = _("没有区划代码为“%(c)s”的区划；首次部署请同时给出区划名称，以创建顶级区划。")
                raise ValidationError({"area_code": message % {"c": area_code}})
            if area_level not in (Level.CITY, Level.COUNTY):
                raise ValidationError({"area_level": _("顶级区划只能是市或县/区。")})
            area = area_create(actor=None, parent=None, level=area_level, name=area_name, code=area_code)
        return member_create(
            actor=None,
            username=username,
            display_name=display_name,
            unit=unit,
            password=password,
            role=Role.SEC_ADMIN,
            area=area,
        )
