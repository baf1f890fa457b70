"""Meetings on the site: the pages a real :func:`generate_pages` run writes for a folder of
meetings beside a folder of practices, on a fixed day (never the clock)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from build_tools.errors import InvalidContentError
from build_tools.files import scan
from build_tools.load import load
from build_tools.meetings.load import load_meetings_for
from build_tools.pages import MANIFEST_NAME, generate_pages
from build_tools.site import build_site

TODAY = dt.date(2026, 6, 1)
#: The Markdown extensions of mkdocs.yml, to read a generated page as MkDocs does.
EXTENSIONS = ["admonition", "attr_list", "def_list", "md_in_html", "tables", "toc", "build_tools.pages.safe_links"]
HOSTILE_TITLE = '<script>alert("titel")</script> *ster* [x](javascript:alert(1))'


def html_of(page: Path) -> BeautifulSoup:
    """A generated page rendered by Python-Markdown with the site's extensions."""
    text = page.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    return BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "html.parser")


def front_matter(page: Path) -> dict:
    return yaml.safe_load(page.read_text(encoding="utf-8").split("---\n")[1])


@pytest.fixture
def content(write_practice, write_meeting):
    write_practice("werkfit-twente", title="title: Werkfit in Twente", region="region: Twente")
    write_practice("fietsen-zwolle", title="title: Fietsen repareren in Zwolle", region="region: Regio Zwolle")
    write_meeting("komend-twente", title="title: Kennisuitwisseling in Twente", date="date: 2026-07-02",
                  region="region: [Twente, Regio Zwolle]", themes="themes: [beschut-werk]",
                  location="location: {name: De Werkbrug, address: Havenstraat 4, city: Hengelo}",
                  organisers="organisers: [Cedris, Werkbedrijf Oost]",
                  practices="practices: [werkfit-twente, fietsen-zwolle]",
                  registration="registration: https://example.org/aanmelden",
                  contact="contact: {name: Anne Dijkstra, email: anne@example.org}")
    write_meeting("vandaag-online", title="title: Online sessie vandaag", date=f"date: {TODAY.isoformat()}",
                  kind="kind: procesondersteuning", start_time=None, end_time=None, location=None,
                  online="online: https://meet.example.org/sessie", registration="registration: aanmelden@example.org")
    write_meeting("voorbij-twente", title="title: Terugblik op het sectorplan", date="date: 2018-02-15",
                  kind="kind: samenwerking-sociaal-domein", practices="practices: [werkfit-twente]",
                  registration="registration: https://example.org/oud",
                  body="## Programma\n\nTafelgesprekken.\n\n## Verslag\n\nVeertig deelnemers deelden ervaringen.\n")
    write_meeting("zonder-verslag-2019", title="title: Bijeenkomst zonder verslag", date="date: 2019-03-01")
    write_meeting("gaat-niet-door", title="title: Bijeenkomst die niet doorgaat", date="date: 2026-09-10",
                  cancelled="cancelled: true", registration="registration: https://example.org/nee")
    write_meeting("nog-geheim", title="title: Concept van een bijeenkomst", date="date: 2026-08-01",
                  draft="draft: true", practices="practices: [werkfit-twente]")
    return write_practice.folder, write_meeting.folder


def generate(content, docs: Path, **kwargs):
    practices, meetings = content
    return generate_pages(load(practices), docs, index_dir=docs.parent / "index", today=TODAY,
                          repo_url="https://example.org/repo", site_url="https://kennisbank.example.org/kb/",
                          meetings=meetings, **kwargs)


@pytest.fixture
def docs(content, tmp_path) -> Path:
    docs = tmp_path / "docs"
    generate(content, docs)
    return docs


# --- which files ---------------------------------------------------------------------------
def test_a_page_and_a_calendar_per_published_meeting(docs):
    pages = sorted(p.name for p in (docs / "agenda").iterdir())
    published = ["gaat-niet-door", "komend-twente", "vandaag-online", "voorbij-twente", "zonder-verslag-2019"]
    assert pages == sorted([f"{s}.md" for s in published] + [f"{s}.ics" for s in published] + ["index.md"])
    assert (docs / "agenda.ics").is_file()


def test_drafts_appear_nowhere(docs):
    for path in docs.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert "nog-geheim" not in text and "Concept van een bijeenkomst" not in text, path


