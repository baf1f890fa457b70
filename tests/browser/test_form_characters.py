"""The form and the validator agree on every case of tests/data/characters.json (real Chromium).

A case the validator accepts must give a file from the form that the validator accepts, with
the same cleaned value; a case the validator refuses must be refused by the form on that field.
"""

from __future__ import annotations

import json

import pytest

from build_tools.load import load_file

from ..conftest import DATA
from .conftest import fill_basics, open_form, save

pytestmark = pytest.mark.browser

# A value no form field can hold (a CR becomes a line break) cannot be sent by the form.
CASES = [c for c in json.loads((DATA / "characters.json").read_text(encoding="utf-8"))["cases"]
         if c.get("browser", True)]
CONTROL = {"funding": "#kb-funding", "description": "#kb-description"}


def set_value(page, selector: str, value: str) -> None:
    # Through the DOM so every character arrives as written (typing would drop some).
    page.eval_on_selector(selector, "(el, value) => { el.value = value; }", value)


def test_form_follows_the_shared_cases(page, site_url, tmp_path):
    open_form(page, site_url)
    fill_basics(page)
    page.fill("#kb-slug", "tekens")
    disagreements = []
    for case in CASES:
        fill_basics(page)
        set_value(page, "#kb-funding", "")
        set_value(page, CONTROL[case["field"]], case["value"])
        page.click("#kb-make")
        error = page.locator(CONTROL[case["field"]] + "-error")
        if case["ok"]:
            page.wait_for_selector("#kb-result:not([hidden])")
            practice, problems = load_file(save(tmp_path, "tekens.md", page.input_value("#kb-output")))
            if problems or getattr(practice, case["field"]) != case["clean"]:
                disagreements.append((case["name"], [p.message for p in problems]))
        else:
            if not (error.is_visible() and "niet is toegestaan" in error.inner_text()):
                disagreements.append((case["name"], "het formulier weigert de waarde niet"))
    assert disagreements == []
    assert page.console_errors == []


def test_form_refuses_lists_longer_than_the_validator_allows(page, site_url):
    from build_tools.validate import MAX_ITEMS

    open_form(page, site_url)
    fill_basics(page, organisations="\n".join(f"Organisatie {i}" for i in range(MAX_ITEMS["organisations"] + 1)))
    page.fill("#kb-tags", ", ".join(f"trefwoord{i}" for i in range(MAX_ITEMS["tags"] + 1)))
    page.click("#kb-make")
    assert f"hooguit {MAX_ITEMS['organisations']} organisaties" in page.inner_text("#kb-organisations-error")
    assert f"hooguit {MAX_ITEMS['tags']} trefwoorden" in page.inner_text("#kb-tags-error")
    assert page.is_hidden("#kb-result")
