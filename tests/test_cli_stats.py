"""``kennisbank stats``: coverage per region and theme, regions without practices."""

from __future__ import annotations

import json

import pytest

from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.vocabulary import default_vocabulary


def test_counts_per_region_and_theme_and_empty_regions(write_practice):
    write_practice("een", region="region: [Twente, Achterhoek]", themes="themes: [wmo, dagbesteding]")
    write_practice("twee", region="region: Twente", themes="themes: [wmo]")
    write_practice("concept", region="region: Zeeland", draft="draft: true")
    result = CliRunner().invoke(cli, ["--practices", str(write_practice.folder), "stats"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Dekking: 2 praktijken"
    assert "  Twente                                 2" in lines
    assert "  Achterhoek                             1" in lines
    assert "  Zeeland                                0" in lines  # drafts don't count
    wmo = next(line for line in lines if line.startswith("  Arbeid binnen de Wmo (wmo)"))
    assert wmo.split()[-1] == "2"
    start = lines.index("Regio's zonder praktijken (33 van 35):")
    empty = [line.strip() for line in lines[start + 1:] if line.startswith("  ")]
    assert "Twente" not in empty and "Achterhoek" not in empty and "Zeeland" in empty
    assert len(empty) == 33


def test_json_output(write_practice):
    write_practice("een", region="region: Landelijk", themes="themes: [social-return]")
    result = CliRunner().invoke(cli, ["--practices", str(write_practice.folder), "stats", "--json"])
    data = json.loads(result.output)
    assert data["total"] == 1
    assert data["region"]["Landelijk"] == 1
    assert len(data["regions_without_practices"]) == 35  # Landelijk is not one of the 35
    assert data["matrix"] == [{"region": "Landelijk", "theme": "social-return", "count": 1}]
    assert set(data["themes"]) == set(default_vocabulary().theme_ids)


# --- meetings --------------------------------------------------------------------------------------
@pytest.fixture
def meetings(write_practice, write_meeting, monkeypatch):
    monkeypatch.delenv("KENNISBANK_MEETINGS", raising=False)
    write_practice("een", region="region: Twente")
    write_meeting("voorbij", date="date: 2018-02-15", region="region: [Twente, Achterhoek]")
    write_meeting("vandaag", date="date: 2026-11-30", end="end: 2026-12-01", start_time=None, end_time=None,
                  kind="kind: Procesondersteuning", region="region: Zeeland")
    write_meeting("later", date="date: 2027-03-01", kind="kind: samenwerking-sociaal-domein",
                  region="region: Landelijk", cancelled="cancelled: true")
    write_meeting("concept", date="date: 2027-04-01", region="region: Flevoland", draft="draft: true")
    return write_practice.folder


def test_meetings_section_per_kind_and_region(meetings):
    result = CliRunner().invoke(cli, ["--practices", str(meetings), "stats", "--today", "2026-12-01"])
    assert result.exit_code == 0, result.output
    section = result.output[result.output.index("Bijeenkomsten:"):]
    assert section == (
        "Bijeenkomsten: 3 (2 komende, 1 afgelopen; 1 gaat niet door)\n"
        "\n"
        "Per soort:\n"
        "  Kennisuitwisseling (kennisuitwisseling)                              1\n"
        "  Samenwerking in het sociale domein (samenwerking-sociaal-domein)     1\n"
        "  Procesondersteuning (procesondersteuning)                            1\n"
        "\n"
        "Per regio (regio's met bijeenkomsten):\n"
        "  Twente                                 1\n"
        "  Achterhoek                             1\n"
        "  Zeeland                                1\n"
        "  Landelijk                              1\n"
    )


def test_upcoming_and_past_follow_from_the_day(meetings):
    result = CliRunner().invoke(cli, ["--practices", str(meetings), "stats", "--today", "2026-12-02"])
    assert "Bijeenkomsten: 3 (1 komende, 2 afgelopen; 1 gaat niet door)\n" in result.output


def test_meetings_in_json_keep_the_existing_keys(meetings):
    result = CliRunner().invoke(cli, ["--practices", str(meetings), "stats", "--json", "--today", "2026-12-01"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["total", "region", "themes", "regions_without_practices", "themes_without_practices",
                          "matrix", "meetings"]
    assert data["total"] == 1
    found = data["meetings"]
    assert {k: found[k] for k in ("total", "upcoming", "past", "cancelled", "kind")} == {
        "total": 3, "upcoming": 2, "past": 1, "cancelled": 1,
        "kind": {"kennisuitwisseling": 1, "samenwerking-sociaal-domein": 1, "procesondersteuning": 1},
    }
    assert list(found["region"]) == list(default_vocabulary().region_names)
    assert {name: n for name, n in found["region"].items() if n} == {
        "Twente": 1, "Achterhoek": 1, "Zeeland": 1, "Landelijk": 1}


def test_no_meetings_folder_is_said(write_practice, monkeypatch):
    monkeypatch.delenv("KENNISBANK_MEETINGS", raising=False)
    write_practice("een")
    result = CliRunner().invoke(cli, ["--practices", str(write_practice.folder), "stats"])
    assert result.output.endswith(
        "\nBijeenkomsten: geen map met bijeenkomsten (maak een map meetings/ naast de map met praktijken, "
        "of kies er een met --meetings MAP).\n")
    data = json.loads(CliRunner().invoke(cli, ["--practices", str(write_practice.folder), "stats", "--json"]).output)
    assert data["meetings"]["total"] == 0 and set(data["meetings"]["kind"].values()) == {0}


def test_an_empty_meetings_folder_counts_none(write_practice, write_meeting, monkeypatch):
    monkeypatch.delenv("KENNISBANK_MEETINGS", raising=False)
    write_practice("een")
    write_meeting.folder.mkdir(exist_ok=True)
    result = CliRunner().invoke(cli, ["--practices", str(write_practice.folder), "stats"])
    assert result.output.endswith("\nBijeenkomsten: 0\n")


def test_invalid_meetings_stop_stats(meetings, write_meeting):
    write_meeting("fout", kind="kind: lezing")
    result = CliRunner().invoke(cli, ["--practices", str(meetings), "stats"])
    assert result.exit_code == 1
    assert "fout.md" in result.stderr and "kind" in result.stderr
