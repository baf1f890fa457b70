"""The character rule (build_tools/textutil.py) in the validator, on the shared case list.

tests/data/characters.json is also run through the "Praktijk aanmelden" form in Chromium
(tests/browser/test_form_characters.py): the form and the validator must agree on every case.
"""

from __future__ import annotations

import json

import pytest

from build_tools.load import load_file
from build_tools.textutil import clean_text, forbidden_char

from .conftest import DATA

CASES = json.loads((DATA / "characters.json").read_text(encoding="utf-8"))["cases"]


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar that escapes what the form escapes (controls and the like)."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or forbidden_char(ch):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_validator_follows_the_shared_cases(case, write_practice):
    field, value = case["field"], case["value"]
    if field == "description":
        path = write_practice("tekens", description=f"description: {yaml_string(value)}")
    else:
        path = write_practice("tekens", year=f"year: 2016\n{field}: {yaml_string(value)}")
    practice, problems = load_file(path)
    if case["ok"]:
        assert problems == []
        assert getattr(practice, field) == case["clean"]
        assert clean_text(value) == case["clean"]
    else:
        assert [(p.field, "bevat een teken dat niet is toegestaan" in p.message) for p in problems] == [(field, True)]


def test_the_cases_cover_every_character_the_issue_names():
    refused = "".join(c["value"] for c in CASES if not c["ok"])
    for ch in "\x1c\x1d\x1e\x1f\x85\x1b\ud800":
        assert ch in refused


def test_the_strip_characters_are_exactly_the_white_space_rule():
    """clean_text strips single-line values with a written-out character list; it must be the
    WHITESPACE character class, character for character."""
    import re

    from build_tools import textutil

    rule = re.compile(f"[{textutil.WHITESPACE}]")
    expected = "".join(ch for ch in map(chr, range(0x110000)) if rule.fullmatch(ch))
    assert textutil._WHITESPACE_CHARS == expected
