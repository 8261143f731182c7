import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import Role
from fazhi.core import facts

# Each tree level adds one fixed-width segment of the area's id to the path, so the path is all
# digits and "this area and below" is an index-backed range query on any database and collation.
PATH_SEGMENT = 7


class Level(models.IntegerChoices):
    CITY = 1, _("市")
    COUNTY = 2, _("县/区")
    TOWNSHIP = 3, _("乡/镇/街道")
    VILLAGE = 4, _("村/社区")
    GRID = 5, _("网格")


def subtree_q(path: str, field: str = "area__path") -> Q:
    """Rows whose area path starts with `path` (the area itself and everything under it)."""
    return facts.subtree_q(path, field)


def ancestor_paths(path: str) -> list[str]:
    """The paths of the areas above the one at `path`, the highest first."""
    return [path[:i] for i in range(PATH_SEGMENT, len(path), PATH_SEGMENT)]


def lineage_q(path: str, field: str = "area__path") -> Q:
    """Rows whose area is `path`'s area, one above it, or one under it (the areas `Area.contains` relates it to)."""
    return Q(**{f"{field}__in": ancestor_paths(path)}) | subtree_q(path, field)


class AreaQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on)))

    def subtree(self, area: "Area"):
        return self.filter(subtree_q(area.path, "path"))


class Area(models.Model):
    """One node of 县 → 乡镇 → 村/社区 → 网格. Never deleted; retired by valid_to."""

    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级")
    )
    level = models.PositiveSmallIntegerField(_("层级"), choices=Level.choices)
    name = models.CharField(_("名称"), max_length=60)
    # 12-digit statistical division code (统计用区划代码) for county, township and village; grids are
    # numbered inside their village instead.
    code = models.CharField(_("区划代码"), max_length=12, blank=True)
    grid_number = models.PositiveSmallIntegerField(_("网格编号"), null=True, blank=True)
    path = models.CharField(_("路径"), max_length=PATH_SEGMENT * 6, unique=True, editable=False)
    valid_from = models.DateField(_("启用日期"), default=datetime.date(2000, 1, 1))
    valid_to = models.DateField(_("停用日期"), null=True, blank=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("区划")
        verbose_name_plural = _("区划")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=~Q(code=""),
                name="area_code_unique",
                violation_error_message=_("该区划代码已被使用。"),
            ),
            models.UniqueConstraint(
                fields=["parent", "grid_number"],
                condition=Q(grid_number__isnull=False),
                name="area_grid_number_unique",
                violation_error_message=_("本村（社区）已有该编号的网格。"),
            ),
            models.CheckConstraint(
                condition=Q(code="") | Q(code__regex=r"^[0-9]{12}$"),
                name="area_code_12_digits",
                violation_error_message=_("区划代码须为12位数字。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return len(self.path) // PATH_SEGMENT

    @property
    def is_retired(self) -> bool:
        return self.valid_to is not None and self.valid_to <= timezone.localdate()

    def ancestors(self) -> models.QuerySet:
        return Area.objects.filter(path__in=ancestor_paths(self.path)).order_by("path")

    def contains(self, other: "Area") -> bool:
        return other.path.startswith(self.path)

    def full_name(self) -> str:
        return "".join(a.name for a in [*self.ancestors(), self] if a.level >= Level.COUNTY)


def periods_overlap(
    a_from: datetime.date, a_to: datetime.date | None, b_from: datetime.date, b_to: datetime.date | None
) -> bool:
    """Do two post periods [from, to) share a day? An open end runs for ever; an empty period shares none."""
    if a_to == a_from or b_to == b_from:
        return False
    return (b_to is None or a_from < b_to) and (a_to is None or b_from < a_to)


class PostQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on)))

    def overlapping(self, valid_from: datetime.date, valid_to: datetime.date | None = None):
        """Posts whose period shares a day with [valid_from, valid_to) — the same test as periods_overlap."""
        if valid_to == valid_from:
            return self.none()
        q = Q(valid_to__isnull=True) | Q(valid_to__gt=valid_from)
        if valid_to is not None:
            q &= Q(valid_from__lt=valid_to)
        return self.filter(q).exclude(valid_to=models.F("valid_from"))


class Post(models.Model):
    """岗位: one role held at one area for a period. History is kept; posts end, they are not deleted."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts", verbose_name=_("用户")
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="posts", verbose_name=_("区划"))
    title = models.CharField(_("职务"), max_length=60, blank=True)
    valid_from = models.DateField(_("任职起始"), default=datetime.date.today)
    valid_to = models.DateField(_("任职截止"), null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        ordering = ["user_id", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="post_period_ordered",
                violation_error_message=_("任职截止日期不能早于起始日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area.name} · {self.get_role_display()}"
