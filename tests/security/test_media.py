"""Uploaded files (/media/…) go only to a user who may read the record they belong to (core.views.media_view)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.accounts.roles import Role
from fazhi.areas.testing import make_user
from fazhi.core.dictionaries import dictionary_seed
from fazhi.core.registry import registry
from fazhi.grid.tests.matrix import matter_with_photo
from fazhi.portal.tests.helpers import png

from .file_fields import label, project_file_fields

D = datetime.date
# File fields no URL serves, and why.
NOT_SERVED = {
    "imports.ImportBatch.file": "an uploaded sheet of records; only its import reads it (errors come as a new copy)",
    "people.ImportJob.file": "the uploaded resident sheet holds full 身份证号; only its import reads it",
    "portal.PublicRequestPhoto.image": "shown to staff who may read the request, inline as data URLs",
    "reports.ReportPdf.file": "the report's PDF, served only by reports:report_pdf after the report's own scope check",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _matter_photo(world):
    return matter_with_photo(world.grid, actor=world.user(Role.GRID_MEMBER)).file


def _session_file(world, *, body, mediators):
    from fazhi.mediation import services
    from fazhi.mediation.services import PartyInput

    dictionary_seed()
    dispute = services.dispute_create(
        actor=None,
        area=world.village,
        title="相邻通行纠纷",
        dispute_type="neighbour",
        tier="general",
        source="walk_in",
        received_on=D(2023, 3, 1),
        parties=[PartyInput(name="张三"), PartyInput(name="李四", role="respondent")],
        body=body,
        mediators=mediators,
    )
    session = services.session_record(
        actor=None,
        dispute=dispute,
        held_on=D(2023, 3, 5),
        place="调解室",
        notes="释法明理",
        file=SimpleUploadedFile("笔录.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64),
    )
    return session.file


def test_a_user_who_may_read_the_matter_gets_its_photo_shown_in_the_page(world, client):
    photo = _matter_photo(world)
    assert photo.url.startswith("/media/grid/matters/")
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.get(photo.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png().read()
    assert response["Content-Disposition"].startswith("inline") and response["X-Content-Type-Options"] == "nosniff"


def test_another_township_a_role_without_the_module_and_a_visitor_do_not_get_it(world, client):
    photo = _matter_photo(world)
    client.force_login(make_user("u_other_staff", role=Role.LEGAL_STAFF, area=world.other_township))
    assert client.get(photo.url).status_code == 404
    client.force_login(world.user(Role.MEDIATOR))  # in the area, but may not read grid matters
    assert client.get(photo.url).status_code == 403
    client.logout()
    response = client.get(photo.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_session_file_follows_the_mediator_narrowing_and_downloads(world, client):
    from fazhi.mediation import services

    dictionary_seed()
    studio = services.body_create(actor=None, area=world.township, name="小米书记工作室", kind="studio")
    committee = services.body_create(actor=None, area=world.township, name="乡调委会", kind="township_committee")
    township_mediator = services.mediator_create(
        actor=None, area=world.township, name="黄书记", kind="first_secretary", user=world.user(Role.MEDIATOR)
    )
    other = services.mediator_create(
        actor=None, area=world.township, name="林司法", kind="justice_staff", body=committee
    )
    assigned = _session_file(world, body=studio, mediators=[township_mediator])
    not_assigned = _session_file(world, body=committee, mediators=[other])
    client.force_login(world.user(Role.MEDIATOR))
    response = client.get(assigned.url)
    assert response.status_code == 200
    # only images and PDF open in the browser; anything else downloads, so no upload runs as a page of the platform
    assert response["Content-Disposition"].startswith("attachment")
    assert client.get(not_assigned.url).status_code == 404  # 人民调解法 第十五条 (docs/law.md MED-05)


def test_a_file_on_disk_that_no_record_holds_is_not_served(world, client, tmp_path):
    photo = _matter_photo(world)
    (tmp_path / "grid" / "matters" / "stray.png").write_bytes(png().read())
    (tmp_path / "secret.txt").write_text("不应被读取")
    client.force_login(world.user(Role.LEGAL_STAFF))
    folder = photo.url.rsplit("/", 1)[0]
    for url in ("/media/grid/matters/stray.png", f"{folder}/../../../secret.txt", "/media/secret.txt", "/media/"):
        assert client.get(url).status_code == 404, url


def test_every_file_field_is_served_through_the_record_check_or_listed_as_not_served():
    fields = project_file_fields().keys()
    served = {label(a.file_field) for a in registry.attachments}
    assert served | NOT_SERVED.keys() == fields and not served & NOT_SERVED.keys()
    assert all(a.prefix.endswith("/") for a in registry.attachments)  # every field stores under a folder of its own
