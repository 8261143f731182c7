"""No lost update anywhere (docs/security.md, "No lost updates"): every record a person edits carries a version, and
every page form and API update that changes it must name the version it edited.

The URLs are discovered, not listed by hand: every URL of the permission matrix that takes a record is POSTed to
without a version, and a URL that accepts it must be declared a creation or a read below — so a new edit form that
forgets the version fails here. The API side walks the router: every viewset that can update a record must use
`VersionedUpdateMixin`, and each one is PATCHed without, with a stale and with the current version.
"""

import pytest
from django.apps import apps
from django.forms.models import model_to_dict
from django.urls import reverse

from config.api_urls import router
from fazhi.accounts.roles import Role
from fazhi.areas.models import Level
from fazhi.areas.testing import make_area, make_user
from fazhi.core.concurrency import VersionedModel, VersionedUpdateMixin, VersionETagMixin
from fazhi.core.models import AuditEntry
from tests.test_permission_matrix import CASES

# URL name → the record (app_label.Model) whose version its form posts; a POST without it answers 428.
EDITS = {
    "people:resident_edit": "people.Resident",
    "disclosure:posting_edit": "disclosure.Posting",
    "disclosure:posting_publish": "disclosure.Posting",
    "disclosure:posting_withdraw": "disclosure.Posting",
    "disclosure:posting_remove": "disclosure.Posting",
    "enforcement:officer_update": "enforcement.Officer",
    "enforcement:case_detail": "enforcement.EnforcementCase",
    "grid:staff_end": "grid.GridStaff",
    "grid:matter_transition": "grid.Matter",
    "grid:matter_duplicate": "grid.Matter",
    "leadership:member_end": "leadership.GroupMember",
    "leadership:task_update": "leadership.PlanTask",
    "petitions:key_petitioner_detail": "petitions.KeyPetitioner",
    "petitions:petition_action": "petitions.Petition",
    "counsel:contract_detail": "counsel.ContractReview",
    "counsel:legal_case_detail": "counsel.LegalCase",
    "mediation:dispute_action": "mediation.Dispute",
    "decisions:decision_update": "decisions.Decision",
    "decisions:decision_transition": "decisions.Decision",
    "decisions:decision_step": "decisions.Decision",
    "decisions:decision_catalogue": "decisions.Decision",
    "decisions:decision_attachment": "decisions.Decision",
    "decisions:comment_moderate": "decisions.Decision",  # moderation is a step of the decision's procedure
    "documents:flag_decide": "documents.PrecheckFlag",
    "documents:cleanup_decide": "documents.CleanupItem",
    "documents:document_update": "documents.NormativeDocument",
    "documents:document_transition": "documents.NormativeDocument",
    "documents:document_review": "documents.NormativeDocument",
}

# The URL argument naming the edited record where it is not `pk` (a flag within its document, an item within its
# campaign).
RECORD_ARGUMENT = {"documents:flag_decide": "flag_pk", "documents:cleanup_decide": "item_pk"}

# URLs taking a record that accept a POST without a version, and why that loses nothing.
NOT_EDITS = {
    "people:resident_reveal": "records who revealed a number and why; the resident is not changed",
    "areas:service_account_revoke": "one-way: revoking twice ends in the same state, nothing to overwrite",
}

# Report sections and figure definitions are versioned by their own apps' tests.
ELSEWHERE = ("reports:", "figures:")


def _cases_by_url():
    by_url = {}
    for case in CASES:
        if case.kwargs is None or case.url_name.startswith(("api:", *ELSEWHERE)):
            continue
        # A POST case carries the data its action needs; a GET case names the form page.
        if case.url_name not in by_url or case.method == "post":
            by_url[case.url_name] = case
    return by_url


def _post_as_changer(client, world, case, url, data):
    """POST as the first allowed role that gets past the permission check (403 means nothing could be written)."""
    response = None
    for role in sorted(case.allowed):
        client.force_login(world.user(role))
        response = client.post(url, data)
        client.logout()
        if response.status_code != 403:
            return response
    return response


def _changes() -> int:
    # Every write is audited (docs/architecture.md), so a POST that leaves no change entry wrote nothing.
    return AuditEntry.objects.exclude(action=AuditEntry.Action.ACCESS).count()


@pytest.mark.parametrize("url_name", sorted(_cases_by_url()))
def test_a_url_that_writes_without_a_version_is_declared_not_an_edit(url_name, world, client):
    case = _cases_by_url()[url_name]
    url = reverse(url_name, kwargs=case.kwargs(world, world.grid))
    before = _changes()
    status = _post_as_changer(client, world, case, url, case.data).status_code
    if url_name in EDITS:
        assert status == 428, status
    elif status == 428:
        pytest.fail(f"{url_name} asks for a version: declare its record in EDITS")
    elif _changes() != before:
        assert url_name in NOT_EDITS, f"{url_name} wrote on a POST without a version"
    assert _changes() == before or url_name in NOT_EDITS


@pytest.mark.parametrize("label", sorted(set(EDITS.values())))
def test_every_edited_record_is_versioned(label):
    assert issubclass(apps.get_model(label), VersionedModel)


def _row(record):
    return model_to_dict(type(record).objects.get(pk=record.pk))