def test_without_a_meetings_folder_the_agenda_is_empty(write_practice, tmp_path):
    write_practice("werkfit-twente")
    docs = tmp_path / "docs"
    generate_pages(load(write_practice.folder), docs, index_dir=tmp_path / "index", today=TODAY, repo_url=None)
    assert "Er staan nu geen komende bijeenkomsten" in (docs / "agenda" / "index.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in (docs / "agenda").iterdir()) == ["index.md"]


def test_an_invalid_meeting_stops_before_anything_is_written(content, write_meeting, tmp_path):
    write_meeting("kapot", practices="practices: [bestaat-niet]")
    docs = tmp_path / "docs"
    with pytest.raises(InvalidContentError) as caught:
        generate(content, docs)
    assert [(Path(p.path).name, p.field) for p in caught.value.problems] == [("kapot.md", "practices")]
    assert not docs.exists()


def test_a_removed_meeting_takes_its_page_and_calendar_along(content, docs):
    (content[1] / "zonder-verslag-2019.md").unlink()
    report = generate(content, docs)
    assert sorted(report.removed) == ["agenda/zonder-verslag-2019.ics", "agenda/zonder-verslag-2019.md"]
    assert not (docs / "agenda" / "zonder-verslag-2019.ics").exists()


def test_calendars_the_tool_did_not_write_are_never_removed(content, docs):
    own = docs / "agenda" / "eigen-agenda.ics"
    own.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    elsewhere = docs / "eigen.ics"
    elsewhere.write_text("x", encoding="utf-8")
    generate(content, docs)
    assert own.is_file() and elsewhere.is_file()
    # A manifest someone edited does not make the tool delete a calendar it did not write either.
    manifest = docs / MANIFEST_NAME
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        '"files": [', '"files": ["eigen.ics", "../buiten.ics", '), encoding="utf-8")
    outside = docs.parent / "buiten.ics"
    outside.write_text("x", encoding="utf-8")
    generate(content, docs)
    assert elsewhere.is_file() and outside.is_file()


def test_second_run_rewrites_no_calendar(content, docs):
    report = generate(content, docs)
    assert report.written == []


def test_the_hook_skips_what_the_build_generated_and_notices_a_changed_meeting(content, write_meeting, tmp_path):
    """``kennisbank build`` generates from loaded meetings, then the MkDocs hook runs with the folder:
    it renders nothing again unless a meeting changed."""
    practices, meetings = content
    loaded = load(practices)
    docs = tmp_path / "docs"
    common = dict(index_dir=tmp_path / "index", today=TODAY, repo_url=None, site_url=None)
    generate_pages(loaded, docs, meetings=load_meetings_for(loaded, meetings), **common)
    assert generate_pages(scan(practices), docs, meetings=meetings, skip_if_fresh=True, **common).skipped
    write_meeting("nieuw-erbij", title="title: Een nieuwe bijeenkomst", date="date: 2026-10-01")
    report = generate_pages(scan(practices), docs, meetings=meetings, skip_if_fresh=True, **common)
    assert not report.skipped and "agenda/nieuw-erbij.md" in report.written


# --- a meeting page ------------------------------------------------------------------------
def test_meeting_page_shows_every_field(docs):
    page = docs / "agenda" / "komend-twente.md"
    meta = front_matter(page)
    assert meta["title"] == "Kennisuitwisseling in Twente"
    assert meta["edit_url"].endswith("/komend-twente.md")
    doc = html_of(page)
    assert doc.h1.get_text() == "Kennisuitwisseling in Twente"
    facts = {dt_.get_text(strip=True): dt_.find_next_sibling("dd") for dt_ in doc.select(".kb-info dt")}
    assert facts["Soort"].get_text() == "Kennisuitwisseling"
    assert facts["Datum"].get_text() == "donderdag 2 juli 2026, 10:00–12:00"
    assert facts["Plaats"].get_text() == "De Werkbrug, Havenstraat 4, Hengelo"
    assert [a["href"] for a in facts["Regio's"].find_all("a")] == ["../regios/twente.md", "../regios/regio-zwolle.md"]
    assert [a["href"] for a in facts["Thema"].find_all("a")] == ["../themas/beschut-werk.md"]
    assert facts["Organisatoren"].get_text() == "Cedris, Werkbedrijf Oost"
    assert facts["Contact"].find("a")["href"] == "mailto:anne@example.org"
    assert "Online" not in facts
    cards = doc.select(".kb-meeting__practices a")
    assert [a["href"] for a in cards] == ["../praktijken/werkfit-twente.md", "../praktijken/fietsen-zwolle.md"]
    assert cards[0].get_text() == "Werkfit in Twente"
    ics = doc.find("a", string="Zet in agenda")
    assert ics["href"] == "komend-twente.ics" and ics["download"] == "komend-twente.ics"
    assert doc.find(string="Drie praktijken.") is not None  # the programme


