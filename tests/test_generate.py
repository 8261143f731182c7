"""The synthetic county of `manage.py generate_area` is reproducible from its seed and is valid data."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F

from fazhi.areas.models import Area, Level
from fazhi.core.encryption import blind_index
from fazhi.core.registry import registry
from fazhi.decisions.models import Decision
from fazhi.enforcement.models import Officer
from fazhi.grid.models import GridStaff, Matter, Visit
from fazhi.mediation.models import Dispute, DisputeParty, Mediator
from fazhi.people.models import Household, Resident, ResidentTag
from fazhi.people.validation import parse_id_number
from fazhi.petitions.models import KeyPetitioner, Petition, Petitioner
from fazhi.publicity.models import Activity, MediaPost
from fazhi.training.models import Exam, Session

SCOPED = [Household, Resident, GridStaff, Visit, Matter, Mediator, Dispute, Petition, KeyPetitioner, Activity]
SCOPED += [MediaPost, Session, Exam]


def _generate(seed: int) -> None:
    call_command("generate_area", townships=2, residents_per_township=120, years=2, seed=seed, stdout=io.StringIO())


def _snapshot() -> dict:
    """Everything that should repeat, by natural keys (primary keys and ciphertexts legitimately differ)."""
    return {
        "residents": list(
            Resident.objects.order_by("area__name", "household__number", "name", "id_number_hash").values_list(
                "area__name", "household__number", "name", "id_number", "phone", "status"
            )
        ),
        "tags": sorted(ResidentTag.objects.values_list("resident__id_number_masked", "code")),
        "matters": list(Matter.objects.order_by("number").values_list("number", "area__name", "status", "due_date")),
        "visits": sorted(Visit.objects.values_list("area__name", "household__number", "visited_on")),
        "disputes": list(Dispute.objects.order_by("number").values_list("number", "area__name", "tier", "status")),
        "petitions": list(Petition.objects.order_by("number").values_list("number", "area__name", "status", "kind")),
        "activities": sorted(Activity.objects.values_list("area__name", "held_on", "title", "participants")),
    }


def _generated_once(seed: int) -> dict:
    with transaction.atomic():
        _generate(seed)
        snapshot = _snapshot()
        transaction.set_rollback(True)
    return snapshot


@pytest.mark.django_db
def test_the_same_seed_builds_the_same_county_and_another_seed_a_different_one():
    first = _generated_once(7)
    assert first["residents"] and first["matters"] and first["disputes"] and first["petitions"]
    assert _generated_once(7) == first
    assert _generated_once(8)["residents"] != first["residents"]


def _first_township(townships: int) -> dict:
    """The first township's records, by natural keys, in a deployment of `townships` (rolled back after)."""
    with transaction.atomic():
        call_command(
            "generate_area", townships=townships, residents_per_township=120, years=2, seed=7, stdout=io.StringIO()
        )
        inside = {"area__path__startswith": Area.objects.get(level=Level.TOWNSHIP, code="509900001000").path}
        rows = {
            "residents": (Resident, ("area__name", "household__number", "name", "id_number", "phone", "status")),
            "visits": (Visit, ("area__name", "household__number", "visited_on")),
            "matters": (Matter, ("number", "area__name", "category", "status", "due_date")),
            "disputes": (Dispute, ("number", "area__name", "tier", "status", "received_on")),
            "petitions": (Petition, ("number", "area__name", "kind", "status", "received_on")),
            "activities": (Activity, ("area__name", "held_on", "title", "participants")),
            "posts": (MediaPost, ("published_on", "topic", "views")),
            "exams": (Exam, ("title", "scores__score")),
            "officers": (Officer, ("name", "certificate_no")),
            "decisions": (Decision, ("title", "comment_started_on")),
        }
        snapshot = {
            key: sorted(model.objects.filter(**inside).values_list(*fields)) for key, (model, fields) in rows.items()
        }
        transaction.set_rollback(True)
    return snapshot


