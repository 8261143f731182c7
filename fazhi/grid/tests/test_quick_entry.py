"""The matter form: a grid worker's only grid is the default, the category starts blank, the resident is found by
typing, and 保存并继续添加 keeps where and what kind (issue 23)."""

from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.grid.models import Matter
from fazhi.people.services import resident_create


def test_a_grid_worker_s_only_grid_is_the_default_and_the_category_starts_blank(world, client):
    resident_create(actor=None, area=world.grid, name="冉华")
    client.force_login(world.user(Role.GRID_MEMBER))
    page = client.get(reverse("grid:matter_create"))
    form = page.context["form"]
    assert form["area"].value() == world.grid.pk
    assert form["category"].value() is None
    assert "冉华" not in page.content.decode()


def test_save_and_add_another_keeps_grid_category_and_date(world, client):
    client.force_login(world.user(Role.GRID_MEMBER))
    resident = resident_create(actor=None, area=world.grid, name="冉华")
    data = {
        "area": world.grid.pk,
        "category": "dispute",
        "description": "邻里用水纠纷",
        "resident": resident.pk,
        "source": "grid_report",
        "happened_on": "2023-06-01",
        "_add_another": "1",
    }
    response = client.post(reverse("grid:matter_create"), data, follow=True)
    matter = Matter.objects.get()
    assert matter.resident == resident
    assert f"已登记事项 {matter.number}。请继续添加下一条。" in response.content.decode()
    form = response.context["form"]
    assert form["category"].value() == "dispute" and form["happened_on"].value() == "2023-06-01"
    assert form["description"].value() in (None, "") and form["resident"].value() in (None, "")