def test_online_meeting_today_is_upcoming_with_an_email_registration(docs):
    doc = html_of(docs / "agenda" / "vandaag-online.md")
    facts = {dt_.get_text(strip=True): dt_.find_next_sibling("dd") for dt_ in doc.select(".kb-info dt")}
    assert facts["Online"].find("a")["href"] == "https://meet.example.org/sessie"
    assert "Plaats" not in facts
    assert facts["Datum"].get_text() == "maandag 1 juni 2026"
    assert doc.find("a", string="Aanmelden")["href"] == "mailto:aanmelden@example.org"


@pytest.mark.parametrize("slug, last_day", [("komend-twente", "2026-07-02"), ("vandaag-online", "2026-06-01"),
                                            ("voorbij-twente", None), ("gaat-niet-door", None)])
def test_registration_button_only_while_upcoming_and_not_cancelled(docs, slug, last_day):
    """The button carries its last day, so the page's script can hide it once that has passed."""
    doc = html_of(docs / "agenda" / f"{slug}.md")
    assert [a["data-tot"] for a in doc.select("a.kb-meeting__register")] == ([last_day] if last_day else [])


def test_registration_button_goes_when_the_day_has_passed(content, tmp_path):
    docs = tmp_path / "later"
    practices, meetings = content
    generate_pages(load(practices), docs, index_dir=tmp_path / "index", today=dt.date(2026, 7, 3),
                   repo_url=None, meetings=meetings)
    assert html_of(docs / "agenda" / "komend-twente.md").select("a.kb-meeting__register") == []
    assert "Afgelopen" in (docs / "agenda" / "komend-twente.md").read_text(encoding="utf-8")


def test_cancelled_meeting_is_marked(docs):
    doc = html_of(docs / "agenda" / "gaat-niet-door.md")
    note = doc.select_one(".kb-meeting__cancelled")
    assert note is not None and note.get_text().startswith("Geannuleerd")


def test_report_is_rendered_with_the_body_parser(docs):
    doc = html_of(docs / "agenda" / "voorbij-twente.md")
    assert doc.find("h2", string="Verslag") is not None
    assert doc.find(string="Veertig deelnemers deelden ervaringen.") is not None


# --- the agenda page -------------------------------------------------------------------------
def test_agenda_lists_upcoming_soonest_first_then_past_by_year(docs):
    doc = html_of(docs / "agenda" / "index.md")
    upcoming = doc.find(id="komend").find_next("ul")
    assert [a["href"] for a in upcoming.select(".kb-agenda__title a")] == [
        "vandaag-online/", "komend-twente/", "gaat-niet-door/"]
    years = [h.get_text() for h in doc.select(".kb-agenda__year h3")]
    assert years == ["2019", "2018"]
    past = [a["href"] for a in doc.select(".kb-agenda__year .kb-agenda__title a")]
    assert past == ["zonder-verslag-2019/", "voorbij-twente/"]


def test_agenda_items_carry_their_filter_values_and_markers(docs):
    doc = html_of(docs / "agenda" / "index.md")
    items = {li.find("a")["href"]: li for li in doc.select("li.kb-agenda__item")}
    assert items["komend-twente/"]["data-regio"] == "twente regio-zwolle"
    assert items["komend-twente/"]["data-soort"] == "kennisuitwisseling"
    assert items["komend-twente/"].select_one(".kb-agenda__meta").get_text() == \
        "De Werkbrug, Havenstraat 4, Hengelo · Twente, Regio Zwolle · Kennisuitwisseling"
    assert items["komend-twente/"].find("time").get_text() == "donderdag 2 juli 2026, 10:00–12:00"
    assert items["voorbij-twente/"].select_one(".kb-badge--report").get_text() == "verslag"
    assert items["zonder-verslag-2019/"].select_one(".kb-badge--report") is None
    assert items["gaat-niet-door/"].select_one(".kb-badge--cancelled").get_text() == "Geannuleerd"
    form = doc.find(id="kb-agenda-filter")
    assert form.has_attr("hidden")  # shown by the script: without it the whole list shows
    assert [i["value"] for i in form.select("input[name=regio]")] == ["regio-zwolle", "twente"]
    assert [i["value"] for i in form.select("input[name=soort]")] == [
        "kennisuitwisseling", "samenwerking-sociaal-domein", "procesondersteuning"]


# --- links from other pages --------------------------------------------------------------------
def test_practice_page_lists_where_it_was_discussed(docs):
    doc = html_of(docs / "praktijken" / "werkfit-twente.md")
    heading = doc.find(id="besproken-op")
    assert heading.get_text() == "Besproken op"
    items = [li.get_text(" ", strip=True) for li in heading.find_next("div", class_="kb-meeting-list").find_all("li")]
    assert items == ["15 februari 2018: Terugblik op het sectorplan", "2 juli 2026: Kennisuitwisseling in Twente"]
    assert html_of(docs / "praktijken" / "fietsen-zwolle.md").find(id="besproken-op") is not None


