"""Every write of the public site: a resident's request, staff replies to it, the resident's rating."""

import hmac
import logging
import re
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.areas.models import Area, Level
from fazhi.areas.scoping import require_change
from fazhi.core.encryption import mask_phone
from fazhi.portal import handoff, sources
from fazhi.portal.choices import Rating, RequestKind, RequestStatus
from fazhi.portal.images import MAX_PHOTOS, reencode
from fazhi.portal.models import CODE_ALPHABET, CODE_LENGTH, PublicReply, PublicRequest, PublicRequestPhoto

logger = logging.getLogger(__name__)

MAX_DESCRIPTION = 2000
MIN_DESCRIPTION = 5
PHONE_RE = re.compile(r"^(1\d{10}|0\d{9,11}|\d{7,8})$")  # mobile, landline with area code, or local landline


def new_code() -> str:
    """10 characters from a 25-letter unambiguous alphabet: about 46 bits from `secrets`, not guessable."""
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    return re.sub(r"[\s\-]", "", code or "").upper()


def normalise_phone(phone: str) -> str:
    phone = re.sub(r"[\s\-()（）]", "", phone or "")
    return re.sub(r"^(\+86|0086)(?=1\d{10}$)", "", phone)


def _intake_areas():
    return Area.objects.current().filter(level__in=[Level.TOWNSHIP, Level.VILLAGE])


def public_request_submit(
    *,
    area: Area,
    kind: str,
    description: str,
    contact_name: str = "",
    phone: str = "",
    photos=(),
    category: str = "",
) -> PublicRequest:
    """Record a resident's request and hand it to the grid or mediation app once committed."""
    errors: dict[str, list[str]] = {}
    description = (description or "").strip()
    phone = normalise_phone(phone)
    if kind not in RequestKind.values:
        errors["kind"] = [_("请选择是反映问题还是申请调解。")]
    if area is None or not _intake_areas().filter(pk=area.pk).exists():
        errors["area"] = [_("请选择您所在的乡镇或村（社区）。")]
    if len(description) < MIN_DESCRIPTION:
        errors["description"] = [_("请简要写明发生了什么（至少5个字）。")]
    elif len(description) > MAX_DESCRIPTION:
        errors["description"] = [_("事情经过请控制在%(n)d字以内。") % {"n": MAX_DESCRIPTION}]
    if phone and not PHONE_RE.match(phone):
        errors["phone"] = [_("请填写正确的手机号码或固定电话。")]
    if category and category not in {code for code, _label in sources.matter_categories()}:
        errors["category"] = [_("没有这个事项类别。")]
    if len(contact_name or "") > 50:
        errors["contact_name"] = [_("联系人姓名太长了。")]
    photos = list(photos)
    clean = []
    if len(photos) > MAX_PHOTOS:
        errors["photos"] = [_("最多上传%(n)d张照片。") % {"n": MAX_PHOTOS}]
    else:
        for upload in photos:
            try:
                clean.append(reencode(upload))
            except ValidationError as exc:
                errors.setdefault("photos", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)

    for _attempt in range(5):
        try:
            with transaction.atomic():
                request = PublicRequest(
                    area=area,
                    code=new_code(),
                    kind=kind,
                    category=category,
                    description=description,
                    contact_name=(contact_name or "").strip(),
                    phone=phone,
                    phone_masked=mask_phone(phone),
                )
                request.full_clean()
                request.save()
                for photo in clean:
                    PublicRequestPhoto.objects.create(
                        request=request,
                        image=photo.content,
                        size=photo.content.size,
                        width=photo.width,
                        height=photo.height,
                    )
                transaction.on_commit(lambda r=request: public_request_hand_over(request=r))
            return request
        except IntegrityError:
            continue  # a code collision (1 in 10^13): draw again
    raise ValidationError(_("系统繁忙，请稍后再试。"))


def public_request_hand_over(*, request: PublicRequest) -> PublicRequest:
    """Create the grid matter or mediation dispute; while the app is missing or refuses, the request waits here."""
    if request.handoff_id:
        return request
    target = handoff.to_mediation if request.kind == RequestKind.MEDIATION else handoff.to_grid_matter
    try:
        with transaction.atomic():
            result = target(request)
    except Exception as exc:  # another app's refusal must not lose the resident's request
        logger.warning("portal hand-over of %s failed: %s", request.code, exc)
        request.handoff_error = "; ".join(getattr(exc, "messages", [str(exc)]))[:1000]
        request.save(update_fields=["handoff_error", "updated_at"])
        return request
    if result is None:
        return request
    request.handoff_target, request.handoff_id, request.handoff_error = result.target, result.pk, ""
    request.status = RequestStatus.HANDED_OVER
    request.save(update_fields=["handoff_target", "handoff_id", "handoff_error", "status", "updated_at"])
    return request


def public_request_lookup(*, code: str, last4: str) -> PublicRequest | None:
    """The request with this code, if the last four digits match its phone; None otherwise (same answer for both).

    A request sent without a phone number is found by its code alone (the submission page says so).
    """
    code = normalise_code(code)
    last4 = normalise_phone(last4)
    if len(code) != CODE_LENGTH:
        return None
    request = PublicRequest.objects.select_related("area").filter(code=code).first()
    if request is None:
        return None
    if request.phone and not hmac.compare_digest(request.phone[-4:].encode(), last4.encode()):
        return None
    return request


def public_reply_add(
    *, actor, request: PublicRequest, reply: str = "", staff_note: str = "", close: bool = False
) -> PublicRequest:
    """Staff answer the resident (shown on the tracking page) and/or keep an internal note (never shown)."""
    require_change(actor, request)
    reply = (reply or "").strip()
    staff_note = (staff_note or "").strip()
    if request.is_closed:
        raise ValidationError(_("该诉求已办结，不能再答复。"))
    if not reply and not staff_note:
        raise ValidationError({"reply": _("请填写答复内容或内部备注。")})
    if close and not reply and not request.replies.exists():
        raise ValidationError({"reply": _("办结前须答复群众。")})
    with transaction.atomic():
        request = PublicRequest.objects.select_for_update().get(pk=request.pk)
        if reply:
            PublicReply.objects.create(request=request, text=reply, author=actor)
            request.status = RequestStatus.REPLIED
        if staff_note:
            stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
            request.staff_note = f"{request.staff_note}\n[{stamp} {actor}] {staff_note}".strip()
        if close:
            request.status = RequestStatus.CLOSED
            request.closed_at = timezone.now()
        request.full_clean()
        request.save()
    return request


def public_request_rate(*, request: PublicRequest, closed: bool, rating: str, comment: str = "") -> PublicRequest:
    """The resident rates a closed request, once. `closed` is the effective state (selectors.tracking_view)."""
    if not closed:
        raise ValidationError(_("办结后才能评价。"))
    if request.rating:
        raise ValidationError(_("您已评价过，谢谢！"))
    if rating not in Rating.values:
        raise ValidationError({"rating": _("请选择满意程度。")})
    comment = (comment or "").strip()
    if len(comment) > 200:
        raise ValidationError({"rating_comment": _("评价说明请控制在200字以内。")})
    with transaction.atomic():
        request = PublicRequest.objects.select_for_update().get(pk=request.pk)
        if request.rating:
            raise ValidationError(_("您已评价过，谢谢！"))
        request.rating, request.rating_comment, request.rated_at = rating, comment, timezone.now()
        request.full_clean()
        request.save(update_fields=["rating", "rating_comment", "rated_at", "updated_at"])
    return request
