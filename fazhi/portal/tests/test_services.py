import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404

from fazhi.accounts.roles import Role
from fazhi.core.dictionaries import dictionary_seed
from fazhi.portal import services
from fazhi.portal.choices import RequestKind, RequestStatus
from fazhi.portal.models import CODE_ALPHABET, PublicReply, PublicRequest, PublicRequestPhoto
from fazhi.portal.tests.helpers import fake_jpeg, jpeg_with_gps


def submit(world, **kw):
    data = {
        "area": world.village,
        "kind": RequestKind.MATTER,
        "description": "村口的桥栏杆断了，孩子上学很危险。",
        "contact_name": "张三",
        "phone": "138 0000 1234",
    }
    data.update(kw)
    return services.public_request_submit(**data)


def test_a_submission_gets_a_ten_character_code_from_the_unambiguous_alphabet(world):
    request = submit(world)
    assert len(request.code) == 10
    assert set(request.code) <= set(CODE_ALPHABET)
    assert not set("0O1IL5S8B2Z") & set(CODE_ALPHABET)
    assert request.status == RequestStatus.RECEIVED


def test_codes_differ_between_submissions(world):
    assert len({submit(world).code for _i in range(5)}) == 5


def test_the_phone_is_encrypted_at_rest_and_masked(world):
    request = submit(world)
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM portal_publicrequest WHERE id = %s", [request.pk])
        raw = cursor.fetchone()[0]
    assert "13800001234" not in raw
    assert PublicRequest.objects.get(pk=request.pk).phone == "13800001234"
    assert request.phone_masked == "138****1234"


def test_photos_are_stored_re_encoded_without_gps(world):
    request = submit(world, photos=[jpeg_with_gps()])
    photo = PublicRequestPhoto.objects.get(request=request)
    data = photo.image.read()
    assert b"TestCam" not in data
    assert b"Exif" not in data[:200]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"description": "坏"}, "description", "至少5个字"),
        ({"description": "很" * 2001}, "description", "2000字以内"),
        ({"phone": "12345"}, "phone", "正确的手机号码"),
        ({"kind": "complaint"}, "kind", "反映问题还是申请调解"),
        ({"photos": [fake_jpeg()]}, "photos", "不是可以识别的照片"),
        ({"photos": [jpeg_with_gps() for _i in range(4)]}, "photos", "最多上传3张"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_saved(world, changes, field, message):
    with pytest.raises(ValidationError) as exc:
        submit(world, **changes)
    assert message in " ".join(exc.value.message_dict[field])
    assert PublicRequest.objects.count() == 0
    assert PublicRequestPhoto.objects.count() == 0


def test_a_grid_or_a_foreign_retired_area_is_not_an_intake_area(world):
    with pytest.raises(ValidationError) as exc:
        submit(world, area=world.grid)
    assert "乡镇或村（社区）" in exc.value.message_dict["area"][0]


def test_lookup_needs_the_right_last_four_digits(world):
    request = submit(world)
    assert services.public_request_lookup(code=request.code.lower(), last4="1234") == request
    assert services.public_request_lookup(code=request.code, last4="4321") is None
    assert services.public_request_lookup(code=request.code, last4="") is None
    assert services.public_request_lookup(code="AAAAAAAAAA", last4="1234") is None


def test_a_mobile_number_with_country_code_is_stored_without_it(world):
    assert submit(world, phone="+86 139-0000-5678").phone == "13900005678"


def test_without_a_phone_the_code_alone_finds_the_request(world):
    request = submit(world, phone="")
    assert services.public_request_lookup(code=request.code, last4="") == request


def test_staff_reply_note_close_and_resident_rating(world):
    request = submit(world)
    cadre = world.user(Role.VILLAGE_CADRE)
    services.public_reply_add(actor=cadre, request=request, reply="已安排维修。", staff_note="联系了施工队")
    request.refresh_from_db()
    assert request.status == RequestStatus.REPLIED
    assert "联系了施工队" in request.staff_note
    with pytest.raises(ValidationError):
        services.public_request_rate(request=request, closed=request.is_closed, rating="satisfied")
    services.public_reply_add(actor=cadre, request=request, reply="已修好。", close=True)
    request.refresh_from_db()
    assert request.status == RequestStatus.CLOSED and request.closed_at
    services.public_request_rate(request=request, closed=True, rating="fairly", comment="修得有点慢")
    request.refresh_from_db()
    assert request.get_rating_display() == "基本满意"
    with pytest.raises(ValidationError) as exc:
        services.public_request_rate(request=request, closed=True, rating="satisfied")
    assert "已评价" in exc.value.messages[0]


def test_closing_without_any_reply_is_refused(world):
    request = submit(world)
    with pytest.raises(ValidationError) as exc:
        services.public_reply_add(actor=world.user(Role.VILLAGE_CADRE), request=request, staff_note="内部", close=True)
    assert "办结前须答复群众" in exc.value.message_dict["reply"][0]
    request.refresh_from_db()
    assert request.status == RequestStatus.RECEIVED and request.staff_note == ""


def test_reply_is_scope_checked(world):
    request = submit(world)
    with pytest.raises(PermissionDenied):  # 法治工作人员 may view grid records, not change them
        services.public_reply_add(actor=world.user(Role.LEGAL_STAFF), request=request, reply="好")
    with pytest.raises(Http404):  # 网格员 of 第1网格 does not see a request filed at village level
        services.public_reply_add(actor=world.user(Role.GRID_MEMBER), request=request, reply="好")
    assert PublicReply.objects.count() == 0


def test_a_matter_request_is_handed_to_the_grid_app_after_commit(world, django_capture_on_commit_callbacks):
    pytest.importorskip("fazhi.grid.services")
    dictionary_seed()  # the grid app's categories, as `manage.py setup` creates them
    with django_capture_on_commit_callbacks(execute=True):
        request = submit(world, photos=[jpeg_with_gps()])
    request.refresh_from_db()
    assert request.handoff_error == ""
    assert request.status == RequestStatus.HANDED_OVER
    assert request.handoff_target == "grid.matter"
    from fazhi.grid.models import Matter

    matter = Matter.objects.get(pk=request.handoff_id)
    assert matter.source == "website"
    assert matter.area == world.grid  # the first grid of the chosen village
    assert request.code in matter.description
    assert "1234" in matter.raised_by_text and "13800001234" not in matter.raised_by_text
    assert matter.attachments.count() == 1


def test_a_mediation_request_is_handed_to_the_mediation_app(world, django_capture_on_commit_callbacks):
    pytest.importorskip("fazhi.mediation.services")
    dictionary_seed()
    with django_capture_on_commit_callbacks(execute=True):
        request = submit(world, kind=RequestKind.MEDIATION)
    request.refresh_from_db()
    assert (request.handoff_target, request.handoff_error) == ("mediation.dispute", "")
    assert request.status == RequestStatus.HANDED_OVER


def test_a_refused_hand_over_keeps_the_request_with_its_reason(world, django_capture_on_commit_callbacks, monkeypatch):
    from fazhi.portal import handoff

    def refuse(request):
        raise ValidationError("类别不存在")

    monkeypatch.setattr(handoff, "to_grid_matter", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        request = submit(world)
    request.refresh_from_db()
    assert request.status == RequestStatus.RECEIVED
    assert request.handoff_error == "类别不存在"
