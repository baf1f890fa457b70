"""The site's search (Pagefind) in a real Chromium: the search page praktijken/ and the header box.

Everything runs against the project's example practices, built once (conftest ``site_url``), so
the expected results come from the practice files themselves, not from the search."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import (BY_SLUG, PUBLISHED, VOCAB, count_text, plain, result_slugs, text_of,
                                    with_word_starting)

pytestmark = pytest.mark.browser


def open_search(page, site_url, query: str = "") -> list[str]:
    page.goto(f"{site_url}praktijken/{query}")
    return result_slugs(page)


# --- text, filters and sort ---------------------------------------------------------------------
def test_text_filter_and_sort_together(page, site_url):
    theme = "ontwikkeling"
    slugs = open_search(page, site_url, f"?q=werkgevers&thema={theme}&sort=titel")
    expected = {p.slug for p in PUBLISHED if theme in p.themes} & with_word_starting("werkgever")
    assert len(expected) >= 2
    assert set(slugs) == expected
    titles = [BY_SLUG[s].title.casefold() for s in slugs]
    assert titles == sorted(titles)
    assert count_text(page).startswith(f"{len(expected)} praktijk")
    assert page.locator("#kb-zoek-aantal").get_attribute("aria-live") == "polite"
    # one more filter narrows it further: any of two regions
    regions = sorted({BY_SLUG[s].region[0] for s in slugs})[:2]
    page.locator("details[data-facet=regio] > summary").click()
    for name in regions:
        page.locator(f"input[name=regio][value='{VOCAB.region(name).slug}']").check()
    slugs = result_slugs(page)
    assert set(slugs) == {s for s in expected if set(BY_SLUG[s].region) & set(regions)}
    assert page.console_errors == [] and page.failed_requests == []


def test_sort_newest_first(page, site_url):
    page.goto(f"{site_url}praktijken/?sort=nieuwste")
    assert len(result_slugs(page, everything=False)) == min(10, len(PUBLISHED))  # the first screen
    slugs = result_slugs(page)
    assert len(slugs) == len(PUBLISHED)
    dates = [BY_SLUG[s].date.isoformat() if BY_SLUG[s].date else "" for s in slugs]
    assert dates == sorted(dates, reverse=True)


def test_facet_counts_follow_the_other_filters(page, site_url):
    open_search(page, site_url, "?thema=beschut-werk")
    for region in VOCAB.regions:
        label = page.locator(f"label[data-facet-name=regio][data-facet-value='{region.slug}']")
        n = sum(1 for p in PUBLISHED if "beschut-werk" in p.themes and region.name in p.region)
        assert label.locator("[data-n]").text_content() == f"({n})"
    # the theme facet itself counts without its own choice (any of several themes)
    label = page.locator("label[data-facet-name=thema][data-facet-value='dagbesteding']")
    assert label.locator("[data-n]").text_content() == f"({sum(1 for p in PUBLISHED if 'dagbesteding' in p.themes)})"


def test_url_round_trip(page, site_url, browser):
    page.goto(f"{site_url}praktijken/")
    page.fill("#kb-zoek-q", "werk")
    result_slugs(page, everything=False)  # the typed search is done before the next step
    page.locator("summary", has_text="Thema").click()
    page.locator("input[name=thema][value='detachering']").check()
    page.locator("input[name=thema][value='beschut-werk']").check()
    page.select_option("#kb-zoek-sort", "titel")
    first = result_slugs(page)
    params = parse_qs(urlsplit(page.url).query)
    assert sorted(params.pop("thema")) == ["beschut-werk", "detachering"]
    assert params == {"q": ["werk"], "sort": ["titel"]}
    expected = {p.slug for p in PUBLISHED if {"detachering", "beschut-werk"} & set(p.themes)} & with_word_starting("werk")
    assert set(first) == expected

    other = browser.new_context().new_page()  # a shared link opens the same search
    other.goto(page.url)
    assert result_slugs(other) == first
    assert other.input_value("#kb-zoek-q") == "werk"
    assert other.locator("input[name=thema][value='detachering']").is_checked()
    assert other.input_value("#kb-zoek-sort") == "titel"
    other.context.close()

    page.go_back()  # history: the step before the sort
    page.wait_for_function("!location.search.includes('sort=')")
    assert page.input_value("#kb-zoek-sort") == ""


@pytest.fixture
def slow_results_url(built_site, tmp_path):
    """The built site served with every result fragment (a result's data) delayed by 1.5 s, as
    on a slow connection. Pagefind loads fragments in a Web Worker, so the delay is the server's."""
    import functools
    import http.server
    import threading
    import time

    from tests.browser.conftest import site_path

    class Slow(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 (stdlib signature)
            pass

        def do_GET(self):
            if "/pagefind/fragment/" in self.path:
                time.sleep(1.5)
            super().do_GET()

    mount = site_path()
    (tmp_path / mount.strip("/")).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / mount.strip("/")).symlink_to(built_site, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Slow, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    server.shutdown()
    server.server_close()


def test_a_newer_search_owns_the_list(browser, slow_results_url):
    """A filter changed while the previous search is still loading its results: only the newest
    search fills the list; the older one, finishing late, adds nothing."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    page.goto(f"{slow_results_url}praktijken/")
    page.locator("summary", has_text="Thema").click()
    page.locator("input[name=thema][value='detachering']").check()
    # that search has found its practices and is loading their data
    page.wait_for_function("document.getElementById('kb-zoek-aantal').textContent.includes('gevonden')"
                           " && document.getElementById('zoekresultaten').dataset.status === 'bezig'")
    page.locator("input[name=thema][value='beschut-werk']").check()
    expected = {p.slug for p in PUBLISHED if {"detachering", "beschut-werk"} & set(p.themes)}
    try:
        assert sorted(result_slugs(page)) == sorted(expected)
    finally:
        context.close()


def test_unknown_values_are_ignored_with_a_note(page, site_url):
    slugs = open_search(page, site_url, "?thema=beschut-werk&regio=nergensland&sort=raar")
    note = page.locator("#kb-zoek-melding")
    assert note.is_visible()
    assert "regio=nergensland" in note.inner_text() and "sort=raar" in note.inner_text()
    assert set(slugs) == {p.slug for p in PUBLISHED if "beschut-werk" in p.themes}
    assert "nergensland" not in page.url


def _shared_organisation():
    """An organisation of several example practices (the filter must find them all)."""
    from collections import Counter

    counts = Counter(o for p in PUBLISHED for o in p.organisations)
    name, n = counts.most_common(1)[0]
    assert n >= 2
    return name, {p.slug for p in PUBLISHED if name in p.organisations}


def test_organisation_filter_from_a_practice_page(page, site_url):
    """An organisation on a practice page links to the search page filtered on it; the filter
    combines with text, is in the address and in the field, and can be dropped when nothing
    is found."""
    name, expected = _shared_organisation()
    page.goto(f"{site_url}praktijken/{sorted(expected)[0]}/")
    page.locator(".kb-info dd").get_by_role("link", name=name, exact=True).click()
    page.wait_for_url("**/praktijken/?organisatie=*")
    page.wait_for_load_state()
    assert set(result_slugs(page)) == expected
    assert parse_qs(urlsplit(page.url).query) == {"organisatie": [name]}
    assert page.input_value("#kb-zoek-organisatie") == name
    # with text: only those of the organisation's practices that have the word
    word = next(w for w in ("werk", "jongeren", "begeleiding", "werkgevers") if with_word_starting(w) & expected)
    page.fill("#kb-zoek-q", word)
    page.wait_for_function(f"new URLSearchParams(location.search).get('q') === {json.dumps(word)}")
    assert set(result_slugs(page)) == with_word_starting(word) & expected
    # nothing found: a way on without the organisation
    page.goto(f"{site_url}praktijken/?q=fietsenwerkplaats&organisatie={name}")
    if not (with_word_starting("fietsenwerkplaats") & expected):
        assert result_slugs(page) == []
        drop = page.locator("#kb-zoek-hulp").get_by_role("link", name=re.compile("^Zonder " + re.escape(name)))
        drop.click()
        assert set(result_slugs(page)) == with_word_starting("fietsenwerkplaats")
        assert "organisatie=" not in page.url


def test_organisation_names_are_matched_kindly_or_noted(page, site_url):
    """Another case or no accents finds the organisation as the practices write it; a name no
    practice has is dropped with a visible note."""
    name, expected = _shared_organisation()
    open_search(page, site_url, "?organisatie=" + plain(name).upper().replace(" ", "+"))
    page.wait_for_function(f"new URLSearchParams(location.search).get('organisatie') === {json.dumps(name)}")
    assert set(result_slugs(page)) == expected
    assert page.input_value("#kb-zoek-organisatie") == name

    slugs = open_search(page, site_url, "?thema=beschut-werk&organisatie=Bestaat+Niet+BV")
    page.wait_for_function("!location.search.includes('organisatie=')")
    slugs = result_slugs(page)
    assert set(slugs) == {p.slug for p in PUBLISHED if "beschut-werk" in p.themes}
    assert "onbekende organisatie" in page.locator("#kb-zoek-melding").inner_text()
    assert "Bestaat Niet BV" in page.locator("#kb-zoek-melding").inner_text()


def test_organisation_field_offers_the_names(page, site_url):
    name, _expected = _shared_organisation()
    page.goto(f"{site_url}praktijken/")
    page.locator("#kb-zoek-organisatie").focus()
    page.wait_for_function("document.querySelectorAll('#kb-zoek-organisaties option').length > 0")
    names = page.locator("#kb-zoek-organisaties option").evaluate_all("els => els.map(o => o.value)")
    assert set(names) == {o for p in PUBLISHED for o in p.organisations}
    page.fill("#kb-zoek-organisatie", name)
    page.keyboard.press("Enter")
    page.wait_for_function("location.search.includes('organisatie=')")
    assert set(result_slugs(page)) == _expected


def test_zero_results_offers_a_way_on(page, site_url):
    target = BY_SLUG["circulaire-fietsenwerkplaats-zwolle"]
    assert open_search(page, site_url, "?q=fietsenwerkplaats&regio=twente") == []
    assert count_text(page).startswith("0 praktijken")
    help_box = page.locator("#kb-zoek-hulp")
    assert help_box.is_visible()
    assert help_box.get_by_role("link", name="Meld een praktijk aan").get_attribute("href").endswith("aanmelden/")
    assert help_box.get_by_role("link", name=re.compile("landelijke praktijken")).is_visible()
    drop = help_box.get_by_role("link", name=re.compile("^Zonder Twente"))
    assert drop.inner_text().endswith(": 1 praktijk")
    drop.click()
    assert result_slugs(page) == [target.slug]
    assert "regio=" not in page.url


# --- Dutch-aware matching -------------------------------------------------------------------------
def test_spelling_suggestion(page, site_url):
    open_search(page, site_url, "?q=dagbesteeding")
    suggestion = page.locator("#zoeksuggestie")
    suggestion.wait_for(state="visible")
    assert suggestion.inner_text() == "Bedoelde je: dagbesteding?"
    suggestion.get_by_role("link").click()
    slugs = result_slugs(page)
    assert parse_qs(urlsplit(page.url).query)["q"] == ["dagbesteding"]
    assert set(slugs) == with_word_starting("dagbesteding")
    assert page.locator("#zoeksuggestie").inner_text().strip() == ""


def test_diacritics_do_not_matter(page, site_url):
    without = open_search(page, site_url, "?q=orientatieperiode")
    assert without == ["werkladder-wmo-beschut-werk-gooi-en-vechtstreek"]
    assert open_search(page, site_url, "?q=oriëntatieperiode") == without
    assert set(open_search(page, site_url, "?q=financiele")) == with_word_starting("financiële") != set()


def test_inflections_match(page, site_url):
    assert open_search(page, site_url, "?q=fietsenwerkplaatsen") == ["circulaire-fietsenwerkplaats-zwolle"]
    assert set(open_search(page, site_url, "?q=werkgever")) == set(open_search(page, site_url, "?q=werkgevers"))
    assert "zorgboerderij-beschut-werk-groningen" in open_search(page, site_url, "?q=zorgboerderijen")


def test_region_alias_in_the_text_field(page, site_url):
    slugs = open_search(page, site_url, "?q=eindhoven")
    assert slugs == ["netwerk-inclusieve-werkgevers-brainport"]
    note = page.locator("#kb-zoek-regionoot")
    assert "Zuidoost-Brabant" in note.inner_text()
    note.get_by_role("button").click()  # take the word literally instead
    page.wait_for_function("location.search.includes('letterlijk=1')")
    assert result_slugs(page) == [p.slug for p in PUBLISHED if "eindhoven" in text_of(p)]


# --- keyboard, header box, without JavaScript ------------------------------------------------------
def focus_by_tab(page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement === document.querySelector({selector!r})"):
            return
    pytest.fail(f"{selector} is niet met Tab te bereiken")


def test_keyboard_only(page, site_url):
    page.goto(f"{site_url}praktijken/")
    focus_by_tab(page, "#kb-zoek-q")
    page.keyboard.type("beschut werk")
    page.keyboard.press("Enter")
    assert "zorgboerderij-beschut-werk-groningen" in result_slugs(page)
    focus_by_tab(page, "details[data-facet=regio] > summary")
    page.keyboard.press("Enter")  # opens the region choices
    focus_by_tab(page, "input[name=regio][value='groningen']", limit=80)
    page.keyboard.press("Space")
    assert result_slugs(page) == ["zorgboerderij-beschut-werk-groningen"]
    focus_by_tab(page, "#zoekresultaten a", limit=200)
    page.keyboard.press("Enter")
    page.wait_for_url("**/praktijken/zorgboerderij-beschut-werk-groningen/")


def test_header_box_quick_results_and_enter(page, site_url):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert not [u for u in requests if "/pagefind/" in u]  # opening a page downloads no index
    box = page.get_by_role("combobox", name="Zoek een praktijk")
    focus_by_tab(page, "#kb-kopzoek-q")
    page.keyboard.type("zorgboerderij")
    listbox = page.get_by_role("listbox")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    options = page.get_by_role("option")
    assert options.first.inner_text().startswith(BY_SLUG["zorgboerderij-beschut-werk-groningen"].title)
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    assert options.first.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    page.wait_for_url("**/praktijken/zorgboerderij-beschut-werk-groningen/")

    box = page.get_by_role("combobox", name="Zoek een praktijk")
    box.fill("detachering")
    listbox.wait_for(state="visible")
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")  # no option chosen: the search page
    page.wait_for_url("**/praktijken/?q=detachering")
    assert set(result_slugs(page)) == with_word_starting("detachering")
    assert page.console_errors == [] and page.failed_requests == []


def test_header_box_honours_region_aliases(page, site_url, built_site):
    """A place name in the header box filters on its region, as on the search page: a place that
    no practice mentions still finds the practices of its region."""
    aliases = json.loads((built_site / "praktijken" / "regio-aliassen.json").read_text(encoding="utf-8"))
    spelling, (_slug, region) = next(
        (s, v) for s, v in sorted(aliases.items())
        if " " not in s and s not in " ".join(text_of(p) for p in PUBLISHED) and any(v[1] in p.region for p in PUBLISHED))
    expected = {p.title for p in PUBLISHED if region in p.region}
    page.goto(site_url)
    page.get_by_role("combobox", name="Zoek een praktijk").fill(spelling)
    page.wait_for_function("document.querySelectorAll('.kb-kopzoek__optie').length > 1")
    options = page.locator(".kb-kopzoek__optie:not(.kb-kopzoek__alle) .kb-kopzoek__titel").all_inner_texts()
    assert set(options) <= expected and len(options) == min(5, len(expected))
    assert page.console_errors == [] and page.failed_requests == []


def test_without_javascript_the_page_lists_practices(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(f"{site_url}praktijken/")
    items = pg.locator("#zoekresultaten > li")
    assert items.count() == min(len(PUBLISHED), 100)
    first = sorted(PUBLISHED, key=lambda p: p.title.casefold())[0]
    assert items.first.locator("a").get_attribute("href") == f"{first.slug}/"
    assert not pg.locator("#kb-zoek").is_visible()  # the form needs JavaScript
    assert pg.get_by_role("link", name="per regio").get_attribute("href") == "../regios/"
    context.close()


# --- relevance: the practice a user means, in the top results --------------------------------------
RELEVANCE = [
    ("fietsen repareren", "circulaire-fietsenwerkplaats-zwolle"),
    ("scanstraat", "digitale-scanstraat-haarlem"),
    ("beschut werk twente", "arbeidsmatige-dagbesteding-wmo-zorgpad-twente"),
    ("zorgboerderij", "zorgboerderij-beschut-werk-groningen"),
    ("groenonderhoud gemeenten", "groenonderhoud-groepsdetachering-food-valley"),
    ("jobcoach utrecht", "jobcoaching-begeleid-werken-utrecht"),
    ("vso leerlingen", "jongeren-pro-vso-naar-werk-rijnmond"),
    ("entreeopleiding", "jongerenpunt-entreeopleiding-leiden"),
    ("kennisnetwerk limburg", "kennisnetwerk-sw-bedrijven-limburg"),
    ("kringloopwinkel", "kringloopwinkel-en-reparatiecafe-drenthe"),
    ("leernetwerk jobcoaches", "leernetwerk-jobcoaches-midden-holland"),
    ("leerrestaurant", "leerrestaurant-catering-arnhem"),
    ("praktijkverklaring", "leerwerkbedrijf-praktijkverklaringen-midden-brabant"),
    ("inclusieve werkgevers eindhoven", "netwerk-inclusieve-werkgevers-brainport"),
    ("werkgeversservicepunt", "regionaal-werkgeversservicepunt-rijk-van-nijmegen"),
    ("kennisbijeenkomsten", "regionale-kennisbijeenkomsten-sw-bedrijven-landelijk"),
    ("drechtsteden", "samenwerking-werkbedrijven-drechtsteden"),
    ("ziekenhuis schoonmaak", "schoonmaak-ziekenhuis-detachering-friesland"),
    ("fruitteelt", "seizoenswerk-fruitteelt-rivierenland"),
    ("social return bouw", "social-return-bouwprojecten-flevoland"),
    ("aanbesteding", "social-return-buy-social-haaglanden"),
    ("statushouders taal", "statushouders-taal-en-werk-groot-amsterdam"),
    ("lassen metaal", "statushouders-techniek-leerwerktraject-apeldoorn"),
    ("wijkteam", "werkconsulent-in-het-wijkteam-zaanstreek"),
    ("toegang dagbesteding", "werkladder-wmo-beschut-werk-gooi-en-vechtstreek"),
    ("dagbesteding naar beschut werk", "doorlopende-lijn-dagbesteding-beschut-werk-achterhoek"),
    ("beschut werk bij werkgevers", "beschut-werk-op-locatie-west-brabant"),
    ("sociale domein werkbedrijf", "transformatie-werkbedrijf-sociaal-domein-noord-holland-noord"),
]
MRR_FLOOR = 0.8


def test_relevance_mrr_at_10(page, site_url):
    assert {slug for _q, slug in RELEVANCE} <= set(BY_SLUG)
    reciprocal = []
    misses = []
    for query, expected in RELEVANCE:
        page.goto(f"{site_url}praktijken/")
        page.fill("#kb-zoek-q", query)
        slugs = result_slugs(page, everything=False)[:10]
        rank = slugs.index(expected) + 1 if expected in slugs else None
        reciprocal.append(1 / rank if rank else 0.0)
        if rank != 1:
            misses.append(f"{query!r}: {expected} op plaats {rank or '> 10'}")
    mrr = sum(reciprocal) / len(reciprocal)
    print(f"\nMRR@10 van de zoekpagina over {len(RELEVANCE)} zoekvragen: {mrr:.3f}")
    for line in misses:
        print("  niet eerst:", line)
    assert mrr >= MRR_FLOOR, misses
