"""The built site in a real Chromium: loading, search, lists, the info panel, the phone menu
(the search page itself: test_site_search.py)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from build_tools.load import load_practices
from build_tools.settings import PROJECT_ROOT
from build_tools.vocabulary import default_vocabulary

pytestmark = pytest.mark.browser
PUBLISHED = load_practices(PROJECT_ROOT / "practices").published
VOCAB = default_vocabulary()


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-zà-ÿ]{9,}", text.lower()))


def body_only_word() -> tuple[str, str]:
    """A long word that occurs in exactly one practice, only in its body, and in no hand-written page."""
    docs_text = " ".join(p.read_text(encoding="utf-8") for p in (PROJECT_ROOT / "docs").glob("**/*.md")
                         if p.parts[-2] not in ("praktijken", "regios", "themas"))
    elsewhere = words(docs_text)
    for p in PUBLISHED:
        elsewhere |= words(" ".join([p.title, p.description, *p.organisations, *p.tags, p.funding or ""]))
    counts = Counter(w for p in PUBLISHED for w in words(p.body))
    for p in PUBLISHED:
        for word in sorted(words(p.body)):
            if counts[word] == 1 and word not in elsewhere and not any(
                    word in w or w in word for w in elsewhere if len(w) >= 9):
                return word, p.slug
    pytest.fail("Geen woord gevonden dat alleen in de tekst van één praktijk staat.")


def test_home_loads_cleanly(page, site_url):
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert "Kennisbank" in page.title()
    assert page.console_errors == []
    assert page.failed_requests == []


def test_search_finds_a_word_from_a_body(page, site_url):
    word, slug = body_only_word()
    page.goto(f"{site_url}praktijken/")
    page.fill("#kb-zoek-q", word)
    page.wait_for_selector("#zoekresultaten[data-status='klaar'] > li")
    hrefs = page.locator("#zoekresultaten > li a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert [h for h in hrefs if h.rstrip("/").endswith(f"/praktijken/{slug}")] and len(hrefs) == 1
    assert page.console_errors == [] and page.failed_requests == []


def test_region_page_lists_exactly_its_practices(page, site_url):
    counts = Counter(r for p in PUBLISHED for r in p.region)
    region, _ = counts.most_common(1)[0]
    slug = VOCAB.region(region).slug
    page.goto(f"{site_url}regios/{slug}/")
    hrefs = page.locator(".kb-practice-list a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    listed = {h.strip("/").split("/")[-1] for h in hrefs}
    assert listed == {p.slug for p in PUBLISHED if region in p.region}
    assert page.locator("h1").inner_text().startswith(region)


def test_theme_page_lists_exactly_its_practices(page, site_url):
    counts = Counter(t for p in PUBLISHED for t in p.themes)
    theme, _ = counts.most_common(1)[0]
    page.goto(f"{site_url}themas/{theme}/")
    hrefs = page.locator(".kb-practice-list a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert {h.strip("/").split("/")[-1] for h in hrefs} == {p.slug for p in PUBLISHED if theme in p.themes}
    assert VOCAB.theme(theme).description in page.locator("article").inner_text()


def test_practice_page_shows_info_panel(page, site_url):
    practice = max(PUBLISHED, key=lambda p: len(p.themes))
    page.goto(f"{site_url}praktijken/{practice.slug}/")
    panel = page.locator(".kb-info")
    assert panel.is_visible()
    text = panel.inner_text()
    assert str(practice.year) in text
    for region in practice.region:
        assert region in text
    for theme in practice.themes:
        assert VOCAB.theme(theme).label in text
    for organisation in practice.organisations:
        assert organisation in text
    panel.get_by_role("link", name=practice.region[0], exact=True).click()
    page.wait_for_url(f"**/regios/{VOCAB.region(practice.region[0]).slug}/")
    assert page.console_errors == []


def test_phone_menu_opens_and_navigates(page, site_url):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(site_url)
    hamburger = page.locator("label.md-header__button[for='__drawer']")
    assert hamburger.is_visible()
    hamburger.click()
    drawer = page.locator("nav.md-nav--primary")
    link = drawer.get_by_role("link", name="Dekking", exact=True)
    link.wait_for(state="visible")
    assert page.locator("#__drawer").is_checked()
    link.click()
    page.wait_for_url("**/dekking/")
    # the matrix scrolls inside its own box instead of widening the page
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.console_errors == [] and page.failed_requests == []
