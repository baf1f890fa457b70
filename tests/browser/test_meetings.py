"""Meetings in the built site (the project's own practices and meetings, real ``mkdocs build``)
in a real Chromium: the agenda's filter through the address, a meeting page with its calendar
download, and the way from a practice to the meetings where it was discussed."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from icalendar import Calendar

from build_tools.load import load
from build_tools.meetings import agenda
from build_tools.meetings.load import load_meetings_for
from build_tools.settings import PROJECT_ROOT
from build_tools.vocabulary import default_vocabulary

pytestmark = pytest.mark.browser
VOCAB = default_vocabulary()
PRACTICES = load(PROJECT_ROOT / "practices")
MEETINGS = load_meetings_for(PRACTICES, PROJECT_ROOT / "meetings").published
TODAY = dt.date.today()  # the built site's day (the browser fixture builds it today)


def slugs_in(page) -> list[str]:
    """The meetings the agenda shows (not hidden), in page order."""
    return page.locator(".kb-agenda__item:visible .kb-agenda__title a:not(.headerlink)").evaluate_all(
        "els => els.map(e => e.getAttribute('href').replace(/\\/$/, ''))")


def region_slug(name: str) -> str:
    return VOCAB.region(name).slug


def test_agenda_without_filter_shows_upcoming_then_past(page, site_url):
    page.goto(site_url + "agenda/")
    page.wait_for_selector("#kb-agenda-filter:not([hidden])")
    expected = [m.slug for m in agenda.upcoming(MEETINGS, TODAY)] + [m.slug for m in agenda.past(MEETINGS, TODAY)]
    assert slugs_in(page) == expected
    assert page.console_errors == [] and page.failed_requests == []


def test_agenda_filter_from_the_address(page, site_url):
    regions = sorted({r for m in MEETINGS for r in m.region}, key=lambda r: -sum(r in m.region for m in MEETINGS))
    first, second = region_slug(regions[0]), region_slug(regions[1])
    kind = "procesondersteuning"
    page.goto(f"{site_url}agenda/?regio={first}&regio={second}&soort={kind}")
    page.wait_for_selector("#kb-agenda[data-status=klaar]", state="attached")
    wanted = {regions[0], regions[1]}
    expected = [m.slug for m in agenda.upcoming(MEETINGS, TODAY) + agenda.past(MEETINGS, TODAY)
                if wanted & set(m.region) and m.kind == kind]
    assert slugs_in(page) == expected
    assert page.locator(f"input[name=regio][value={first}]").is_checked()
    assert page.locator(f"input[name=soort][value={kind}]").is_checked()
    assert page.locator("#kb-agenda-status").inner_text().startswith(f"{len(expected)} bijeenkomst")


def test_agenda_boxes_write_the_address(page, site_url):
    page.goto(site_url + "agenda/")
    page.wait_for_selector("#kb-agenda-filter:not([hidden])")
    page.get_by_label("Samenwerking in het sociale domein", exact=True).check()
    assert parse_qs(urlsplit(page.url).query) == {"soort": ["samenwerking-sociaal-domein"]}
    expected = [m.slug for m in agenda.upcoming(MEETINGS, TODAY) + agenda.past(MEETINGS, TODAY)
                if m.kind == "samenwerking-sociaal-domein"]
    assert slugs_in(page) == expected
    # A year without any shown meeting loses its heading too.
    shown_years = page.locator("[data-kb-agenda-year]:visible h3").all_inner_texts()
    assert [int(y.rstrip("¶")) for y in shown_years] == sorted({m.date.year for m in MEETINGS if m.slug in expected
                                                    and not m.is_upcoming(TODAY)}, reverse=True)
    page.get_by_role("button", name="Alles tonen").click()
    page.wait_for_function("() => !location.search")
    assert len(slugs_in(page)) == len(MEETINGS)


def test_agenda_without_javascript_shows_everything(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "agenda/?regio=twente")
        assert page.locator("#kb-agenda-filter").is_hidden()
        assert page.locator(".kb-agenda__item:visible").count() == len(MEETINGS)
    finally:
        context.close()


def test_meeting_page_with_registration_and_calendar(page, site_url):
    meeting = next(m for m in agenda.upcoming(MEETINGS, TODAY) if m.registration and not m.cancelled)
    page.goto(f"{site_url}agenda/{meeting.slug}/")
    assert page.locator("h1").inner_text().rstrip("¶").strip() == meeting.title
    register = page.get_by_role("link", name="Aanmelden", exact=True)
    assert register.get_attribute("href") == meeting.registration_url
    download = page.get_by_role("link", name="Zet in agenda")
    href = download.get_attribute("href")
    response = page.request.get(urljoin(page.url, href))
    assert response.ok
    cal = Calendar.from_ical(response.body())
    assert [str(ev["uid"]) for ev in cal.walk("VEVENT")] == [f"{meeting.slug}@cedris-kennisbank.github.io"]
    for link in page.locator(".kb-meeting__practices a").all():
        assert link.get_attribute("href").startswith("../../praktijken/")
    assert page.console_errors == [] and page.failed_requests == []


def test_past_meeting_page_has_no_registration_but_its_report(page, site_url):
    meeting = next(m for m in agenda.past(MEETINGS, TODAY) if m.has_report and m.practices)
    page.goto(f"{site_url}agenda/{meeting.slug}/")
    assert page.get_by_role("link", name="Aanmelden", exact=True).count() == 0
    assert page.get_by_role("heading", name="Verslag").count() == 1
    assert page.locator(".kb-meeting__when .kb-badge").inner_text() == "Afgelopen"


def test_feed_is_linked_in_the_head(page, site_url):
    page.goto(site_url + "agenda/")
    href = page.locator('head link[rel=alternate][type="text/calendar"]').get_attribute("href")
    response = page.request.get(urljoin(page.url, href))
    assert response.ok
    uids = {str(ev["uid"]) for ev in Calendar.from_ical(response.body()).walk("VEVENT")}
    assert uids == {f"{m.slug}@cedris-kennisbank.github.io" for m in MEETINGS}


def test_from_a_practice_to_the_meeting_where_it_was_discussed(page, site_url):
    meeting = next(m for m in agenda.past(MEETINGS, TODAY) if m.practices)
    practice = meeting.practices[0]
    page.goto(f"{site_url}praktijken/{practice}/")
    listed = page.locator("#besproken-op + .kb-meeting-list a")
    titles = listed.all_inner_texts()
    assert titles == [m.title for m in MEETINGS if practice in m.practices]
    listed.nth(titles.index(meeting.title)).click()
    page.wait_for_url(f"**/agenda/{meeting.slug}/")
    assert page.locator("h1").inner_text().rstrip("¶").strip() == meeting.title
    page.locator(f".kb-meeting__practices a[data-slug='{practice}']").click()
    page.wait_for_url(f"**/praktijken/{practice}/")
    assert page.console_errors == [] and page.failed_requests == []
