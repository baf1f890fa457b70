"""``kennisbank agenda`` and the meetings side of ``validate``: exact output, JSON shape, exit
codes, and which meetings folder is used."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.settings import Settings

from .conftest import PROJECT, meeting_text

TODAY = "2026-12-01"
JSON_KEYS = ["slug", "title", "kind", "date", "end", "start_time", "end_time", "region", "practices", "path"]


@pytest.fixture
def folders(tmp_path: Path, write_practice, monkeypatch):
    """tmp/practices with one practice and tmp/meetings beside it; cwd is tmp."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KENNISBANK_MEETINGS", raising=False)
    write_practice("werkfit-in-de-wijk")
    meetings = tmp_path / "meetings"
    meetings.mkdir()

    def write(slug: str, **fields: str | None) -> Path:
        path = meetings / f"{slug}.md"
        path.write_text(meeting_text(**fields), encoding="utf-8")
        return path

    return write


def run(*args: str):
    return CliRunner().invoke(cli, ["--practices", "practices", *args])


def test_agenda_lists_upcoming_soonest_first_with_exact_text(folders):
    folders("later", title="title: Werksessie in Zuid-Limburg", date="date: 2027-04-08", end="end: 2027-04-09",
            start_time=None, end_time=None, kind="kind: procesondersteuning", region="region: Zuid-Limburg",
            location="location: {name: Werkbedrijf Maasdal, city: Heerlen}")
    folders("eerst", practices="practices: [werkfit-in-de-wijk]",
            registration="registration: https://www.example.org/aanmelden")
    folders("voorbij", date="date: 2018-02-15")
    folders("concept", date="date: 2027-01-10", draft="draft: true")
    result = run("agenda", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.output == textwrap.dedent("""\
        2 komende bijeenkomsten:

        donderdag 11 februari 2027, 10:00–12:00
          Kennisuitwisseling Oost
          Kennisuitwisseling · Twente · De Werkbrug, Hengelo
          Praktijken: werkfit-in-de-wijk
          Aanmelden: https://www.example.org/aanmelden
          meetings/eerst.md

        donderdag 8 april 2027 tot en met vrijdag 9 april 2027
          Werksessie in Zuid-Limburg
          Procesondersteuning · Zuid-Limburg · Werkbedrijf Maasdal, Heerlen
          meetings/later.md
        """)


def test_a_meeting_today_is_still_upcoming_and_yesterday_is_past(folders):
    folders("vandaag", date=f"date: {TODAY}")
    folders("gisteren", date="date: 2026-11-30")
    upcoming = json.loads(run("agenda", "--json", "--today", TODAY).output)
    past = json.loads(run("agenda", "--past", "--json", "--today", TODAY).output)
    assert [m["slug"] for m in upcoming["meetings"]] == ["vandaag"]
    assert [m["slug"] for m in past["meetings"]] == ["gisteren"]


def test_agenda_json_has_exactly_the_contract_shape(folders):
    folders("a", practices="practices: [werkfit-in-de-wijk]", region="region: [Enschede, Achterhoek]")
    folders("b", date="date: 2027-04-08", end="end: 2027-04-09", start_time=None, end_time=None)
    result = run("agenda", "--json", "--today", TODAY)
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert list(data) == ["meetings"]
    assert [list(m) for m in data["meetings"]] == [JSON_KEYS, JSON_KEYS]
    assert data["meetings"][0] == {
        "slug": "a", "title": "Kennisuitwisseling Oost", "kind": "kennisuitwisseling", "date": "2027-02-11",
        "end": None, "start_time": "10:00", "end_time": "12:00", "region": ["Twente", "Achterhoek"],
        "practices": ["werkfit-in-de-wijk"], "path": "meetings/a.md",
    }
    assert data["meetings"][1]["end"] == "2027-04-09" and data["meetings"][1]["start_time"] is None


def test_past_is_most_recent_first_and_filters_combine(folders):
    folders("oud", date="date: 2018-01-25", region="region: Twente")
    folders("recent", date="date: 2018-11-08", region="region: Achterhoek")
    folders("proces", date="date: 2018-06-01", kind="kind: procesondersteuning", region="region: Twente")
    def slugs(*args):
        return [m["slug"] for m in json.loads(run("agenda", "--past", "--json", "--today", TODAY, *args).output)["meetings"]]
    assert slugs() == ["recent", "proces", "oud"]
    assert slugs("--region", "Enschede") == ["proces", "oud"]
    assert slugs("--region", "twente", "--region", "Doetinchem") == ["recent", "proces", "oud"]
    assert slugs("--kind", "Procesbegeleiding") == ["proces"]
    assert slugs("--region", "Achterhoek", "--kind", "procesondersteuning") == []


def test_unknown_filter_values_are_usage_errors_with_suggestions(folders):
    result = run("agenda", "--region", "Twnte")
    assert result.exit_code == 2
    assert result.output.endswith("Fout: --region: onbekende regio 'Twnte'; bedoelde je 'Twente'?\n")
    result = run("agenda", "--kind", "kennisuitwisling")
    assert result.exit_code == 2
    assert "Fout: --kind: onbekende soort bijeenkomst 'kennisuitwisling'; bedoelde je 'kennisuitwisseling'?" in result.output


def test_nothing_upcoming_is_said_plainly(folders):
    folders("voorbij", date="date: 2018-02-15")
    assert run("agenda", "--today", TODAY).output == "Geen komende bijeenkomsten.\n"
    assert run("agenda", "--kind", "procesondersteuning", "--past", "--today", TODAY).output == \
        "Geen afgelopen bijeenkomsten met deze keuze.\n"


def test_invalid_meeting_stops_the_agenda_with_exit_1(folders):
    folders("kapot", practices="practices: [werkfit-in-de-wjik]")
    result = run("agenda", "--today", TODAY)
    assert result.exit_code == 1
    assert "meetings/kapot.md:11: practices: onbekende praktijk 'werkfit-in-de-wjik'; bedoelde je 'werkfit-in-de-wijk'?" in result.output


# --- validate covers meetings ------------------------------------------------------------------

def test_validate_reports_meeting_problems_after_practice_problems(folders, write_practice):
    write_practice("kapot", region="region: Twnte")
    folders("goed")
    folders("fout", end="end: 2027-02-10", kind="kind: kennisuitwisling")
    result = run("validate")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "practices/kapot.md:4: region: onbekende arbeidsmarktregio 'Twnte'; bedoelde je 'Twente'?",
        "meetings/fout.md:4: kind: onbekende soort bijeenkomst 'kennisuitwisling'; bedoelde je 'kennisuitwisseling'?",
        "meetings/fout.md:11: end: 2027-02-10 ligt vóór date (2027-02-11)",
        "3 problemen in 2 bestanden (2 praktijken en 2 bijeenkomsten gecontroleerd).",
    ]


