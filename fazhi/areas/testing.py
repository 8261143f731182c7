"""Test helpers every app uses: a small two-county world with one user per role, and the
permission-matrix case type that each app fills in its tests/matrix.py."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from fazhi.accounts.models import User
from fazhi.accounts.roles import Role
from fazhi.areas.models import Area, Level
from fazhi.areas.services import area_create, post_grant

ALL_ROLES = frozenset(Role)
TEST_PASSWORD = "Test@2026pw"


@dataclass
class World:
    """城口县 (home county) with 治平乡 and 明通镇; 巫溪县 as a county nobody at home can see."""

    county: Area
    township: Area
    village: Area
    grid: Area
    sibling_grid: Area  # same village, another grid
    other_township: Area
    foreign_county: Area
    foreign_grid: Area
    users: dict[str, User] = field(default_factory=dict)

    def user(self, role: str) -> User:
        return self.users[role]


def make_area(parent: Area | None, level: int, name: str, code: str = "", grid_number: int | None = None) -> Area:
    return area_create(actor=None, parent=parent, level=level, name=name, code=code, grid_number=grid_number)


def make_user(
    username: str,
    *,
    role: str | None = None,
    area: Area | None = None,
    password: str = TEST_PASSWORD,
    valid_from: datetime.date | None = None,
) -> User:
    user = User(username=username, display_name=username)
    user.set_password(password)
    user.save()
    if role:
        post_grant(actor=None, user=user, role=role, area=area, valid_from=valid_from or datetime.date(2020, 1, 1))
    return user


def build_world() -> World:
    city = make_area(None, Level.CITY, "重庆市", "500000000000")
    county = make_area(city, Level.COUNTY, "城口县", "500229000000")
    township = make_area(county, Level.TOWNSHIP, "治平乡", "500229215000")
    village = make_area(township, Level.VILLAGE, "新红村", "500229215201")
    grid = make_area(village, Level.GRID, "新红村第1网格", grid_number=1)
    sibling = make_area(village, Level.GRID, "新红村第2网格", grid_number=2)
    other_township = make_area(county, Level.TOWNSHIP, "明通镇", "500229104000")
    foreign_county = make_area(city, Level.COUNTY, "巫溪县", "500238000000")
    foreign_township = make_area(foreign_county, Level.TOWNSHIP, "宁厂镇", "500238101000")
    foreign_village = make_area(foreign_township, Level.VILLAGE, "宁厂社区", "500238101001")
    foreign_grid = make_area(foreign_village, Level.GRID, "宁厂社区第1网格", grid_number=1)
    world = World(county, township, village, grid, sibling, other_township, foreign_county, foreign_grid)
    placement = {
        Role.SYS_ADMIN: county,
        Role.SEC_ADMIN: county,
        Role.AUDIT_ADMIN: county,
        Role.SUPERVISOR: county,
        Role.LEADER: township,
        Role.LEGAL_STAFF: township,
        Role.GRID_ADMIN: township,
        Role.MEDIATOR: township,
        Role.ENFORCER: township,
        Role.VILLAGE_CADRE: village,
        Role.GRID_MEMBER: grid,
    }
    for role, area in placement.items():
        world.users[role] = make_user(f"u_{role}", role=role, area=area)
    return world


@dataclass(frozen=True)
class Case:
    """One URL in the permission matrix.

    `allowed`: roles that get through; every other role must get 403. With `kwargs`, the URL is built
    for a record in the home grid (allowed roles → success) and for one in the foreign county
    (everyone → 404). `kwargs(world, area)` creates what the URL needs in `area` and returns the URL kwargs.
    """

    url_name: str
    allowed: frozenset = ALL_ROLES
    method: str = "get"
    kwargs: Callable[[World, Area], dict] | None = None
    scoped: bool = True  # with kwargs: does a foreign-county record answer 404?
    anonymous_allowed: bool = False
    data: dict = field(default_factory=dict)