@pytest.mark.parametrize("url_name", sorted(EDITS))
def test_a_stale_or_versionless_form_is_refused_and_changes_nothing(url_name, world, client):
    case = _cases_by_url()[url_name]
    kwargs = case.kwargs(world, world.grid)
    record = apps.get_model(EDITS[url_name]).objects.get(pk=kwargs[RECORD_ARGUMENT.get(url_name, "pk")])
    url = reverse(url_name, kwargs=kwargs)

    opened = record.version
    record.save()  # someone else saves after the form was rendered
    before = _row(record)

    stale = _post_as_changer(client, world, case, url, {**case.data, "version": opened})
    assert stale.status_code == 409, stale.status_code
    assert "记录已被他人修改" in stale.content.decode() and 'data-testid="current-version"' in stale.content.decode()
    assert _row(record) == before

    missing = _post_as_changer(client, world, case, url, case.data)
    assert missing.status_code == 428, missing.status_code
    assert "没有带上" in missing.content.decode() and "未保存" in missing.content.decode()
    assert _row(record) == before


def _updating_viewsets():
    for _prefix, viewset, basename in router.registry:
        acts_on_a_record = any(a.detail and "post" in a.mapping for a in viewset.get_extra_actions())
        if hasattr(viewset, "update") or acts_on_a_record:
            yield basename, viewset


def test_every_viewset_that_updates_requires_the_version():
    updating = dict(_updating_viewsets())
    assert updating, "no updating viewset found: the walk is broken"
    for basename, viewset in updating.items():
        assert issubclass(viewset, VersionedUpdateMixin), basename
        assert issubclass(viewset.serializer_class.Meta.model, VersionedModel), basename


def test_every_viewset_of_a_versioned_record_sends_its_etag():
    for _prefix, viewset, basename in router.registry:
        model = getattr(getattr(viewset.serializer_class, "Meta", None), "model", None)
        if model is not None and issubclass(model, VersionedModel) and hasattr(viewset, "retrieve"):
            assert issubclass(viewset, VersionETagMixin), basename


def _api_detail_case(basename):
    return next(c for c in CASES if c.url_name == f"api:{basename}-detail")


@pytest.mark.parametrize("basename", sorted(dict(_updating_viewsets())))
def test_an_api_update_needs_if_match_or_version(basename, world, client):
    case = _api_detail_case(basename)
    kwargs = case.kwargs(world, world.grid)
    url = reverse(f"api:{basename}-detail", kwargs=kwargs)
    changers = [r for r in sorted(case.allowed) if world.user(r).has_perm(f"{url.split('/')[3]}.change")]
    client.force_login(world.user(changers[0]))

    read = client.get(url)
    etag = read["ETag"]
    version = read.json()["version"]
    assert etag == f'W/"{version}"'

    missing = client.patch(url, {}, content_type="application/json")
    assert missing.status_code == 428 and "If-Match" in missing.json()["detail"]
    stale_tag = client.patch(url, {}, content_type="application/json", headers={"If-Match": f'W/"{version - 1}"'})
    assert stale_tag.status_code == 412 and stale_tag.json()["version"] == version
    stale_field = client.patch(url, {"version": version - 1}, content_type="application/json")
    assert stale_field.status_code == 409 and stale_field.json()["version"] == version
    assert client.get(url).json()["version"] == version  # nothing was written

    ok = client.patch(url, {}, content_type="application/json", headers={"If-Match": etag})
    assert ok.status_code == 200, ok.content
    assert ok["ETag"] == f'W/"{ok.json()["version"]}"'


def test_a_stale_resident_form_does_not_overwrite_a_newer_edit(world, client):
    """The finding (issue 25): two people open the same resident; the second save must not undo the first."""
    from fazhi.people.models import Resident
    from fazhi.people.services import resident_create
    from fazhi.people.validation import id_check_char

    township = make_area(world.county, Level.TOWNSHIP, "岚天乡", "500229216000")
    village = make_area(township, Level.VILLAGE, "岚溪村", "500229216201")
    grid = make_area(village, Level.GRID, "岚溪村第1网格", grid_number=1)
    first17 = "50022919850612031"
    resident = resident_create(
        actor=None, area=grid, name="王五", id_number=first17 + id_check_char(first17), address="岚溪村2组"
    )
    alice = make_user("alice", role=Role.GRID_MEMBER, area=grid)
    bob = make_user("bob", role=Role.GRID_MEMBER, area=grid)
    url = reverse("people:resident_edit", args=[resident.pk])

    client.force_login(alice)
    alice_page = client.get(url).content.decode()
    client.force_login(bob)
    bob_page = client.get(url).content.decode()
    opened = f'name="version" value="{resident.version}"'
    assert opened in alice_page and opened in bob_page

    form = {"area": grid.pk, "name": "王五", "status": "resident", "version": resident.version}
    client.force_login(alice)
    saved = client.post(url, {**form, "address": "岚溪村5组（新址）"})
    assert saved.status_code == 302
    client.force_login(bob)
    refused = client.post(url, {**form, "address": "岚溪村2组", "note": "核实无误"})
    page = refused.content.decode()
    assert refused.status_code == 409
    assert "岚溪村5组（新址）" in page and "核实无误" in page  # what changed beside what bob typed, nothing lost
    resident = Resident.objects.get(pk=resident.pk)
    assert resident.address == "岚溪村5组（新址）" and resident.note == ""
