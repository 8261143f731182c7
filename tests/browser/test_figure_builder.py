"""The figure builder in a browser: a 法治工作人员 defines figures over records entered through the services — a pass
rate, a subset count, officers new in the year and standing at its end, a quantity written with 余, a change against
last year and a breakdown — sees each value in the preview, saves it, finds it on the figures page and writes it
into the annual report, where it links to its records. A county's staff define one for the whole county and preview
it for a township."""

import datetime
import re

import pytest
from django.utils import timezone

from fazhi.accounts.roles import Role
from fazhi.areas.testing import TEST_PASSWORD, make_user
from fazhi.core.dictionaries import dictionary_seed
from fazhi.figures.models import FigureDefinition
from tests.browser.conftest import login

Y = timezone.localdate().year - 1  # the builder and the report default to last year


def _records(world) -> None:
    """Last year: 3 院坝会, 2 讲座 and a handing-out of about 3000 leaflets; one 院坝会 the year before. Three contracts
    reviewed (two passed, one with changes) and one turned down; one still waiting. Officers: one certified in the
    year, one long before, one whose certificate ran out in the year."""
    from fazhi.counsel.choices import ReviewConclusion
    from fazhi.counsel.services import adviser_create, contract_create, contract_review
    from fazhi.enforcement.services import officer_save
    from fazhi.publicity.services import MaterialInput, activity_create

    dictionary_seed()
    staff = world.user(Role.LEGAL_STAFF)
    on = datetime.date(Y, 3, 5)
    for form, n in (("courtyard", 3), ("lecture", 2)):
        for i in range(n):
            activity_create(actor=staff, area=world.village, held_on=on, title=f"{form}{i}", form=form, participants=9)
    activity_create(
        actor=staff,
        area=world.village,
        held_on=on,
        title="发放资料",
        form="campaign",
        materials=[MaterialInput(kind="other", quantity=3000, unit="份", approximate=True)],
    )
    activity_create(actor=staff, area=world.village, held_on=datetime.date(Y - 1, 6, 1), title="前年", form="courtyard")

    adviser = adviser_create(
        actor=staff,
        area=world.township,
        name="王律师",
        contract_from=datetime.date(Y, 1, 1),
        contract_to=datetime.date(Y, 12, 31),
        firm="城口律师事务所",
    )
    conclusions = [ReviewConclusion.PASSED, ReviewConclusion.PASSED, ReviewConclusion.PASSED_WITH_CHANGES]
    conclusions += [ReviewConclusion.REJECTED, None]
    for i, conclusion in enumerate(conclusions):
        contract = contract_create(
            actor=staff,
            area=world.township,
            title=f"合同{i}",
            counterparty=f"公司{i}",
            drafting_unit="党政办",
            submitted_on=datetime.date(Y, 4, 1),
        )
        if conclusion:
            contract_review(
                actor=staff,
                contract=contract,
                reviewer=adviser,
                reviewed_on=datetime.date(Y, 4, 10),
                conclusion=conclusion,
                opinion="" if conclusion == ReviewConclusion.PASSED else "须修改",
            )
    for name, issued, valid in (
        ("新证", datetime.date(Y, 5, 1), datetime.date(Y + 4, 4, 30)),
        ("老证", datetime.date(Y - 3, 5, 1), datetime.date(Y + 1, 4, 30)),
        ("过期", datetime.date(Y - 5, 5, 1), datetime.date(Y, 6, 30)),
    ):
        officer_save(
            actor=staff,
            area=world.township,
            name=name,
            certificate_no=f"50{issued.year}{name}",
            certificate_issued_on=issued,
            certificate_valid_until=valid,
        )


