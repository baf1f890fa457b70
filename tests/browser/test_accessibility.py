"""axe-core on the main kinds of page: no serious or critical violations, light and dark."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from build_tools.load import load, load_practices
from build_tools.meetings.load import load_meetings_for
from build_tools.settings import PROJECT_ROOT
from build_tools.vocabulary import default_vocabulary

pytestmark = pytest.mark.browser
PUBLISHED = load_practices(PROJECT_ROOT / "practices").published
USED_REGION = default_vocabulary().region(PUBLISHED[0].region[0]).slug
EMPTY_REGION = next(r.slug for r in default_vocabulary().regions
                    if not any(r.name in p.region for p in PUBLISHED))
MEETINGS = load_meetings_for(load(PROJECT_ROOT / "practices"), PROJECT_ROOT / "meetings").published
#: The meeting with the most to show (programme, report, practices), and one still to come.
FULL_MEETING = max(MEETINGS, key=lambda m: (m.has_report, len(m.practices), len(m.body)))
NEXT_MEETING = max(MEETINGS, key=lambda m: (m.date, m.slug))
PAGES = {
    "home": "",
    "overzicht": "praktijken/",
    "dekking": "dekking/",
    "regio": f"regios/{USED_REGION}/",
    "lege-regio": f"regios/{EMPTY_REGION}/",
    "thema": f"themas/{PUBLISHED[0].themes[0]}/",
    "praktijk": f"praktijken/{max(PUBLISHED, key=lambda p: len(p.body)).slug}/",
    "nieuw": "nieuw/",
    "open-data": "open-data/",
    "bijdragen": "bijdragen/",
    "aanmelden": "aanmelden/",
    "privacy": "privacy/",
    "toegankelijkheid": "toegankelijkheid/",
    "niet-gevonden": "deze/pagina/bestaat/niet/",
    "regios": "regios/",
    "dekking-thema": "dekking/?thema=beschut-werk",
    "trefwoorden": "trefwoorden/",
    "agenda": "agenda/",
    "agenda-filter": "agenda/?soort=procesondersteuning&regio=" + default_vocabulary().region(FULL_MEETING.region[0]).slug,
    "bijeenkomst": f"agenda/{FULL_MEETING.slug}/",
    "bijeenkomst-komend": f"agenda/{NEXT_MEETING.slug}/",
}


def serious(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_violations(page, site_url, name, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    assert serious(page) == []


def test_phone_width_no_serious_violations(page, site_url):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(site_url + "praktijken/")
    assert serious(page) == []


def test_landmarks_and_headings(page, site_url):
    page.goto(site_url + PAGES["praktijk"])
    assert page.locator("main").count() == 1
    assert page.locator("h1").count() == 1
    levels = page.locator("article h1, article h2, article h3, article h4").evaluate_all(
        "els => els.map(e => Number(e.tagName[1]))")
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))  # no skipped levels


def test_search_controls_are_labelled(page, site_url):
    page.goto(site_url + "praktijken/")
    assert page.get_by_label("Zoek op woorden", exact=True).evaluate("e => e.type") == "search"
    for label in ("Startjaar", "Status", "Sorteren"):
        control = page.get_by_label(label, exact=True)
        assert control.count() == 1 and control.evaluate("e => e.tagName") == "SELECT"
    for legend in ("Regio", "Thema"):
        assert page.get_by_role("group", name=legend, include_hidden=True).count() == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_page_with_results(page, site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "praktijken/?q=werk&thema=beschut-werk&thema=dagbesteding&sort=nieuwste")
    page.wait_for_selector("#zoekresultaten[data-status='klaar'] > li")
    page.locator("details[data-facet=regio] > summary").click()
    assert serious(page) == []
    page.goto(site_url + "praktijken/?q=dagbesteeding&regio=zeeland")  # suggestion and zero-results help
    page.wait_for_selector("#zoeksuggestie:not([hidden])")
    page.wait_for_selector("#kb-zoek-hulp:not([hidden])")
    assert serious(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_header_search_open(page, site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url)
    page.get_by_role("combobox", name="Zoek een praktijk").fill("werk")
    page.get_by_role("listbox").wait_for(state="visible")
    page.keyboard.press("ArrowDown")
    assert serious(page) == []
