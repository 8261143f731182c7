from fazhi.accounts.roles import Role
from fazhi.areas.testing import Case

PEOPLE_VIEWERS = frozenset(
    {
        Role.LEADER,
        Role.LEGAL_STAFF,
        Role.GRID_ADMIN,
        Role.VILLAGE_CADRE,
        Role.GRID_MEMBER,
        Role.MEDIATOR,
        Role.SUPERVISOR,
    }
)
PEOPLE_CHANGERS = frozenset({Role.GRID_ADMIN, Role.VILLAGE_CADRE, Role.GRID_MEMBER})

ID_NUMBERS = iter(f"500229199001{n:02d}{s:03d}" for n in range(10, 29) for s in range(100, 999))


def _resident(world, area):
    from fazhi.people.services import resident_create
    from fazhi.people.validation import id_check_char

    first17 = next(ID_NUMBERS)[:17]
    resident = resident_create(actor=None, area=area, name="张三", id_number=first17 + id_check_char(first17))
    return {"pk": resident.pk}


def _household(world, area):
    from fazhi.people.services import household_create

    household = household_create(actor=None, area=area, number=f"H{area.pk}", head_name="李四")
    return {"pk": household.pk}


def _job(world, area):
    from fazhi.people.models import ImportJob

    job = ImportJob.objects.create(
        area=area, actor=world.user(Role.GRID_MEMBER), name="x.xlsx", status="invalid", file="people/imports/x.xlsx"
    )
    return {"pk": job.pk}


def _annotated_job(world, area):
    import io

    from django.core.files.base import ContentFile
    from openpyxl import Workbook

    from fazhi.people.io import COLUMNS, SHEET
    from fazhi.people.models import ImportJob

    wb = Workbook()
    wb.active.title = SHEET
    wb.active.append(COLUMNS)
    buf = io.BytesIO()
    wb.save(buf)
    job = ImportJob(area=area, actor=world.user(Role.GRID_MEMBER), name="x.xlsx", status="invalid")
    job.file.save("x.xlsx", ContentFile(buf.getvalue()), save=True)
    return {"pk": job.pk}


CASES = [
    Case("people:resident_list", PEOPLE_VIEWERS),
    Case("people:resident_export", PEOPLE_VIEWERS),
    Case("people:resident_create", PEOPLE_CHANGERS),
    # Every signed-in user may ask; each is answered only from their own scope (test_search).
    Case("people:resident_search"),
    Case("people:resident_detail", PEOPLE_VIEWERS, kwargs=_resident),
    Case("people:resident_edit", PEOPLE_CHANGERS, kwargs=_resident),
    Case(
        "people:resident_reveal",
        PEOPLE_CHANGERS,
        method="post",
        kwargs=_resident,
        data={"field": "id_number", "reason": "核实低保申请身份"},
    ),
    Case("people:household_list", PEOPLE_VIEWERS),
    Case("people:household_export", PEOPLE_VIEWERS),
    Case("people:household_create", PEOPLE_CHANGERS),
    Case("people:household_detail", PEOPLE_VIEWERS, kwargs=_household),
    Case("people:import_upload", PEOPLE_CHANGERS),
    Case("people:import_template", PEOPLE_CHANGERS),
    Case("people:import_detail", PEOPLE_CHANGERS, kwargs=_job),
    Case("people:import_confirm", PEOPLE_CHANGERS, method="post", kwargs=_job),
    Case("people:import_annotated", PEOPLE_CHANGERS, kwargs=_annotated_job),
    # API
    Case("api:resident-list", PEOPLE_VIEWERS),
    Case("api:resident-detail", PEOPLE_VIEWERS, kwargs=_resident),
    Case("api:household-list", PEOPLE_VIEWERS),
    Case("api:household-detail", PEOPLE_VIEWERS, kwargs=_household),
]
