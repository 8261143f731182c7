import pytest

from fazhi.documents import demo
from fazhi.documents.models import NormativeDocument

pytestmark = pytest.mark.django_db


def test_the_api_lists_documents_with_flags_and_reviews_in_scope(client, world, staff):
    demo.load({"township": world.township})
    NormativeDocument.objects.create(area=world.foreign_grid, title="外县文件", body="第一条。")
    client.force_login(staff)
    data = client.get("/api/v1/documents/documents/").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert {r["title"] for r in rows} == {demo.FILED_TITLE, demo.FLAGGED_TITLE, demo.LATE_TITLE}
    flagged = next(r for r in rows if r["title"] == demo.FLAGGED_TITLE)
    assert [f["status"] for f in flagged["flags"]] == ["confirmed", "confirmed"]
    assert flagged["reviews"][0]["content_result"] == "unlawful"
    filed = client.get("/api/v1/documents/documents/?status=filed").json()
    filed_rows = filed["results"] if isinstance(filed, dict) else filed
    assert {r["registration_no"] for r in filed_rows} == {"治平府规〔2023〕1号", "治平府规〔2023〕2号"}
