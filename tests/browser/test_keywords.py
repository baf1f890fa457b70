"""Keywords in a real Chromium: a keyword on a practice page leads to its section on the keyword
index page, and that section lists the practice."""

from __future__ import annotations

import pytest

from build_tools.load import load_practices
from build_tools.settings import PROJECT_ROOT

pytestmark = pytest.mark.browser
PRACTICE = next(p for p in load_practices(PROJECT_ROOT / "practices").published if p.tags)


def test_keyword_link_lands_on_its_section(page, site_url):
    page.goto(site_url + f"praktijken/{PRACTICE.slug}/")
    link = page.locator(".kb-info a.kb-tag").first
    name = link.inner_text()
    link.click()
    page.wait_for_url("**/trefwoorden/#tag:*")
    anchor = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    heading = page.locator(f'[id="{anchor}"]')
    assert heading.count() == 1 and heading.inner_text().replace("¶", "").strip() == name
    assert heading.evaluate("h => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    listed = heading.locator("xpath=following-sibling::ul[1]//a").evaluate_all("as => as.map(a => a.href)")
    assert any(href.rstrip("/").endswith(f"praktijken/{PRACTICE.slug}") for href in listed)
    assert page.console_errors == [] and page.failed_requests == []
