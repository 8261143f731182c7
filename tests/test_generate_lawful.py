"""The synthetic county's 依法行政 records (leadership, ledger, documents, decisions, enforcement, disclosure, counsel)
are valid, lie in their township, repeat from the seed and feed the report's figures."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max

from fazhi.areas.models import Area, Level
from fazhi.core import metrics as core_metrics
from fazhi.core.metrics import Period
from fazhi.counsel.models import ContractReview, LegalCase
from fazhi.decisions.models import Decision, PublicComment
from fazhi.decisions.services import decide_problems
from fazhi.disclosure.models import Board, Posting
from fazhi.disclosure.services import board_next_due
from fazhi.documents.models import DocumentEvent, NormativeDocument
from fazhi.enforcement.models import EnforcementCase, Officer
from fazhi.leadership.models import Meeting, PlanTask
from fazhi.ledger.models import EntryValue, Measure
from fazhi.people.generate import years

APPS = ["leadership", "ledger", "documents", "decisions", "enforcement", "disclosure", "counsel"]
# Every generated row, by the path of the area it belongs to; rows of one model listing several paths link records
# that must all lie in the same township (a case's officers, a clean-up's documents, a contract's reviewer …).
PATHS = {
    "leadership": [
        ("LeadingGroup", "area__path"),
        ("GroupMember", "group__area__path"),
        ("Meeting", "area__path"),
        ("WorkPlan", "area__path"),
        ("PlanTask", "plan__area__path"),
        ("Duty", "area__path"),
    ],
    "ledger": [
        ("RecordType", "area__path"),
        ("Measure", "record_type__area__path"),
        ("FieldDef", "record_type__area__path"),
        ("Entry", "area__path", "record_type__area__path"),
        ("EntryValue", "entry__area__path", "measure__record_type__area__path"),
    ],
    "documents": [
        ("NormativeDocument", "area__path"),
        ("DocumentEvent", "document__area__path"),
        ("LegalityReview", "document__area__path"),
        ("PrecheckFlag", "document__area__path"),
        ("CleanupCampaign", "area__path"),
        ("CleanupItem", "campaign__area__path", "document__area__path"),
    ],
    "decisions": [
        ("Decision", "area__path"),
        ("DecisionEvent", "decision__area__path"),
        ("PublicComment", "decision__area__path"),
        ("ExpertOpinion", "decision__area__path"),
        ("DiscussionStatement", "decision__area__path"),
    ],
    "enforcement": [
        ("Officer", "area__path"),
        ("TrainingRecord", "officer__area__path"),
        ("EnforcementCase", "area__path", "officers__area__path"),
        ("CaseEvent", "case__area__path"),
        ("LegalReview", "case__area__path"),
        ("Publication", "case__area__path"),
        ("Inspection", "area__path"),
        ("Problem", "inspection__area__path"),
        ("JointAction", "area__path"),
    ],
    "disclosure": [("Board", "area__path"), ("Posting", "board__area__path")],
    "counsel": [
        ("Adviser", "area__path"),
        ("DutyDay", "adviser__area__path"),
        ("Opinion", "adviser__area__path"),
        ("Consultation", "area__path", "adviser__area__path"),
        ("ContractReview", "area__path", "reviewer__area__path"),
        ("LegalCase", "area__path"),
        ("CourtAppearance", "case__area__path"),
    ],
}
# Figures the demo itself leaves at zero (no 出庭应诉 recorded as a leadership duty, no case of type 其他).
# Figures a lawful year leaves at zero: no 出庭应诉 or 其他 case is generated, and every officer holds a valid
# certificate at the year's end (a problem figure for the report's 不足).
DEMO_ZEROES = {"leadership.court_appearances", "enforcement.cases.other", "enforcement.officers_without_certificate"}
YEAR = years({"years": 1})[-1]


def _generate(seed: int) -> None:
    call_command("generate_area", townships=2, residents_per_township=200, seed=seed, stdout=io.StringIO())


def _fingerprint() -> dict:
    """A few natural-key fields per app (primary keys legitimately differ between runs)."""
    return {
        "meetings": sorted(Meeting.objects.values_list("area__name", "held_on", "kind")),
        "tasks": sorted(PlanTask.objects.values_list("plan__area__name", "title", "owner", "progress")),
        "ledger": sorted(EntryValue.objects.values_list("entry__area__name", "entry__occurred_on", "value")),
        "documents": sorted(
            NormativeDocument.objects.values_list("area__name", "title", "status", "issued_on", "filed_on")
        ),
        "document_events": sorted(DocumentEvent.objects.values_list("document__title", "action", "on")),
        "decisions": sorted(Decision.objects.values_list("area__name", "title", "status", "discussed_on")),
        "comments": sorted(PublicComment.objects.values_list("decision__area__name", "name", "submitted_at")),
        "officers": sorted(Officer.objects.values_list("certificate_no", "name", "certificate_valid_until")),
        "cases": sorted(EnforcementCase.objects.values_list("area__name", "title", "status", "opened_on")),
        "postings": sorted(Posting.objects.values_list("board__area__name", "title", "posted_on", "due_on")),
        "contracts": sorted(ContractReview.objects.values_list("area__name", "title", "amount", "conclusion")),
        "legal_cases": sorted(LegalCase.objects.values_list("case_number", "outcome", "closed_on")),
    }


def _generated_once(seed: int) -> dict:
    with transaction.atomic():
        _generate(seed)
        fingerprint = _fingerprint()
        transaction.set_rollback(True)
    return fingerprint


@pytest.fixture
def townships(db, django_capture_on_commit_callbacks):
    registered = dict(core_metrics.METRICS)
    with django_capture_on_commit_callbacks(execute=True):  # the ledger registers its measures on commit
        _generate(2023)
    yield list(Area.objects.filter(level=Level.TOWNSHIP, code__startswith="509900").order_by("code"))
    core_metrics.METRICS.clear()  # the rows are rolled back: so are the ledger's keys
    core_metrics.METRICS.update(registered)


def test_every_generated_record_lies_inside_its_township_and_links_only_within_it(townships):
    prefixes = [t.path for t in townships]
    for app, listing in PATHS.items():
        for model_name, *fields in listing:
            model = apps.get_model(app, model_name)
            rows = list(model.objects.values_list(*fields))
            assert rows, f"{app}.{model_name} has no generated records"
            seen = set()
            for row in rows:
                owners = {p for path in row if path is not None for p in prefixes if path.startswith(p)}
                assert len(owners) == 1, (app, model_name, row)
                seen |= owners
            if model_name in ("LeadingGroup", "Board", "NormativeDocument", "Officer", "Adviser", "RecordType"):
                assert seen == set(prefixes), f"{app}.{model_name} is missing from a township"


def test_every_generated_record_passes_model_validation_and_the_procedure_guards(townships):
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            for obj in model.objects.all():
                obj.full_clean()
    for decision in Decision.objects.exclude(discussed_on=None):
        assert decide_problems(decision, decision.discussed_on) == []
    for case in EnforcementCase.objects.exclude(decided_on=None).prefetch_related("officers"):
        assert len([o for o in case.officers.all() if o.certified_on(case.opened_on)]) >= 2, case
    for posting in Posting.objects.exclude(published_on=None):
        assert posting.published_on >= posting.posted_on
    boards = Board.objects.annotate(latest_period_end=Max("postings__period_end"))
    assert all(board.next_due_on == board_next_due(board) for board in boards)  # what posting_create would store


@pytest.mark.django_db
def test_the_same_seed_builds_the_same_lawful_work_records_and_another_seed_different_ones():
    first = _generated_once(7)
    assert all(first.values()), [k for k, v in first.items() if not v]
    assert _generated_once(7) == first
    assert _generated_once(8) != first


def test_every_main_figure_of_each_app_counts_the_generated_year_in_every_township(townships):
    period = Period.year(YEAR)
    metrics = core_metrics.refresh()
    for township in townships:
        for app in APPS:
            keys = [k for k in metrics if k.startswith(f"{app}.") and k not in DEMO_ZEROES]
            if app == "ledger":  # one key per measure: those of this township's own record types
                own = [m.metric_key for m in Measure.objects.filter(record_type__area=township)]
                assert len(own) == 4 and set(own) <= set(keys), own  # the demo's two types, two measures each
                keys = own
            assert keys, app
            zero = [k for k in keys if not metrics[k].value(area=township, period=period)]
            assert not zero, (township.name, zero)
