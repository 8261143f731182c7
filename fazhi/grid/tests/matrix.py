import datetime

from fazhi.accounts.roles import Role
from fazhi.areas.testing import Case

GRID_VIEWERS = frozenset(
    {Role.LEADER, Role.LEGAL_STAFF, Role.GRID_ADMIN, Role.VILLAGE_CADRE, Role.GRID_MEMBER, Role.SUPERVISOR}
)
GRID_CHANGERS = frozenset({Role.GRID_ADMIN, Role.VILLAGE_CADRE, Role.GRID_MEMBER})


def _grid(world, area):
    return {"pk": area.pk}


def _staff(world, area):
    from fazhi.grid.services import staff_appoint

    staff = staff_appoint(actor=None, area=area, post="leader", name="王网格", valid_from=datetime.date(2023, 1, 1))
    return {"pk": staff.pk}


def _matter(world, area):
    from fazhi.core.dictionaries import dictionary_seed
    from fazhi.grid.services import matter_create

    dictionary_seed()
    matter = matter_create(actor=None, area=area, category="dispute", description="邻里纠纷", source="walk_in")
    return {"pk": matter.pk}


def matter_with_photo(area, actor=None):
    """A matter in `area` with one photo (`png()` of the portal's test helpers); returns the photo's attachment."""
    from fazhi.core.dictionaries import dictionary_seed
    from fazhi.grid.services import matter_create
    from fazhi.portal.tests.helpers import png

    dictionary_seed()
    photo = png("现场.png")
    matter = matter_create(
        actor=actor, area=area, category="dispute", description="邻里纠纷", source="walk_in", attachments=[photo]
    )
    return matter.attachments.get()


def _matter_photo(world, area):
    """An uploaded file (core:media) is read by who may read its record: here a matter's photo."""
    return {"path": matter_with_photo(area).file.name}


def _visit(world, area):
    from fazhi.grid.services import visit_record
    from fazhi.people.services import household_create

    household = household_create(actor=None, area=area, number=f"V{area.pk}", head_name="赵六")
    visit = visit_record(
        actor=None, visitor=world.user(Role.GRID_MEMBER), household=household, visited_on=datetime.date(2023, 5, 1)
    )
    return {"pk": visit.pk}


CASES = [
    Case("grid:grid_list", GRID_VIEWERS),
    Case("grid:grid_detail", GRID_VIEWERS, kwargs=_grid),
    Case("grid:staff_end", GRID_CHANGERS, method="post", kwargs=_staff, data={"valid_to": "2024-01-01"}),
    Case("grid:staff_import", GRID_CHANGERS),
    Case("grid:staff_import_template", GRID_CHANGERS),
    Case("grid:staff_import_confirm", GRID_CHANGERS, method="post"),
    Case("grid:matter_list", GRID_VIEWERS),
    Case("grid:matter_export", GRID_VIEWERS),
    Case("grid:matter_create", GRID_CHANGERS),
    Case("grid:matter_detail", GRID_VIEWERS, kwargs=_matter),
    Case("core:media", GRID_VIEWERS, kwargs=_matter_photo),
    Case("grid:matter_transition", GRID_CHANGERS, method="post", kwargs=_matter, data={"action": "start"}),
    Case("grid:matter_duplicate", GRID_CHANGERS, method="post", kwargs=_matter, data={"number": "none"}),
    Case("grid:reply_list", GRID_VIEWERS),
    Case("grid:visit_list", GRID_VIEWERS),
    Case("grid:visit_export", GRID_VIEWERS),
    Case("grid:visit_create", GRID_CHANGERS),
    # API
    Case("api:matter-list", GRID_VIEWERS),
    Case("api:matter-detail", GRID_VIEWERS, kwargs=_matter),
    Case(
        "api:matter-transition",
        GRID_CHANGERS,
        method="post",
        kwargs=_matter,
        data={"action": "assign"},
    ),
    Case("api:visit-list", GRID_VIEWERS),
    Case("api:visit-detail", GRID_VIEWERS, kwargs=_visit),
]
