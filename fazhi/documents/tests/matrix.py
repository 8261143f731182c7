from fazhi.accounts.roles import CHANGE, VIEW, Module, Role, role_allows
from fazhi.areas.testing import Case
from fazhi.documents.models import NormativeDocument

VIEWERS = frozenset(r for r in Role if role_allows(r, Module.DOCUMENTS, VIEW))
CHANGERS = frozenset(r for r in Role if role_allows(r, Module.DOCUMENTS, CHANGE))


def _doc(world, area):
    return {"pk": NormativeDocument.objects.create(area=area, title="矩阵测试文件", body="第一条 测试。").pk}


CASES = [
    Case("documents:document_list", VIEWERS),
    Case("documents:document_create", CHANGERS),
    Case("documents:document_detail", VIEWERS, kwargs=_doc),
    Case("documents:document_transition", CHANGERS, method="post", kwargs=_doc, data={"action": "submit_review"}),
]
