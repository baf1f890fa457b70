"""A practice page on paper (print stylesheet in docs/assets/kennisbank.css): a header with the
site name, the page's public URL and the date it was printed; nothing that only works on a screen.
The PDF Chromium makes of the page is kept in test-artifacts/ to look at."""

from __future__ import annotations

from datetime import date

import pytest
from mkdocs.config import load_config

from build_tools.settings import PROJECT_ROOT
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]


def first_practice_slug() -> str:
    return sorted(p.stem for p in (PROJECT_ROOT / "practices").glob("*.md") if p.name != "README.md")[0]


def test_print_header_names_site_url_and_print_date(page, site_url):
    slug = first_practice_slug()
    page.goto(f"{site_url}praktijken/{slug}/")
    header = page.locator(".kb-print-header")
    assert not header.is_visible(), "de afdrukkop hoort niet op het scherm"

    page.emulate_media(media="print")
    assert header.is_visible()
    config = load_config(str(PROJECT_ROOT / "mkdocs.yml"))
    assert header.locator(".kb-print-header__site").inner_text() == config["site_name"]
    assert header.locator(".kb-print-header__url").inner_text() == f"{config['site_url']}praktijken/{slug}/"
    today = date.today()
    assert header.locator(".kb-print-header__date").inner_text() == (
        f"Afgedrukt op {today.day} {MONTHS[today.month - 1]} {today.year}")
    assert header.locator("time").get_attribute("datetime") == today.isoformat()


def test_print_hides_screen_only_parts(page, site_url):
    page.goto(f"{site_url}praktijken/{first_practice_slug()}/")
    screen_only = [".kb-breadcrumb", ".md-header", ".md-sidebar--primary", ".md-footer"]
    assert all(page.locator(sel).first.is_visible() for sel in screen_only[:2])
    page.emulate_media(media="print")
    for sel in screen_only:
        assert not page.locator(sel).first.is_visible(), sel
    # The practice itself is all there.
    assert page.locator("article h1").is_visible()
    assert page.locator("#gegevens").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(path=str(ARTIFACTS / "praktijk-afgedrukt.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")


def test_print_date_without_javascript_is_the_build_date(browser, site_url, built_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(f"{site_url}praktijken/{first_practice_slug()}/")
        pg.emulate_media(media="print")
        text = pg.locator(".kb-print-header__date").inner_text()
        stamp = pg.locator(".kb-print-header__date time").get_attribute("datetime")
        assert text.startswith("Stand van ")
        assert text.removeprefix("Stand van ") == "-".join(reversed(stamp.split("-")))
        assert date.fromisoformat(stamp) <= date.today()
    finally:
        context.close()
