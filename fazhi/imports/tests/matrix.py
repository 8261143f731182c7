from fazhi.accounts.roles import Role
from fazhi.areas.testing import Case

KIND = "publicity.activity"
CHANGERS = frozenset({Role.LEGAL_STAFF, Role.VILLAGE_CADRE})  # who may change 普法 records


def _kind(world, area):
    return {"kind": KIND}


def _batch(world, area):
    import io

    from django.core.files.base import ContentFile
    from openpyxl import Workbook

    from fazhi.imports.models import ImportBatch

    wb = Workbook()
    wb.active.append(["日期", "活动名称"])
    buf = io.BytesIO()
    wb.save(buf)
    batch = ImportBatch(
        area=area.parent,
        kind=KIND,
        kind_label="普法活动",
        module="publicity",
        actor=world.user(Role.LEGAL_STAFF),
        name="x.xlsx",
        status="invalid",
        errors=[{"row": 2, "column": "日期", "message": "必填"}],
    )
    batch.file.save("x.xlsx", ContentFile(buf.getvalue()), save=True)
    return {"kind": KIND, "pk": batch.pk}


CASES = [
    Case("imports:batch_upload", allowed=CHANGERS, kwargs=_kind, scoped=False),
    Case("imports:batch_template", allowed=CHANGERS, kwargs=_kind, scoped=False),
    Case("imports:batch_detail", allowed=CHANGERS, kwargs=_batch),
    Case("imports:batch_confirm", allowed=CHANGERS, kwargs=_batch, method="post"),
    Case("imports:batch_annotated", allowed=CHANGERS, kwargs=_batch),
]
