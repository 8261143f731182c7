from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.accounts.models import User
from fazhi.accounts.roles import Role
from fazhi.areas.models import Area
from fazhi.areas.testing import TEST_PASSWORD, make_user
from fazhi.core.models import AuditEntry


def test_bad_child_area_shows_field_errors_and_saves_nothing(world, client):
    client.force_login(world.user(Role.SYS_ADMIN))
    before = Area.objects.count()
    response = client.post(
        reverse("areas:area_detail", args=[world.township.pk]), {"level": 4, "name": "坏村", "code": "12ab"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "invalid-feedback" in body and "请填写12位数字的统计用区划代码" in body
    assert Area.objects.count() == before


def test_system_admin_adds_a_grid_through_the_page(world, client):
    client.force_login(world.user(Role.SYS_ADMIN))
    response = client.post(
        reverse("areas:area_detail", args=[world.village.pk]), {"level": 5, "name": "新红村第3网格", "grid_number": 3}
    )
    assert response.status_code == 302
    grid = Area.objects.get(name="新红村第3网格")
    assert grid.parent == world.village and grid.path.startswith(world.village.path)


def test_member_creation_is_audited_with_actor_and_address(world, client):
    sec = world.user(Role.SEC_ADMIN)
    client.force_login(sec)
    response = client.post(
        reverse("areas:member_create"),
        {
            "username": "wgy2",
            "display_name": "新网格员",
            "unit": "新红村",
            "password": TEST_PASSWORD,
            "role": Role.GRID_MEMBER,
            "area": world.grid.pk,
            "title": "专职网格员",
        },
        REMOTE_ADDR="10.9.8.7",
    )
    assert response.status_code == 302, response.content.decode()
    user = User.objects.get(username="wgy2")
    entry = AuditEntry.objects.get_for_object(user).get()
    assert entry.actor == sec and entry.remote_addr == "10.9.8.7" and entry.action == AuditEntry.Action.CREATE
    assert "password" not in entry.changes_dict
    post_entry = AuditEntry.objects.get_for_object(user.posts.get()).get()
    assert post_entry.changes_dict["role"][1] == Role.GRID_MEMBER


def test_audit_admin_sees_the_change_and_the_filter_narrows_it(world, client):
    make_user("someone", role=Role.GRID_MEMBER, area=world.grid)
    client.force_login(world.user(Role.AUDIT_ADMIN))
    body = client.get(reverse("core:audit_list")).content.decode()
    assert "someone" in body
    partial = client.get(reverse("core:audit_list"), {"model": "area"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "someone" not in partial and "新红村" in partial


def test_member_creation_refuses_areas_outside_scope(world, client):
    client.force_login(world.user(Role.SEC_ADMIN))
    response = client.post(
        reverse("areas:member_create"),
        {
            "username": "x1",
            "display_name": "越权",
            "password": TEST_PASSWORD,
            "role": Role.GRID_MEMBER,
            "area": world.foreign_grid.pk,
        },
    )
    assert response.status_code == 200 and "area" in response.context["form"].errors
    assert not User.objects.filter(username="x1").exists()


def test_area_list_query_count_does_not_grow_with_rows(world, client):
    client.force_login(world.user(Role.SYS_ADMIN))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("areas:area_list"))
    for i in range(10):
        make_user(f"pad{i}")
        Area.objects.create(
            parent=world.village, level=5, name=f"补{i}", grid_number=10 + i, path=world.village.path + str(9000000 + i)
        )
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("areas:area_list"))
    assert len(large) == len(small)
