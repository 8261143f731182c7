"""Every write to residents and households. Keyword-only, atomic, scope re-checked, Chinese errors."""

import datetime

from auditlog.signals import accessed
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.models import Area, Level
from fazhi.areas.scoping import area_in_scope, areas_visible_to, require_area_writable, require_change
from fazhi.core.dictionaries import dictionary_choices
from fazhi.core.encryption import blind_index, mask_id_number, mask_phone
from fazhi.people.choices import TAG, ResidentStatus
from fazhi.people.models import Household, ImportJob, Resident, ResidentTag, Reveal
from fazhi.people.validation import normalise_phone, parse_id_number, pinyin_keys

RESIDENT_FIELDS = ("name", "sex", "birth_date", "id_number", "phone", "address", "status", "note")


def _require_change(actor, obj) -> None:
    """Scope re-check before a write; `actor=None` is the operator (management commands, demo data)."""
    if actor is not None:
        require_change(actor, obj)


def _require_grid(area: Area, field: str = "area") -> None:
    if area.level != Level.GRID:
        raise ValidationError({field: _("请选择到网格一级。")})
    if area.is_retired:
        raise ValidationError({field: _("该网格已停用。")})


def household_create(
    *, actor, area: Area, number: str, head_name: str, address: str = "", member_count: int = 0, note: str = ""
) -> Household:
    require_area_writable(actor, Module.PEOPLE, area)
    _require_grid(area)
    with transaction.atomic():
        household = Household(
            area=area,
            number=number.strip(),
            head_name=head_name.strip(),
            address=address.strip(),
            member_count=member_count,
            note=note,
        )
        household.full_clean()
        household.save()
    return household


def household_update(*, actor, household: Household, **fields) -> Household:
    """Update facts of a household (the visit form calls this too: enter once)."""
    _require_change(actor, household)
    allowed = {"number", "head_name", "address", "member_count", "note"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("不能修改字段：%(f)s") % {"f": "、".join(sorted(unknown))})
    with transaction.atomic():
        household = Household.objects.select_for_update().get(pk=household.pk)
        for name, value in fields.items():
            setattr(household, name, value.strip() if isinstance(value, str) else value)
        household.full_clean()
        household.save()
    return household


def _clean_tags(tags) -> list[str]:
    known = {code for code, _label in dictionary_choices(TAG)}
    tags = list(dict.fromkeys(t for t in (tags or []) if t))
    unknown = [t for t in tags if t not in known]
    if unknown:
        raise ValidationError({"tags": _("未知的人员标签：%(t)s") % {"t": "、".join(unknown)}})
    return tags


