"""The task-first home page, the region map and the coverage page in a real Chromium."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from build_tools.load import load_practices
from build_tools.settings import PROJECT_ROOT
from build_tools.vocabulary import default_vocabulary

pytestmark = pytest.mark.browser
PUBLISHED = load_practices(PROJECT_ROOT / "practices").published
VOCAB = default_vocabulary()
BY_REGION = Counter(r for p in PUBLISHED for r in p.region)
BY_THEME = Counter(t for p in PUBLISHED for t in p.themes)
DONE = "#zoekresultaten[data-status='klaar']"


def count_word(n: int) -> str:
    return f"{n} praktijk" if n == 1 else f"{n} praktijken"


def in_first_screen(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["height"] > 0 and box["y"] < height - 40


@pytest.mark.parametrize("width, height", [(375, 740), (1280, 800)])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_home_first_screen_has_search_themes_and_map(page, site_url, width, height, scheme):
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url)
    for selector in ("#kb-home-q", ".kb-tiles a.kb-tile", ".kb-home__map a.kb-map__tile",
                     ".kb-home__notice"):
        assert in_first_screen(page, selector), selector
    if width >= 1280:
        assert in_first_screen(page, ".kb-home__new li a")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.console_errors == [] and page.failed_requests == []


def test_home_theme_tiles_show_counts_and_lead_to_theme_pages(page, site_url):
    page.goto(site_url)
    tiles = page.locator(".kb-tiles a.kb-tile")
    assert tiles.count() == len(VOCAB.themes)
    for i, theme in enumerate(VOCAB.themes):
        tile = tiles.nth(i)
        assert tile.locator(".kb-tile__label").inner_text() == theme.label
        assert tile.locator(".kb-tile__count").inner_text() == str(BY_THEME[theme.id])
        assert urljoin(page.url, tile.get_attribute("href")) == f"{site_url}themas/{theme.id}/"
    tiles.first.click()
    assert page.url == f"{site_url}themas/{VOCAB.themes[0].id}/"


def test_home_search_box_goes_to_the_search_page(page, site_url):
    page.goto(site_url)
    page.fill("#kb-home-q", "beschut werk")
    page.press("#kb-home-q", "Enter")
    page.wait_for_load_state("networkidle")
    page.wait_for_selector(DONE, state="attached")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["beschut werk"]}
    assert page.locator("#zoekresultaten > li").count() > 0


def test_home_newest_practices_newest_first(page, site_url):
    page.goto(site_url)
    dated = sorted((p for p in PUBLISHED if p.last_changed), key=lambda p: (p.last_changed, p.slug), reverse=True)
    hrefs = page.locator(".kb-home__new li a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert hrefs == [f"praktijken/{p.slug}/" for p in dated[:len(hrefs)]] and len(hrefs) == 5


@pytest.mark.parametrize("path, regions_url", [("", "regios/"), ("regios/", ""), ("dekking/", "../regios/")])
def test_map_tiles_are_labelled_links_to_the_region_pages(page, site_url, path, regions_url):
    page.goto(site_url + path)
    tiles = page.locator("a.kb-map__tile")
    assert tiles.count() == len(VOCAB.regions)
    for region in VOCAB.regions:
        tile = page.locator(f"a.kb-map__tile[data-slug='{region.slug}']")
        n = BY_REGION[region.name]
        label = f"{region.name}: {count_word(n) if n else 'nog geen praktijken'}"
        assert tile.get_attribute("aria-label") == label
        assert tile.locator("title").text_content() == label
        assert tile.get_attribute("href") == f"{regions_url}{region.slug}/"
        assert tile.locator(".kb-map__count").text_content() == str(n)
    # the accessible name is what a screen reader reads
    twente = page.get_by_role("link", name=f"Twente: {count_word(BY_REGION['Twente'])}", exact=True)
    twente.click()
    assert page.url == f"{site_url}regios/twente/"
    assert page.locator("h1").inner_text().rstrip("¶") == "Twente"


def test_map_keyboard_order_follows_the_country_from_north_to_south(page, site_url):
    page.goto(site_url + "regios/")
    page.locator("a.kb-map__tile").first.focus()
    seen = []
    for _ in range(len(VOCAB.regions)):
        seen.append(page.evaluate("document.activeElement.getAttribute('data-slug')"))
        page.keyboard.press("Tab")
    tiles = {r.slug: r.tile for r in VOCAB.regions}
    assert len(set(seen)) == len(VOCAB.regions)
    assert [(tiles[s][1], tiles[s][0]) for s in seen] == sorted((t[1], t[0]) for t in tiles.values())
    # focus is visible: the focused tile's outline is drawn thicker in the accent colour
    page.locator("a.kb-map__tile[data-slug='twente']").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    width = page.locator("a.kb-map__tile[data-slug='twente'] rect").evaluate("r => getComputedStyle(r).strokeWidth")
    assert float(width.rstrip("px")) >= 4
    assert page.screenshot()  # kept as an artifact by the fixture


def test_map_has_a_legend_and_a_list_as_text_alternative(page, site_url):
    page.goto(site_url)
    legend = page.locator(".kb-home__map .kb-map__legend li").all_inner_texts()
    assert legend[0].strip() == "geen" and len(legend) >= 2
    page.locator(".kb-home__map .kb-map__list summary").click()
    items = page.locator(".kb-home__map .kb-map__list li").all_inner_texts()
    assert len(items) == len(VOCAB.regions)
    assert f"Twente: {count_word(BY_REGION['Twente'])}" in items
    svg = page.locator(".kb-home__map svg")
    assert svg.get_attribute("role") == "group"
    assert "Kaart van de arbeidsmarktregio's" in page.locator(f"#{svg.get_attribute('aria-labelledby')}").text_content()


def test_coverage_cells_lead_to_the_practices_behind_the_number(page, site_url):
    page.goto(site_url + "dekking/")
    links = page.locator(".kb-matrix td a")
    checked = 0
    for i in range(links.count()):
        link = links.nth(i)
        url = urljoin(page.url, link.get_attribute("href"))
        parts = urlsplit(url)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == site_url + "praktijken/"
        query = parse_qs(parts.query)
        region = next((r.name for r in VOCAB.regions if [r.slug] == query.get("regio")), None)
        theme = (query.get("thema") or [None])[0]
        expected = sum(1 for p in PUBLISHED if (region is None or region in p.region)
                       and (theme is None or theme in p.themes))
        assert int(link.inner_text()) == expected, url
        assert set(query) <= {"regio", "thema"}
        checked += 1
    cells = sum(1 for p in PUBLISHED for _r in p.region for _t in p.themes)  # upper bound of non-zero cells
    assert 0 < checked and checked <= cells + len(VOCAB.regions) + len(VOCAB.themes) + 1
    # a number, followed: the search page shows exactly those practices
    cell = page.locator(".kb-matrix tbody td.kb-cell--some a").first
    n = int(cell.inner_text())
    cell.click()
    page.wait_for_load_state("networkidle")
    page.wait_for_selector(DONE, state="attached")
    assert page.locator("#zoekresultaten > li").count() == n


def test_coverage_totals_first_and_header_and_region_column_stay_in_view(page, site_url):
    page.goto(site_url + "dekking/")
    headers = page.locator(".kb-matrix thead tr:first-child th").all_inner_texts()
    assert [h.strip() for h in headers[:2]] == ["Regio", "Totaal"]
    assert page.locator(".kb-matrix thead tr.kb-row--total th").inner_text().strip() == "Alle regio's"
    wrap = page.locator(".kb-coverage .kb-matrix-wrap")
    wrap.scroll_into_view_if_needed()
    wrap.evaluate("w => { w.scrollTop = 400; w.scrollLeft = 600; }")
    page.wait_for_timeout(100)
    assert wrap.evaluate("w => w.scrollTop") == 400 and wrap.evaluate("w => w.scrollLeft") > 0
    # the header row sits at the top of the scrolled box, the region column at its left
    wrap_box = wrap.bounding_box()
    corner = page.locator(".kb-matrix thead th").first.bounding_box()
    assert abs(corner["y"] - wrap_box["y"]) < 2 and abs(corner["x"] - wrap_box["x"]) < 2
    region_cell = page.locator(".kb-matrix tbody tr").nth(20).locator("th").bounding_box()
    assert abs(region_cell["x"] - wrap_box["x"]) < 2
    assert wrap_box["y"] < region_cell["y"] < wrap_box["y"] + wrap_box["height"]


def test_coverage_one_theme_at_a_time_on_a_phone(page, site_url):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(site_url + "dekking/?thema=beschut-werk")
    assert page.locator("#kb-dekking-thema").input_value() == "beschut-werk"
    visible = page.locator(".kb-matrix thead tr:first-child th:visible").all_inner_texts()
    assert [v.strip() for v in visible] == ["Regio", "Totaal", "Beschut werk"]
    theme_cell = page.locator(".kb-matrix thead th[data-thema='beschut-werk']").bounding_box()
    assert theme_cell["x"] + theme_cell["width"] <= 375  # the chosen theme fits beside the names
    by_region = Counter(r for p in PUBLISHED if "beschut-werk" in p.themes for r in p.region)
    twente = page.locator("a.kb-map__tile[data-slug='twente']")
    assert twente.locator(".kb-map__count").text_content() == str(by_region["Twente"])
    assert twente.get_attribute("href") == "../praktijken/?regio=twente&thema=beschut-werk"
    assert "Beschut werk" in page.locator("#kb-dekking-status").inner_text()
    # back to all themes: the address follows
    page.select_option("#kb-dekking-thema", "")
    assert "thema=" not in page.url
    assert page.locator(".kb-matrix thead tr:first-child th:visible").count() == 2 + len(VOCAB.themes)
    assert twente.get_attribute("href") == "../regios/twente/"
    assert page.console_errors == []


def test_practice_page_breadcrumb_phone_and_last_checked(page, site_url):
    p = next(q for q in PUBLISHED if q.contact and q.contact.phone and q.updated)
    page.goto(site_url + f"praktijken/{p.slug}/")
    crumbs = page.locator("nav.kb-breadcrumb li")
    assert crumbs.all_inner_texts() == ["Praktijken", p.region[0], p.title]
    assert crumbs.nth(2).get_attribute("aria-current") == "page"
    phone = page.locator("a[href^='tel:']").first
    assert re.fullmatch(r"tel:\+?[0-9]+", phone.get_attribute("href"))
    assert page.locator("dt", has_text="Laatst gecontroleerd").count() == 1
    crumbs.nth(1).locator("a").click()
    assert page.url == f"{site_url}regios/{VOCAB.region(p.region[0]).slug}/"
    page.goto(site_url + f"praktijken/{p.slug}/")
    crumbs.nth(0).locator("a").click()
    assert page.url == f"{site_url}praktijken/"


@pytest.mark.parametrize("path", ["regios/twente/", "themas/beschut-werk/"])
def test_region_and_theme_pages_offer_a_report_link_instead_of_the_edit_pencil(page, site_url, path):
    from build_tools.pages import project_contact

    page.goto(site_url + path)
    assert page.locator("a.md-content__button[rel=edit]").count() == 0
    link = page.get_by_role("link", name="Meld een fout of aanvulling")
    href = link.get_attribute("href")
    assert href.startswith(f"mailto:{project_contact()['contact_email']}?subject=Fout%20of%20aanvulling%3A%20")
