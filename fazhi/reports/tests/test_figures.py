from decimal import Decimal
from types import SimpleNamespace

import pytest

from fazhi.reports.figures import Figure, cn_number, format_value, heading_marker, keys_in, segments


@pytest.mark.parametrize(
    ("value", "approx", "text"),
    [
        (12, False, "12"),
        (11, True, "10余"),
        (106, True, "100余"),
        (730, True, "700余"),
        (9, True, "9"),
        (100, True, "100"),
        (69, False, "69"),
        (1234, True, "1000余"),
        (Decimal("106.0000"), True, "100余"),
        (Decimal("2.5"), False, "2.5"),
        (0, True, "0"),
    ],
)
def test_numbers_are_written_exactly_or_with_yu(value, approx, text):
    assert format_value(value, approx=approx) == text


def test_chinese_numerals_and_heading_markers():
    assert [cn_number(n) for n in (1, 2, 10, 11, 12, 20, 23)] == ["一", "二", "十", "十一", "十二", "二十", "二十三"]
    assert heading_marker(1, 3) == "三、"
    assert heading_marker(2, 5) == "（五）"


def test_placeholders_are_found_once_each_in_order():
    texts = ["共{a.x}次，约{b.y|余}本，再{a.x}次", "{是}{year}"]
    assert keys_in(texts) == ["a.x", "b.y"]


def test_segments_number_list_markers_and_fill_figures():
    report = SimpleNamespace(year=2023, area=SimpleNamespace(name="治平乡"))
    figures = {"p.acts": Figure(key="p.acts", value=11), "p.books": Figure(key="p.books", value=106)}
    segs = segments(
        "{是}{area}{year}年开展活动{p.acts|余}次；{是}发放{p.books|余}本、{p.books}本；{是}{next_year}",
        figures=figures,
        report=report,
    )
    assert "".join(s.text for s in segs) == "一是治平乡2023年开展活动10余次；二是发放100余本、106本；三是2024"
    assert [s.key for s in segs if s.key] == ["p.acts", "p.books", "p.books"]


def test_an_unregistered_placeholder_renders_a_clear_marker_instead_of_failing():
    report = SimpleNamespace(year=2023, area=SimpleNamespace(name="治平乡"))
    segs = segments("共{nosuch.metric}次", figures={}, report=report)
    assert "".join(s.text for s in segs) == "共【指标未登记：nosuch.metric】次"
    assert segs[1].missing