class Builder:
    """Drives /figures/new/: every change re-renders the form through htmx; each step waits for that answer."""

    def __init__(self, page, base_url):
        self.page, self.base_url = page, base_url
        # A response is not yet the new form: count htmx's settles, so a step never acts on the form being replaced.
        page.add_init_script(
            "document.addEventListener('htmx:afterSettle', () => { window.settled = (window.settled || 0) + 1; })"
        )

    def _posted(self, action):
        before = self.page.evaluate("window.settled || 0")
        action()
        for _tick in range(150):  # wait_for_function would evaluate a string, which the CSP forbids
            if self.page.evaluate("window.settled || 0") > before:
                break
            self.page.wait_for_timeout(100)
        else:
            raise AssertionError("the builder did not re-render")
        self.page.wait_for_load_state("networkidle")

    def start(self, name: str, kind: str | None = None, unit: str = ""):
        self.page.goto(f"{self.base_url}/figures/new/")
        self.page.fill("input[name=name]", name)
        self.page.fill("input[name=unit]", unit)
        self._posted(lambda: self.page.press("input[name=unit]", "Tab"))
        if kind:
            self.select("kind", kind)

    def select(self, name: str, value: str | None = None, *, label: str | None = None):
        field = self.page.locator(f"#builder select[name={name}]")
        self._posted(lambda: field.select_option(value=value) if label is None else field.select_option(label=label))

    def check(self, dimension: str, label: str):
        box = self.page.locator(f"[data-testid=filter-dim_{dimension}]").get_by_label(label, exact=True)
        self._posted(box.check)
        assert self.page.locator(f"[data-testid=filter-dim_{dimension}]").get_by_label(label, exact=True).is_checked()

    def preview(self) -> str:
        value = self.page.locator("[data-testid=figure-value]")
        assert value.count() == 1, self.page.locator("#builder").inner_text()
        return value.inner_text()

    def save(self) -> int:
        self.page.click("[data-testid=save-figure]")
        assert "已保存指标" in self.page.content(), self.page.locator("main").inner_text()
        return int(re.search(r"/figures/(\d+)/", self.page.url).group(1))


