"""Synthetic areas and accounts for benchmarks: one county (城口县-like) with N townships."""

from django.contrib.auth.hashers import make_password

from fazhi.accounts.models import User
from fazhi.accounts.roles import Role
from fazhi.areas.models import PATH_SEGMENT, Area, Level, Post

VILLAGES_PER_TOWNSHIP = 8
GRIDS_PER_VILLAGE = 2
BENCH_PASSWORD = "Bench@2026pw"


def _bulk_areas(rows: list[Area]) -> list[Area]:
    created = Area.objects.bulk_create(rows)
    for area in created:
        parent_path = area.parent.path if area.parent_id else ""
        area.path = parent_path + str(area.pk).zfill(PATH_SEGMENT)
    Area.objects.bulk_update(created, ["path"], batch_size=1000)
    return created


def generate(context: dict) -> None:
    n = context["n_townships"]
    city = Area.objects.filter(level=Level.CITY, code="500000000000").first()
    if city is None:
        city = _bulk_areas([Area(level=Level.CITY, name="重庆市", code="500000000000", path="tcity")])[0]
    county = _bulk_areas([Area(parent=city, level=Level.COUNTY, name="合成县", code="509900000000", path="tcounty")])[0]
    townships = _bulk_areas(
        [
            Area(
                parent=county, level=Level.TOWNSHIP, name=f"合成{i + 1}乡", code=f"509900{i + 1:03d}000", path=f"tt{i}"
            )
            for i in range(n)
        ]
    )
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
    users = User.objects.bulk_create(users)
    Post.objects.bulk_create([Post(user=u, role=role, area=area) for u, (role, area) in zip(users, posts, strict=True)])
    context.update(county=county, townships=townships, villages=villages, grids=grids)