def test_region_page_lists_upcoming_and_past_meetings(docs):
    doc = html_of(docs / "regios" / "twente.md")
    upcoming = doc.find(id="komende-bijeenkomsten").find_next("div", class_="kb-meeting-list")
    assert [a["href"] for a in upcoming.find_all("a")] == [
        "../agenda/vandaag-online.md", "../agenda/komend-twente.md", "../agenda/gaat-niet-door.md"]
    past = doc.find(id="afgelopen-bijeenkomsten").find_next("div", class_="kb-meeting-list")
    assert [a["href"] for a in past.find_all("a")] == [
        "../agenda/zonder-verslag-2019.md", "../agenda/voorbij-twente.md"]
    assert "met verslag" in past.find_all("li")[1].get_text()
    assert html_of(docs / "regios" / "zeeland.md").find(id="bijeenkomsten") is None


def test_home_page_shows_the_next_three(docs):
    doc = BeautifulSoup((docs / "index.md").read_text(encoding="utf-8"), "html.parser")
    block = doc.select_one(".kb-home__meetings")
    assert [a["href"] for a in block.select("li a")] == [
        "agenda/vandaag-online/", "agenda/komend-twente/", "agenda/gaat-niet-door/"]


# --- hostile values ----------------------------------------------------------------------------
def write_hostile(write_practice, write_meeting) -> None:
    write_practice("werkfit-twente")
    write_meeting("vijandig", title=f"title: '{HOSTILE_TITLE}'",
                  description="description: '\"><img src=x onerror=alert(2)> een beschrijving van de bijeenkomst'",
                  location="location: {name: '<b onclick=alert(3)>Zaal</b>', city: '](javascript:alert(4))'}",
                  organisers="organisers: ['</title><script>alert(5)</script>']",
                  contact="contact: {name: '<script>alert(6)</script>', email: a@example.org}",
                  practices="practices: [werkfit-twente]",
                  body='## Programma\n\n<script>alert(7)</script>\n\n<a href="javascript:alert(8)">x</a>\n')


def executable(doc: BeautifulSoup) -> list[str]:
    """Scripts that alert, event-handler attributes and javascript: links in a page."""
    found = [str(s) for s in doc.find_all("script") if "alert" in (s.string or "")]
    found += [str(t)[:80] for t in doc.find_all(True) if any(a.lower().startswith("on") for a in t.attrs)]
    found += [a["href"] for a in doc.find_all(href=re.compile(r"^\s*javascript:", re.I))]
    return found


def test_hostile_meeting_values_stay_text(write_practice, write_meeting, tmp_path):
    write_hostile(write_practice, write_meeting)
    docs = tmp_path / "docs"
    generate_pages(load(write_practice.folder), docs, index_dir=tmp_path / "index", today=TODAY, repo_url=None,
                   meetings=write_meeting.folder)
    for rel in ("agenda/vijandig.md", "agenda/index.md", "praktijken/werkfit-twente.md", "regios/twente.md",
                "index.md"):
        doc = html_of(docs / rel)
        assert executable(doc) == [], rel
        assert "<b" not in str(doc.find("h1") or ""), rel
    page = html_of(docs / "agenda" / "vijandig.md")
    assert page.h1.get_text() == HOSTILE_TITLE  # shown as typed
    assert front_matter(docs / "agenda" / "vijandig.md")["title"].startswith("&lt;script&gt;")


@pytest.mark.slow
def test_hostile_meeting_in_a_real_build(write_practice, write_meeting, tmp_path):
    """The whole way through ``mkdocs build --strict``: nothing executable in any built page."""
    write_hostile(write_practice, write_meeting)
    site = build_site(write_practice.folder, tmp_path / "index", tmp_path / "site", isolated=True,
                      meetings=write_meeting.folder).site_dir
    page = BeautifulSoup((site / "agenda" / "vijandig" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text().rstrip("¶") == HOSTILE_TITLE
    assert page.title.get_text().startswith(HOSTILE_TITLE)
    for path in site.rglob("*.html"):
        assert executable(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")) == [], path


def test_build_refuses_an_invalid_meeting_before_writing_anything(write_practice, write_meeting, tmp_path):
    write_practice("werkfit-twente")
    write_meeting("kapot", date="date: 2027-02-30")
    with pytest.raises(InvalidContentError) as caught:
        build_site(write_practice.folder, tmp_path / "index", tmp_path / "site", isolated=True,
                   meetings=write_meeting.folder)
    assert [(Path(p.path).name, p.line, p.field) for p in caught.value.problems] == [("kapot.md", 5, "date")]
    assert not (tmp_path / "site").exists() and not (tmp_path / "index").exists()
