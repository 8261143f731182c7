"""A village's 公开栏 posting on the public site: its text, its table and its attachments, for anyone; nothing of a
posting that is not published, or was withdrawn."""

import datetime

import pytest
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.areas.models import Level
from fazhi.areas.testing import make_area
from fazhi.disclosure.services import board_create, posting_create, posting_publish, posting_withdraw
from fazhi.portal.tests.helpers import png

pytestmark = pytest.mark.django_db
D = datetime.date
LEDGER = (
    "本期收支如下：\n项目|收入（元）|支出（元）\n土地流转费|12000|\n道路维修||3500\n"
    "以上如有疑问，请向村务监督委员会反映。"
)


def _posting(area, title, text=LEDGER, files=(), publish=True):
    board = board_create(
        actor=None,
        area=area,
        category="finance",
        frequency="monthly",
        location="村委会门口",
        established_on=D(2023, 1, 1),
    )
    posting = posting_create(
        actor=None,
        board=board,
        title=title,
        text=text,
        period_end=D(2023, 4, 30),
        posted_on=D(2023, 5, 8),
        attachments=files,
    )
    return posting_publish(actor=None, posting=posting, on=D(2023, 5, 8)) if publish else posting


def test_an_anonymous_visitor_reads_a_posting_with_its_table_and_downloads_its_attachment(world, client):
    village = make_area(world.other_township, Level.VILLAGE, "石门村", "500229104201")
    posting = _posting(village, "4月财务收支公开", files=[png("收支明细.png")])
    area_page = client.get(reverse("portal:area", args=[world.other_township.pk])).content.decode()
    url = reverse("portal:posting", args=[posting.pk])
    assert f'href="{url}"' in area_page  # linked from the board list

    page = client.get(url).content.decode()
    assert "4月财务收支公开" in page and "石门村" in page
    assert '<th scope="col">收入（元）</th>' in page and "<td>土地流转费</td><td>12000</td>" in page
    assert "<p>以上如有疑问，请向村务监督委员会反映。</p>" in page
    assert "村委会门口" not in page  # nothing of the record beyond what was posted
    attachment = posting.attachments.get()
    file_url = reverse("portal:posting_attachment", args=[posting.pk, attachment.pk])
    assert file_url in page and "收支明细.png" in page
    download = client.get(file_url)
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")


def test_an_unpublished_or_withdrawn_posting_and_its_files_are_not_found(world, client):
    draft = _posting(world.foreign_grid.parent, "宁厂社区未发布的公开", files=[png()], publish=False)
    withdrawn = _posting(world.village, "已撤回的公开", files=[png()])
    posting_withdraw(actor=world.user(Role.VILLAGE_CADRE), posting=withdrawn, on=D(2023, 5, 9))
    for posting in (draft, withdrawn):
        assert client.get(reverse("portal:posting", args=[posting.pk])).status_code == 404
        file_pk = posting.attachments.get().pk
        assert client.get(reverse("portal:posting_attachment", args=[posting.pk, file_pk])).status_code == 404
    assert "宁厂社区未发布的公开" not in client.get(reverse("portal:area", args=[world.township.pk])).content.decode()


def test_a_file_of_another_posting_is_not_served_under_a_published_one(world, client):
    published = _posting(world.village, "4月财务收支公开")
    other = _posting(world.foreign_grid.parent, "宁厂社区未发布的公开", files=[png()], publish=False)
    url = reverse("portal:posting_attachment", args=[published.pk, other.attachments.get().pk])
    assert client.get(url).status_code == 404
