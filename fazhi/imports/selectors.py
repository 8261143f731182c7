from django.db.models import QuerySet

from fazhi.accounts.roles import CHANGE
from fazhi.areas.scoping import get_visible_or_404
from fazhi.imports.models import ImportBatch


def batch_list(*, user, kind: str) -> QuerySet:
    return ImportBatch.objects.visible_to(user, CHANGE).filter(kind=kind).select_related("actor")


def batch_get(*, user, kind: str, pk: int) -> ImportBatch:
    return get_visible_or_404(ImportBatch.objects.filter(kind=kind).select_related("actor"), user, pk=pk)