def _apply(resident: Resident, data: dict) -> None:
    """Copy `data` onto `resident`, deriving birth date/sex from 身份证号, the birth year, hashes, masks and pinyin."""
    errors: dict[str, list] = {}
    for name in RESIDENT_FIELDS:
        if name in data:
            value = data[name]
            setattr(resident, name, value.strip() if isinstance(value, str) else value)
    resident.name = resident.name or ""
    if not resident.name:
        errors["name"] = [_("请填写姓名。")]
    if "id_number" in data:
        if resident.id_number:
            try:
                number, birth, sex = parse_id_number(resident.id_number)
            except ValidationError as exc:
                errors["id_number"] = exc.messages
            else:
                # Birth date and sex follow the number (GB 11643-1999 §6: 出生日期码, 顺序码奇数为男性).
                resident.id_number, resident.birth_date, resident.sex = number, birth, sex
        resident.id_number_hash = blind_index(resident.id_number or "")
        resident.id_number_masked = mask_id_number(resident.id_number or "")
    if "birth_date" in data or "id_number" in data:
        try:
            resident.birth_date = Resident._meta.get_field("birth_date").to_python(resident.birth_date)
        except ValidationError as exc:
            errors["birth_date"] = exc.messages
        else:
            if resident.birth_date and resident.birth_date > datetime.date.today():
                errors["birth_date"] = [_("出生日期不能晚于今天。")]
            # Only the year is plaintext: the full date is the 出生日期码 a 身份证号 mask hides.
            resident.birth_year = resident.birth_date.year if resident.birth_date else None
    if "phone" in data:
        try:
            resident.phone = normalise_phone(resident.phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
        resident.phone_hash = blind_index(resident.phone or "")
        resident.phone_masked = mask_phone(resident.phone or "")
    resident.name_pinyin, resident.name_initials = pinyin_keys(resident.name)
    if resident.status not in ResidentStatus.values:
        errors["status"] = [_("未知的居民状态。")]
    if errors:
        raise ValidationError(errors)


def _check_unique_id(resident: Resident) -> None:
    if resident.id_number_hash:
        clash = Resident.objects.filter(id_number_hash=resident.id_number_hash).exclude(pk=resident.pk).exists()
        if clash:
            raise ValidationError({"id_number": _("该身份证号已登记。")})


def resident_create(
    *, actor, area: Area | None = None, household: Household | None = None, tags=(), **data
) -> Resident:
    if household is not None:
        area = household.area
        _require_change(actor, household)
    if area is None:
        raise ValidationError({"area": _("请选择所属网格或户。")})
    require_area_writable(actor, Module.PEOPLE, area)
    _require_grid(area, "household" if household else "area")
    data.setdefault("id_number", "")
    data.setdefault("phone", "")
    tags = _clean_tags(tags)
    with transaction.atomic():
        resident = Resident(area=area, household=household)
        _apply(resident, data)
        _check_unique_id(resident)
        resident.full_clean(exclude=["id_number", "phone"])
        resident.save()
        ResidentTag.objects.bulk_create([ResidentTag(resident=resident, code=t) for t in tags])
    return resident


def resident_update(
    *, actor, resident: Resident, household: Household | None = None, tags=None, area: Area | None = None, **data
) -> Resident:
    _require_change(actor, resident)
    with transaction.atomic():
        resident = Resident.objects.select_for_update().get(pk=resident.pk)
        if household is not None and household.pk != resident.household_id:
            _require_change(actor, household)
            resident.household, resident.area = household, household.area
        elif area is not None and area.pk != resident.area_id:
            require_area_writable(actor, Module.PEOPLE, area)
            _require_grid(area)
            resident.household, resident.area = None, area
        _apply(resident, data)
        _check_unique_id(resident)
        resident.full_clean(exclude=["id_number", "phone"])
        resident.save()
        if tags is not None:
            tags = _clean_tags(tags)
            resident.tags.exclude(code__in=tags).delete()
            have = set(resident.tags.values_list("code", flat=True))
            ResidentTag.objects.bulk_create([ResidentTag(resident=resident, code=t) for t in tags if t not in have])
    return resident


def can_reveal(user, resident: Resident) -> bool:
    """Who may read a full value: staff who may change residents in this area (the grid's own workers)."""
    return area_in_scope(user, Module.PEOPLE, resident.area, CHANGE)


def resident_reveal(*, actor, resident: Resident, field: str, reason: str) -> str:
    """Return one full 身份证号, phone number or birth date (as 年-月-日) and record who read it and why
    (个人信息保护法 第五十一条; docs/law.md SEC-16)."""
    if field not in Reveal.Field.values:
        raise ValidationError({"field": _("只能查看身份证号、联系电话或出生日期。")})
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ValidationError({"reason": _("请写明查看理由（至少4个字）。")})
    require_change(actor, resident)
    if not can_reveal(actor, resident):
        raise PermissionDenied
    with transaction.atomic():
        Reveal.objects.create(resident=resident, field=field, reason=reason[:200], actor=actor)
        # Also an "访问" entry in the audit trail itself.
        accessed.send(sender=Resident, instance=resident)
    value = getattr(resident, field)
    return value.isoformat() if isinstance(value, datetime.date) else value or ""


# --- Excel import (dry run → confirm → atomic import) ---------------------------------------------------------

MAX_IMPORT_BYTES = 50 * 1024 * 1024
BACKGROUND_ROWS = 2000  # larger files are imported by a background task with a progress bar


def import_check(*, actor, upload) -> ImportJob:
    """Dry run: validate every row and keep the file; saves no resident. The job lists each bad row."""
    from fazhi.people import io

    if not upload.name.lower().endswith(".xlsx"):
        raise ValidationError({"file": _("请上传 .xlsx 格式的Excel文件。")})
    if upload.size > MAX_IMPORT_BYTES:
        raise ValidationError({"file": _("文件超过50MB，请分批导入。")})
    content = upload.read()
    try:
        errors, total = io.check(user=actor, content=content)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    upload.seek(0)
    areas = sorted(areas_visible_to(actor, Module.PEOPLE, CHANGE), key=lambda a: len(a.path))
    if not areas:
        raise PermissionDenied
    job = ImportJob(
        area=areas[0],
        actor=actor,
        name=upload.name[:200],
        status=ImportJob.Status.INVALID if errors or not total else ImportJob.Status.CHECKED,
        total=total,
        errors=[e.as_dict() for e in errors],
        message="" if total else _("文件中没有数据行。"),
    )
    job.file.save(f"{actor.pk}-{upload.name[-60:]}", upload, save=False)
    job.save()
    return job


def import_confirm(*, actor, job: ImportJob) -> ImportJob:
    """Confirm a clean dry run; small files import at once, large ones in the background."""
    from fazhi.people import tasks

    _require_change(actor, job)
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportJob.Status.CHECKED:
            raise ValidationError(_("只有校验全部通过的文件才能确认导入。"))
        job.status = ImportJob.Status.QUEUED
        job.save(update_fields=["status"])
    if job.total <= BACKGROUND_ROWS:
        import_run(job_id=job.pk)
    else:
        transaction.on_commit(lambda: tasks.import_residents.enqueue(job_id=job.pk))
    job.refresh_from_db()
    return job


def import_run(*, job_id: int) -> ImportJob:
    """Re-validate the stored file (the registry may have changed) and import it all or nothing."""
    from fazhi.people import io

    job = ImportJob.objects.select_related("actor").get(pk=job_id)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, done=0)
    with job.file.open("rb") as fh:
        content = fh.read()

    def progress(done: int) -> None:
        # Progress is written outside the import transaction only on databases with separate connections;
        # on the single-connection test database it simply lands with the import.
        ImportJob.objects.filter(pk=job.pk).update(done=done)

    try:
        # One streaming pass re-validates the file and imports it; any error rolls the whole import back.
        created, updated, total = io.import_file(actor=job.actor, content=content, progress=progress)
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [_("无权导入。")]
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, message="；".join(messages)[:500])
    else:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.DONE, done=total, created=created, updated=updated
        )
    job.refresh_from_db()
    return job
