import datetime
import sys
import types
from types import SimpleNamespace

import pytest

from fazhi.portal import sources


def _fake_module(monkeypatch, name: str, **functions):
    module = types.ModuleType(name)
    for fn_name, fn in functions.items():
        setattr(module, fn_name, fn)
    monkeypatch.setitem(sys.modules, name, module)


@pytest.mark.parametrize(
    ("module", "call"),
    [
        ("fazhi.disclosure.selectors", lambda area: sources.published_postings(area)),
        ("fazhi.decisions.selectors", lambda area: sources.decision_catalogue(area, 2024)),
        ("fazhi.documents.selectors", lambda area: sources.published_documents(area)),
        ("fazhi.enforcement.selectors", lambda area: sources.enforcement_publications(area)),
    ],
)
def test_a_missing_source_gives_an_empty_list(world, monkeypatch, module, call):
    monkeypatch.setitem(sys.modules, module, types.ModuleType(module))  # the module exists, its selector not yet
    assert call(world.village) == []


def test_postings_are_read_through_the_disclosure_selector(world, monkeypatch):
    seen = {}

    def published_posting_list(*, area, q):
        seen.update(area=area, q=q)
        day = datetime.date(2024, 4, 2)
        posting = SimpleNamespace(title="2024年第一季度村务公开", published_on=day, text="收支明细")
        return [posting]

    _fake_module(monkeypatch, "fazhi.disclosure.selectors", published_posting_list=published_posting_list)
    items = sources.published_postings(world.village, q="村务")
    assert seen == {"area": world.village, "q": "村务"}
    assert items[0].title == "2024年第一季度村务公开" and items[0].summary == "收支明细"


def test_handoff_state_uses_the_grid_selector_when_it_exists(world, monkeypatch):
    import fazhi.grid.selectors as grid_selectors

    assert sources.handoff_state("grid.matter", None) is None
    if not hasattr(grid_selectors, "matter_public_status"):
        monkeypatch.setattr(
            grid_selectors,
            "matter_public_status",
            lambda *, pk: {"status_label": "已办结", "closed": True, "reply": "路灯已修好"},
            raising=False,
        )
        state = sources.handoff_state("grid.matter", 1)
        assert state == sources.HandoffState("已办结", True, "路灯已修好")
