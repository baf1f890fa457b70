"""The "Open data" page and downloads (build_tools/pages/open_data.py): the same bytes as
``kennisbank export``, every field described, the licence from the site settings."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.export import CSV_COLUMNS, MEETING_CSV_COLUMNS, MEETING_JSON_FIELDS, PRACTICE_JSON_FIELDS
from build_tools.load import load_practices
from build_tools.meetings.kinds import default_kinds
from build_tools.meetings.load import load_meetings_for
from build_tools.pages.open_data import PAGE, download_path, field_descriptions, fields_of, open_data_files
from build_tools.vocabulary import default_vocabulary

LICENCE = {"data_licence": "CC BY 4.0", "data_licence_url": "https://creativecommons.org/licenses/by/4.0/deed.nl",
           "data_licence_status": "voorstel, nog te bevestigen door de beheerders"}


@pytest.fixture
def content(write_practice, write_meeting, monkeypatch):
    monkeypatch.delenv("KENNISBANK_MEETINGS", raising=False)
    write_practice("alfa", title='title: "=Financiële steun; voor werk"', date="date: 2020-01-01")
    write_practice("beta", region="region: [Twente, Achterhoek]")
    write_practice("concept", draft="draft: true")
    write_meeting("oost", practices="practices: [alfa]")
    write_meeting("verslag", date="date: 2018-01-02")
    return write_practice.folder


def files_of(folder, settings=LICENCE, feed="feed.xml"):
    practices = load_practices(folder)
    meetings = load_meetings_for(practices, folder.parent / "meetings")
    return open_data_files(practices.practices, meetings.meetings, vocab=default_vocabulary(), kinds=default_kinds(),
                           settings=settings, practices_folder=folder, meetings_folder=folder.parent / "meetings",
                           feed=feed)


@pytest.mark.parametrize("kind, fmt", [("praktijk", "json"), ("praktijk", "csv"),
                                       ("bijeenkomst", "json"), ("bijeenkomst", "csv")])
def test_downloads_are_the_export_byte_for_byte(content, kind, fmt):
    files = files_of(content)
    result = CliRunner().invoke(cli, ["--practices", str(content), "export", "--format", fmt, "--type", kind])
    assert result.exit_code == 0, result.output
    assert files[download_path(kind, fmt)].encode("utf-8") == result.stdout_bytes
    assert b"concept" not in result.stdout_bytes


def test_downloads_parse_back(content):
    files = files_of(content)
    assert [p["slug"] for p in json.loads(files["open-data/praktijken.json"])] == ["alfa", "beta"]
    assert [m["slug"] for m in json.loads(files["open-data/bijeenkomsten.json"])] == ["verslag", "oost"]
    text = files["open-data/praktijken.csv"]
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert rows[0]["title"] == "'=Financiële steun; voor werk"
    rows = list(csv.DictReader(io.StringIO(files["open-data/bijeenkomsten.csv"][1:], newline=""), delimiter=";"))
    assert [r["slug"] for r in rows] == ["verslag", "oost"] and rows[1]["practices"] == "alfa"


def test_every_exported_field_is_described_and_nothing_else():
    described = field_descriptions()
    assert list(described["praktijk"]) == list(PRACTICE_JSON_FIELDS)
    assert list(described["bijeenkomst"]) == list(MEETING_JSON_FIELDS)
    for kind, columns in (("praktijk", CSV_COLUMNS), ("bijeenkomst", MEETING_CSV_COLUMNS)):
        covered = [c for f in fields_of(kind) for c in f.csv]
        assert sorted(covered) == sorted(columns), kind  # every CSV column under exactly one field
    by_name = {f.name: f.csv for f in fields_of("bijeenkomst")}
    assert by_name["end"] == ("end",)
    assert by_name["location"] == ("location_name", "location_address", "location_city")
    assert by_name["body"] == ()


def test_json_fields_are_the_real_keys(content):
    files = files_of(content)
    assert list(json.loads(files["open-data/praktijken.json"])[0]) == list(PRACTICE_JSON_FIELDS)
    assert list(json.loads(files["open-data/bijeenkomsten.json"])[0]) == list(MEETING_JSON_FIELDS)


def test_page_lists_downloads_fields_values_and_licence(content):
    page = files_of(content)[PAGE]
    for name in ("praktijken.json", "praktijken.csv", "bijeenkomsten.json", "bijeenkomsten.csv"):
        assert f"[{name}]({name}){{ download }}" in page
    assert "- **Praktijken** (2): [praktijken.json]" in page and "- **Bijeenkomsten** (2): [bijeenkomsten.json]" in page
    for kind in ("praktijk", "bijeenkomst"):
        for f in fields_of(kind):
            assert f"| `{f.name}` |" in page
    assert "| `contact` | `contact_name`, `contact_organisation`, `contact_email`, `contact_phone` |" in page
    assert "| `body` | — |" in page
    for theme in default_vocabulary().themes:
        assert f"| `{theme.id}` |" in page
    for kind in default_kinds().kinds:
        assert f"| `{kind.id}` |" in page
    assert "[CC BY 4\\.0](https://creativecommons.org/licenses/by/4.0/deed.nl)" in page
    assert "**Let op:** deze licentie is een voorstel, nog te bevestigen door de beheerders." in page
    assert "[Atom-feed](../feed.xml)" in page


def test_page_without_licence_or_feed(content):
    page = files_of(content, settings={}, feed=None)[PAGE]
    assert "Voor de gegevens is nog geen licentie vastgesteld." in page
    assert "Let op" not in page and "feed.xml" not in page
