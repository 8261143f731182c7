"""The resident's whole journey on a 375-px phone, and an axe-core accessibility check of the public pages."""

import datetime
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from fazhi.accounts.roles import Role
from fazhi.areas.testing import build_world
from fazhi.core.dictionaries import dictionary_seed
from fazhi.decisions.services import catalogue_publish, decision_create, decision_transition
from fazhi.portal.models import PublicRequest
from fazhi.portal.services import public_reply_add
from fazhi.portal.tests.helpers import jpeg_with_gps

pytestmark = pytest.mark.browser

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


@pytest.fixture
def live_world(transactional_db):
    # The hand-over to the grid app needs its 数据字典 categories and the working-day calendar, as on a real site.
    call_command("setup_platform", stdout=open(os.devnull, "w"))
    world = build_world()
    dictionary_seed()
    return world


def _photo(tmp_path) -> str:
    upload = jpeg_with_gps()
    target = tmp_path / "photo.jpg"
    target.write_bytes(upload.read())
    return str(target)


def _fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, page.url


def test_a_resident_raises_a_matter_with_a_photo_follows_it_and_rates_it_on_a_phone(
    live_server, live_world, phone_page, tmp_path
):
    page, base = phone_page, f"{live_server.url}/public"
    page.goto(f"{base}/area/{live_world.township.pk}/")
    _fits_the_phone(page)
    page.get_by_role("link", name="在本地反映问题 / 申请调解").click()
    page.wait_for_url("**/public/submit/**")
    _fits_the_phone(page)
    page.get_by_label("反映问题").check()
    page.select_option("select[name=area]", str(live_world.village.pk))
    page.get_by_label("发生了什么").fill("村口的桥栏杆断了，孩子上学很危险。")
    page.get_by_label("联系电话（可不填）").fill("13912345678")
    page.set_input_files("input[name=photos]", _photo(tmp_path))
    page.get_by_role("button", name="提交").click()
    page.wait_for_url("**/public/submit/done/")
    _fits_the_phone(page)
    code = page.locator("[data-testid=tracking-code]").inner_text().strip()
    request = PublicRequest.objects.get(code=code)
    assert request.photos.count() == 1

    page.context.clear_cookies()  # later, on another day: only the code and the phone's last four digits get in
    page.goto(f"{base}/track/")
    page.get_by_label("查询码").fill(code.lower())
    page.get_by_label("联系电话后四位").fill("5678")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(f"**/public/track/{code}/")
    assert page.locator("[data-testid=reply]").count() == 0

    public_reply_add(
        actor=live_world.user(Role.VILLAGE_CADRE),
        request=request,
        reply="已联系村委会维修栏杆。",
        staff_note="施工队周五到",
        close=True,
    )
    page.reload()
    _fits_the_phone(page)
    assert page.locator("[data-testid=reply]").first.inner_text() == "已联系村委会维修栏杆。"
    assert page.locator("[data-testid=status]").inner_text() == "已办结"
    assert "施工队周五到" not in page.content()
    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    page.get_by_text("感谢您的评价").wait_for()
    request.refresh_from_db()
    assert request.rating == "satisfied"


def _violations(page) -> list[str]:
    # Evaluated through the DevTools protocol, so the site's script policy (no inline scripts) need not be loosened.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    return [f"{v['id']} ({v['impact']}): {v['nodes'][:3]}" for v in found if v["impact"] in BLOCKING]


def _open_call(world) -> int:
    """A catalogued decision open for comment, so the area pages and the comment form have content to check."""
    leader, today = world.user(Role.LEADER), timezone.localdate()
    d = decision_create(
        actor=leader,
        area=world.township,
        title="集镇垃圾中转站选址",
        year=today.year,
        summary="拟在集镇新建垃圾中转站一座。",
        consultation_text="一、中转站拟建于集镇东侧。\n二、建设资金由乡财政安排。",
    )
    catalogue_publish(actor=leader, decision=d, on=today)
    end = today + datetime.timedelta(days=40)
    decision_transition(actor=leader, decision=d, action="open_comment", on=today, ends_on=end)
    return d.pk


def test_the_public_pages_have_no_serious_accessibility_violations(live_server, live_world, phone_page):
    assert AXE.exists(), "axe-core is installed by `make install` (npm)"
    decision = _open_call(live_world)
    page, base = phone_page, f"{live_server.url}/public"
    page.set_content('<html><body><img src="data:,"></body></html>')  # the check itself sees a missing alt text
    assert any(v.startswith("image-alt") for v in _violations(page))
    paths = ["/", f"/area/{live_world.township.pk}/", f"/area/{live_world.village.pk}/", "/help/", "/track/"]
    problems = {}
    page.goto(f"{base}/decisions/{decision}/")
    page.get_by_role("button", name="提交意见").click()  # empty: the refusal beside the field
    problems["/decisions/<pk>/ (errors)"] = _violations(page)
    for path in [*paths, f"/decisions/{decision}/", "/submit/"]:
        page.goto(base + path)
        problems[path] = _violations(page)
    # A refused form (errors beside the fields) and the tracking page of a fresh request.
    page.get_by_role("button", name="提交").click()
    problems["/submit/ (errors)"] = _violations(page)
    page.get_by_label("反映问题").check()
    page.select_option("select[name=area]", str(live_world.village.pk))
    page.get_by_label("发生了什么").fill("路灯坏了一个月了。")
    page.get_by_role("button", name="提交").click()
    page.wait_for_url("**/public/submit/done/")
    problems["/submit/done/"] = _violations(page)
    page.get_by_role("link", name="查看办理进度").click()
    problems["/track/<code>/"] = _violations(page)
    assert {path: found for path, found in problems.items() if found} == {}
