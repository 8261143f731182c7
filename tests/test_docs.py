"""The repository stands alone: code cites the legal rules in docs/law.md, never a file outside the repository, and
every rule ID it cites there has an entry (an anchor `<a id="ID">`) in docs/law.md or docs/law/*.md."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("fazhi", "config", "bench", "tests", "templates")
OUTSIDE = re.compile(r"DOMAIN\.md|\.\./shared")
# `docs/law.md` and what follows it up to the end of the parenthesis, quote or line: "ND-07/ND-09", "SEC-14, SEC-18".
CITATION = re.compile(r"docs/law\.md([^)）\"'\n]*)")
RULE_ID = re.compile(r"\b[A-Z]{1,4}(?:-[A-Z])?-\d{2}\b")
ANCHOR = re.compile(r'<a id="([^"]+)"></a>')


def _code_files():
    for top in CODE_DIRS:
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix in {".py", ".html"} and path.is_file():
                yield path


def _law_ids() -> set[str]:
    pages = [ROOT / "docs" / "law.md", *sorted((ROOT / "docs" / "law").glob("*.md"))]
    return {anchor for page in pages if page.exists() for anchor in ANCHOR.findall(page.read_text())}


def test_no_source_file_cites_a_file_outside_the_repository():
    this = Path(__file__).resolve()
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _code_files()
        if path != this
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert offenders == [], "cite docs/law.md <ID> instead: " + ", ".join(offenders)


def test_every_rule_id_cited_in_the_code_has_an_entry_in_docs_law():
    known = _law_ids()
    assert known, "docs/law.md has no entries"
    cited = {}
    for path in _code_files():
        # A citation may be wrapped onto the next line ("docs/law.md\n    SEC-13"): read the file as one line.
        text = re.sub(r"\s*\n\s*#?\s*", " ", path.read_text())
        for tail in CITATION.findall(text):
            for rule in RULE_ID.findall(tail):
                cited.setdefault(rule, str(path.relative_to(ROOT)))
    assert cited, "no citation of docs/law.md found"
    missing = {rule: where for rule, where in cited.items() if rule not in known}
    assert missing == {}, f"cited but not in docs/law.md: {missing}"