@pytest.mark.django_db(transaction=True)
def test_a_township_defines_figures_in_the_builder_and_writes_them_into_its_report(
    live_server, live_world, desktop_page
):
    page, world = desktop_page, live_world
    _records(world)
    login(page, live_server.url, "u_legal_staff", TEST_PASSWORD)
    builder = Builder(page, live_server.url)
    saved: dict[str, tuple[int, str]] = {}  # name → (pk, value as the preview wrote it)

    def aggregate(name, record_type, *, period=None, filters=(), unit="", steps=(), expected):
        builder.start(name, unit=unit)
        builder.select("record_type", record_type)
        for field, value in steps:
            builder.select(field, value)
        if period:
            builder.select("period", label=period)
        for dimension, label in filters:
            builder.check(dimension, label)
        assert builder.preview() == expected
        saved[name] = (builder.save(), expected)

    # A pass rate: passed (通过, 修改后通过) ÷ reviewed.
    passed = [("conclusion", "通过"), ("conclusion", "修改后通过")]
    aggregate("审查通过的合同", "counsel.contract_review", filters=passed, unit="件", expected="3件")
    aggregate("审查的合同", "counsel.contract_review", unit="件", expected="4件")
    builder.start("合同审查通过率", "rate", unit="%")
    builder.select("numerator", label="审查通过的合同")
    builder.select("denominator", label="审查的合同")
    assert builder.preview() == "75%"
    saved["合同审查通过率"] = (builder.save(), "75%")

    # A subset count, and its change against last year (3 against 1).
    aggregate("院坝会", "publicity.activity", filters=[("form", "院坝会")], unit="场次", expected="3场次")
    builder.start("院坝会较上年", "change", unit="%")
    builder.select("base", label="院坝会")
    assert builder.preview() == "200%"
    saved["院坝会较上年"] = (builder.save(), "200%")

    # Officers with certificates: new in the year, and standing at its end (the lapsed one is not).
    aggregate("年内新增持证人员", "enforcement.certificate", period="年内新增", unit="名", expected="1名")
    aggregate("年末持证人员", "enforcement.certificate", period="年末在册", unit="名", expected="2名")

    # About 3000 leaflets: written 3000余 because the record says 约数, though the number is round.
    steps = [("aggregation", "sum"), ("field", "quantity"), ("writing", "flag")]
    aggregate("发放普法资料", "publicity.material", steps=steps, unit="份", expected="3000余份")

    # A breakdown by form whose parts add up to the total.
    aggregate("普法活动", "publicity.activity", unit="场次", expected="6场次")
    builder.start("普法活动按形式", "breakdown", unit="场次")
    builder.select("base", label="普法活动")
    builder.select("dimension", label="活动形式")
    assert builder.preview() == "6场次"
    rows = page.locator("[data-testid=figure-breakdown] tr").all()
    parts = {row.locator("th").inner_text(): row.locator("td").inner_text() for row in rows}
    assert parts["院坝会"] == "3场次" and parts["讲座"] == "2场次"
    assert sum(int(v.removesuffix("场次")) for v in parts.values()) == 6
    assert not page.locator("[data-testid=breakdown-mismatch]").count()
    saved["普法活动按形式"] = (builder.save(), "6场次")

    # The figures page: each one in its section, with the value the preview showed.
    township = world.township
    for name, (pk, value) in saved.items():
        definition = FigureDefinition.objects.get(pk=pk)
        page.goto(f"{live_server.url}/reports/metrics/?area={township.pk}&year={Y}")
        tabs = page.locator("[data-testid=metric-sections] a")
        tab = tabs.filter(has_text=re.compile("^" + re.escape(_section_label(definition)) + r"\s"))
        assert tab.count() == 1, (name, _section_label(definition), tabs.all_inner_texts())
        tab.click()
        page.wait_for_load_state("networkidle")
        row = page.locator("[data-testid=metrics] tr", has=page.get_by_text(name, exact=True))
        assert row.locator("td").nth(1).inner_text() == value, name

    # The report: each placeholder written into a paragraph through the section form.
    page.goto(f"{live_server.url}/reports/new/")
    page.select_option("select[name=area]", label="治平乡")
    page.fill("input[name=year]", str(Y))
    page.click("form button.btn-primary")
    assert "已按默认模板生成报告草稿" in page.content()
    section = page.locator("section[id^=section-]").first
    section.locator("summary").click()
    body = section.locator("textarea[name$=body]")
    body.fill(body.input_value() + "".join(f"{{custom.{pk}}}；" for pk, _v in saved.values()))
    section.locator("button", has_text="保存段落").click()
    assert "段落已保存" in page.content()
    report_url = page.url
    for name, (pk, value) in saved.items():
        figure = page.locator(f".report-preview a.figure[data-figure='custom.{pk}']").first
        assert figure.inner_text() == value.removesuffix(FigureDefinition.objects.get(pk=pk).unit), name
    # Each figure's link opens its records: the rate's are the contracts it counts.
    page.locator(f".report-preview a.figure[data-figure='custom.{saved['合同审查通过率'][0]}']").first.click()
    assert page.locator("ol[data-testid=evidence] li[data-pk]").count() >= 3
    page.goto(report_url)
    page.locator(f".report-preview a.figure[data-figure='custom.{saved['年末持证人员'][0]}']").first.click()
    evidence = page.locator("ol[data-testid=evidence]").inner_text()
    assert "新证" in evidence and "老证" in evidence and "过期" not in evidence


def _section_label(definition) -> str:
    from fazhi.core.metrics import refresh

    section = str(refresh()[definition.key].section)
    assert section, definition.name  # a rate, a change or a breakdown stands with what it is made from
    return section


@pytest.mark.django_db(transaction=True)
def test_a_county_defines_a_figure_for_its_townships_and_previews_one_of_them(live_server, live_world, desktop_page):
    page, world = desktop_page, live_world
    _records(world)
    make_user("u_county_staff", role=Role.LEGAL_STAFF, area=world.county)
    login(page, live_server.url, "u_county_staff", TEST_PASSWORD)
    builder = Builder(page, live_server.url)
    builder.start("全县院坝会", unit="场次")
    assert page.locator("#builder select[name=area] option:checked").inner_text() == "城口县"
    builder.select("record_type", "publicity.activity")
    builder.check("form", "院坝会")
    assert builder.preview() == "3场次"  # the whole county: 治平乡's three
    builder.select("preview_area", label="明通镇")
    assert builder.preview() == "0场次"
    builder.select("preview_area", label="治平乡")
    assert builder.preview() == "3场次"
    pk = builder.save()
    assert FigureDefinition.objects.get(pk=pk).area == world.county