@pytest.mark.django_db
def test_a_township_s_records_do_not_depend_on_how_many_townships_are_built_beside_it():
    """Each generator draws per area, so the benchmark's scaling ratio (county ÷ one township) compares the same
    township's same records."""
    alone = _first_township(1)
    assert all(alone.values()), [key for key, rows in alone.items() if not rows]
    assert _first_township(3) == alone


@pytest.fixture
def county(db):
    _generate(2023)
    return Area.objects.get(level=Level.COUNTY, code="509900000000")


def test_every_generated_id_number_is_valid_unique_and_matches_its_derived_columns(county):
    residents = list(Resident.objects.all())
    assert len(residents) == 240
    for resident in residents:
        number, birth, sex = parse_id_number(resident.id_number)
        assert (number, birth, sex) == (resident.id_number, resident.birth_date, resident.sex)
        assert resident.birth_year == birth.year
        assert resident.id_number_hash == blind_index(number)
        assert resident.id_number_masked == "*" * 16 + number[-2:]
    assert len({r.id_number for r in residents}) == len(residents)


def test_every_generated_record_lies_inside_the_county_and_its_links_inside_its_area(county):
    for model in SCOPED:
        assert model.objects.exists(), model
        assert not model.objects.exclude(area__path__startswith=county.path).exists(), model
    assert not Resident.objects.exclude(area=F("household__area")).exists()
    assert not Visit.objects.exclude(area=F("household__area")).exists()
    assert not Matter.objects.filter(resident__isnull=False).exclude(area=F("resident__area")).exists()
    for party in DisputeParty.objects.filter(resident__isnull=False).select_related("dispute__area", "resident__area"):
        assert party.dispute.area.contains(party.resident.area)
    for petitioner in Petitioner.objects.select_related("petition__area", "resident__area"):
        assert petitioner.petition.area.contains(petitioner.resident.area)
    assert not Resident.objects.exclude(area__level=Level.GRID).exists()


@pytest.mark.django_db
def test_a_city_run_puts_townships_in_counties_each_with_its_own_division_code():
    call_command("generate_area", townships=3, townships_per_county=2, residents_per_township=30, stdout=io.StringIO())
    counties = list(Area.objects.filter(level=Level.COUNTY).order_by("code"))
    assert [c.code for c in counties] == ["509900000000", "509901000000"]
    by_county = {c.code: sorted(t.code for t in c.children.all()) for c in counties}
    assert by_county == {"509900000000": ["509900001000", "509900002000"], "509901000000": ["509901001000"]}
    for township in Area.objects.filter(level=Level.TOWNSHIP):
        assert Resident.objects.filter(area__path__startswith=township.path).count() == 30


@pytest.mark.django_db
def test_a_township_too_small_to_fill_every_village_still_builds():
    call_command("generate_area", townships=1, residents_per_township=3, stdout=io.StringIO())  # one village lived in
    assert Resident.objects.count() == 3
    assert not Petition.objects.exclude(area__in=Resident.objects.values("area__parent")).exists()


@pytest.mark.django_db
def test_a_county_added_beside_the_demo_continues_its_case_numbers_and_a_failure_leaves_nothing(monkeypatch):
    call_command("load_demo", stdout=io.StringIO())
    counts = {model: model.objects.count() for model in (Area, Resident, Dispute, Petition)}

    def breaks(context):
        raise RuntimeError("generator failed half-way")

    with monkeypatch.context() as patch:
        patch.setattr(registry, "generators", [*registry.generators, (10_000, breaks)])
        with pytest.raises(RuntimeError):
            _generate(3)
    assert {model: model.objects.count() for model in counts} == counts

    before = {model: set(model.objects.values_list("number", flat=True)) for model in (Dispute, Petition)}
    _generate(3)
    for model, numbers in before.items():
        after = list(model.objects.values_list("number", flat=True))
        assert len(after) == len(set(after)) > len(numbers)
        assert numbers <= set(after)  # the demo's records keep their numbers; the county's follow on