def test_validate_github_format_covers_meetings(folders):
    folders("fout", start_time='start_time: "25:00"')
    result = run("validate", "--format", "github")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "::error file=meetings/fout.md,line=6::start_time: '25:00' is geen geldige tijd; "
        "schrijf UU:MM (24-uursklok), bijvoorbeeld 09:30")


def test_validate_all_good_counts_both(folders):
    folders("goed")
    result = run("validate")
    assert (result.exit_code, result.output) == (0, "1 praktijk en 1 bijeenkomst gecontroleerd: alles in orde.\n")


# --- which meetings folder ---------------------------------------------------------------------

def test_a_foreign_practices_folder_never_gets_the_project_meetings(tmp_path, write_practice, monkeypatch):
    monkeypatch.delenv("KENNISBANK_MEETINGS", raising=False)
    monkeypatch.chdir(PROJECT)
    write_practice("eigen-praktijk")
    assert Settings.resolve(practices=write_practice.folder).meetings is None
    assert Settings.resolve().meetings == PROJECT / "meetings"
    result = CliRunner().invoke(cli, ["--practices", str(write_practice.folder), "validate"])
    assert (result.exit_code, result.output) == (0, "1 praktijk gecontroleerd: alles in orde.\n")


def test_meetings_option_and_environment(folders, tmp_path, monkeypatch):
    other = tmp_path / "elders"
    other.mkdir()
    (other / "x.md").write_text(meeting_text(kind="kind: onbekend-soort"), encoding="utf-8")
    folders("goed")
    assert run("validate").exit_code == 0
    result = run("--meetings", "elders", "validate")
    assert result.exit_code == 1 and result.output.startswith("elders/x.md:4: kind: onbekende soort")
    monkeypatch.setenv("KENNISBANK_MEETINGS", "elders")
    assert run("validate").output.startswith("elders/x.md:4: kind:")
    assert run("--meetings", "meetings", "validate").exit_code == 0  # the option wins over the environment


def test_a_missing_meetings_folder_given_explicitly_is_an_error(folders):
    result = run("--meetings", "bestaat-niet", "validate")
    assert result.exit_code == 1
    assert result.output == "Fout: De map met bijeenkomsten bestaat niet: bestaat-niet\n"


def test_without_a_meetings_folder_the_agenda_is_empty(tmp_path, write_practice, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KENNISBANK_MEETINGS", raising=False)
    write_practice("een")
    result = run("agenda", "--json")
    assert (result.exit_code, json.loads(result.output)) == (0, {"meetings": []})
    assert run("validate").output == "1 praktijk gecontroleerd: alles in orde.\n"


def test_the_project_agenda_on_a_fixed_day(monkeypatch):
    monkeypatch.chdir(PROJECT)
    monkeypatch.delenv("KENNISBANK_MEETINGS", raising=False)
    monkeypatch.delenv("KENNISBANK_PRACTICES", raising=False)
    data = json.loads(CliRunner().invoke(cli, ["agenda", "--json", "--today", TODAY]).output)
    assert [m["date"][:4] for m in data["meetings"]] == ["2027"] * len(data["meetings"]) and data["meetings"]
    past = json.loads(CliRunner().invoke(cli, ["agenda", "--past", "--json", "--today", TODAY]).output)
    kinds_2018 = {m["kind"] for m in past["meetings"] if m["date"].startswith("2018")}
    assert kinds_2018 == {"kennisuitwisseling", "samenwerking-sociaal-domein", "procesondersteuning"}
