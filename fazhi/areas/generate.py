"""Synthetic areas and accounts for benchmarks: N townships in counties of 25 (城口县 has 25), under one city.

Township codes follow 行政区划代码 (县 digits 5-6, 乡 digits 7-9), so a city of up to 100 counties stays valid."""

from django.contrib.auth.hashers import make_password

from fazhi.accounts.models import User
from fazhi.accounts.roles import Role
from fazhi.areas.models import PATH_SEGMENT, Area, Level, Post

VILLAGES_PER_TOWNSHIP = 8
GRIDS_PER_VILLAGE = 2
TOWNSHIPS_PER_COUNTY = 25
BENCH_PASSWORD = "Bench@2026pw"


def _bulk_areas(rows: list[Area]) -> list[Area]:
    created = Area.objects.bulk_create(rows)
    for area in created:
        parent_path = area.parent.path if area.parent_id else ""
        area.path = parent_path + str(area.pk).zfill(PATH_SEGMENT)
    Area.objects.bulk_update(created, ["path"], batch_size=1000)
    return created


def generate(context: dict) -> None:
    n, per_county = context["n_townships"], context.get("townships_per_county", TOWNSHIPS_PER_COUNTY)
    city = Area.objects.filter(level=Level.CITY, code="500000000000").first()
    if city is None:
        city = _bulk_areas([Area(level=Level.CITY, name="重庆市", code="500000000000", path="tcity")])[0]
    n_counties = -(-n // per_county)
    counties = _bulk_areas(
        [
            Area(parent=city, level=Level.COUNTY, name="合成县" if c == 0 else f"合成{c + 1}县",
                 code=f"5099{c:02d}000000", path=f"tc{c}")
            for c in range(n_counties)
        ]
    )  # fmt: skip
    townships = _bulk_areas(
        [
            Area(parent=counties[i // per_county], level=Level.TOWNSHIP, name=f"合成{i + 1}乡",
                 code=f"5099{i // per_county:02d}{i % per_county + 1:03d}000", path=f"tt{i}")
            for i in range(n)
        ]
    )  # fmt: skip
    villages = _bulk_areas(
        [
            Area(
                parent=t,
                level=Level.VILLAGE,
                name=f"{t.name}{v + 1}村",
                code=f"{t.code[:9]}{v + 1:03d}",
                path=f"tv{t.pk}_{v}",
            )
            for t in townships
            for v in range(VILLAGES_PER_TOWNSHIP)
        ]
    )
    grids = _bulk_areas(
        [
            Area(parent=v, level=Level.GRID, name=f"{v.name}第{g + 1}网格", grid_number=g + 1, path=f"tg{v.pk}_{g}")
            for v in villages
            for g in range(GRIDS_PER_VILLAGE)
        ]
    )
    password = make_password(BENCH_PASSWORD)
    users, posts = [], []
    for i, township in enumerate(townships):
        for role in (Role.LEGAL_STAFF, Role.LEADER, Role.GRID_ADMIN):
            users.append(
                User(username=f"bench_{role}_{i + 1}", display_name=f"{township.name}{role}", password=password)
            )
            posts.append((role, township))
    for grid in grids:
        users.append(User(username=f"bench_grid_{grid.pk}", display_name=grid.name, password=password))
        posts.append((Role.GRID_MEMBER, grid))
    for c, county in enumerate(counties):  # the county's 司法局 staff and its 督察, over every township
        for role in (Role.LEGAL_STAFF, Role.SUPERVISOR):
            users.append(User(username=f"bench_county_{role}_{c + 1}", display_name=f"{county.name}{role}",
                              password=password))  # fmt: skip
            posts.append((role, county))
    users = User.objects.bulk_create(users)
    Post.objects.bulk_create([Post(user=u, role=role, area=area) for u, (role, area) in zip(users, posts, strict=True)])
    context.update(county=counties[0], counties=counties, townships=townships, villages=villages, grids=grids)
