import sys
import types

import pytest

from fazhi.portal import sources


@pytest.mark.parametrize(
    ("module", "call", "nothing"),
    [
        ("fazhi.disclosure.selectors", lambda area: sources.published_postings(area), []),
        ("fazhi.decisions.selectors", lambda area: sources.decision_catalogue(area, 2024), []),
        ("fazhi.decisions.selectors", lambda area: sources.open_consultations(area), []),
        ("fazhi.decisions.selectors", lambda area: sources.public_consultation(1), None),
        ("fazhi.documents.selectors", lambda area: sources.published_documents(area), []),
        ("fazhi.enforcement.selectors", lambda area: sources.enforcement_publications(area), []),
    ],
)
def test_a_missing_source_gives_nothing(world, monkeypatch, module, call, nothing):
    monkeypatch.setitem(sys.modules, module, types.ModuleType(module))  # the module exists, its selector not yet
    assert call(world.village) == nothing


def test_comments_are_refused_plainly_while_the_decisions_app_takes_none(world, monkeypatch):
    from fazhi.portal import handoff

    monkeypatch.setitem(sys.modules, "fazhi.decisions.services", types.ModuleType("fazhi.decisions.services"))
    with pytest.raises(handoff.CommentsUnavailable):
        handoff.decision_comment(pk=1, text="意见")
