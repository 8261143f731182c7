import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.accounts.roles import Role
from fazhi.areas.models import PATH_SEGMENT, Area, Level
from fazhi.areas.services import area_create, area_retire


def test_paths_nest_and_subtree_finds_exactly_the_descendants(world):
    assert world.grid.path.startswith(world.village.path)
    assert len(world.grid.path) == PATH_SEGMENT * world.grid.depth
    names = set(Area.objects.subtree(world.township).values_list("name", flat=True))
    assert names == {"治平乡", "新红村", "新红村第1网格", "新红村第2网格"}
    assert world.foreign_grid not in Area.objects.subtree(world.county)


def test_subtree_query_is_a_range_over_the_indexed_path(world):
    with CaptureQueriesContext(connection) as ctx:
        list(Area.objects.subtree(world.township))
    sql = ctx.captured_queries[0]["sql"]
    assert '"path" >=' in sql and '"path" <' in sql and "LIKE" not in sql.upper()


def test_ancestors_and_full_name(world):
    assert [a.name for a in world.grid.ancestors()] == ["重庆市", "城口县", "治平乡", "新红村"]
    assert world.grid.full_name() == "城口县治平乡新红村新红村第1网格"


def test_level_must_follow_parent(world):
    with pytest.raises(ValidationError) as exc:
        area_create(actor=None, parent=world.township, level=Level.GRID, name="错层网格", grid_number=9)
    assert "不能直接设在" in str(exc.value)


def test_codes_are_twelve_digits_and_grids_are_numbered(world):
    with pytest.raises(ValidationError, match="12"):
        area_create(actor=None, parent=world.township, level=Level.VILLAGE, name="坏代码村", code="5002")
    with pytest.raises(ValidationError, match="网格须在所属村"):
        area_create(actor=None, parent=world.village, level=Level.GRID, name="无号网格")
    with pytest.raises(ValidationError):
        area_create(actor=None, parent=world.village, level=Level.GRID, name="重号网格", grid_number=1)
    assert not Area.objects.filter(name__in=["坏代码村", "无号网格", "重号网格"]).exists()


def test_retiring_an_area_retires_its_subtree_and_keeps_the_rows(world):
    on = datetime.date(2024, 1, 1)
    area_retire(actor=world.user(Role.SYS_ADMIN), area=world.village, on=on)
    retired = Area.objects.subtree(world.village)
    assert retired.count() == 3 and all(a.valid_to == on for a in retired)
    assert world.village not in Area.objects.current()
    assert world.township in Area.objects.current()


def test_only_a_system_admin_in_scope_may_change_the_tree(world):
    with pytest.raises(PermissionDenied):
        area_create(
            actor=world.user(Role.LEADER), parent=world.township, level=Level.VILLAGE, name="新村", code="500229215299"
        )
    with pytest.raises(PermissionDenied):
        area_retire(actor=world.user(Role.SYS_ADMIN), area=world.foreign_grid, on=datetime.date(2024, 1, 1))
    created = area_create(
        actor=world.user(Role.SYS_ADMIN), parent=world.township, level=Level.VILLAGE, name="新村", code="500229215299"
    )
    assert created.path.startswith(world.township.path)
