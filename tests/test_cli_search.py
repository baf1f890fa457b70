"""``kennisbank search``: output, JSON contract, exit codes (CliRunner and a real process)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from build_tools.cli import cli

from .conftest import KENNISBANK, meeting_text, write_practices

@pytest.fixture(scope="module")
def env(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli-search")
    return write_practices(root / "praktijken"), root / "index"


def run(env, *args):
    practices, index = env
    return CliRunner().invoke(cli, ["--practices", str(practices), "--index", str(index), "search", *args])


def test_readable_output_with_snippet_and_facets(env):
    result = run(env, "financiele", "werkgever")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "1 praktijk gevonden" in out
    assert "Fietsenwerkplaats voor werkgevers in Twente" in out
    assert "Twente · Innovatie en nieuwe bedrijvigheid · 2019" in out
    assert "financiële" in out  # the snippet, from the body
    assert "Per regio: Twente (1)" in out
    assert "Per thema: Innovatie en nieuwe bedrijvigheid (1)" in out


def test_json_contract(env):
    result = run(env, "zorgboerderij dieren", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["query"] == "zorgboerderij dieren"
    assert data["total"] == 1 and data["suggestion"] is None
    hit = data["results"][0]
    assert hit["slug"] == "zorgboerderij-groningen"
    assert hit["region"] == ["Groningen"] and hit["themes"] == ["beschut-werk", "dagbesteding"]
    assert hit["organisations"] == ["Werkbedrijf Ommeland Werkt"] and hit["year"] == 2017
    assert isinstance(hit["score"], float) and "<b>" in hit["snippet"]
    assert hit["path"].endswith("zorgboerderij-groningen.md")
    assert hit["type"] == "praktijk" and "date" not in hit
    assert data["facets"] == {"region": {"Groningen": 1}, "themes": {"beschut-werk": 1, "dagbesteding": 1},
                              "type": {"praktijk": 1}}


def test_no_results_is_exit_0(env):
    result = run(env, "onderzeeboot")
    assert result.exit_code == 0
    assert "Geen praktijken gevonden" in result.output


def test_suggestion_for_typo(env):
    result = run(env, "zorgboerdrij")
    assert result.exit_code == 0
    assert "Bedoelde je: zorgboerderij?" in result.output
    data = json.loads(run(env, "zorgboerdrij", "--json").stdout)
    assert data["suggestion"] == "zorgboerderij" and data["results"][0]["slug"] == "zorgboerderij-groningen"


def test_exclusion_with_a_dash_is_not_an_option(env):
    data = json.loads(run(env, "werk", "-amsterdam", "--json").stdout)
    assert "statushouders-amsterdam" not in [r["slug"] for r in data["results"]]
    assert data["total"] >= 1


def test_filters_match_like_front_matter(env):
    data = json.loads(run(env, "werk", "--region", "groot amsterdam", "--theme", "nieuwkomers", "--json").stdout)
    assert [r["slug"] for r in data["results"]] == ["statushouders-amsterdam"]
    data = json.loads(run(env, "--region", "Twente", "--region", "groningen", "--json").stdout)
    assert {r["slug"] for r in data["results"]} == {"zorgboerderij-groningen", "fietsen-twente"}
    data = json.loads(run(env, "werk", "--since", "2017", "--organisation", "ommeland", "--json").stdout)
    assert [r["slug"] for r in data["results"]] == ["zorgboerderij-groningen"]
    data = json.loads(run(env, "werk", "--year", "2016", "--json").stdout)
    assert [r["slug"] for r in data["results"]] == ["statushouders-amsterdam"]


@pytest.mark.parametrize("args,needle", [
    (["werk", "--region", "Twent"], "bedoelde je 'Twente'"),
    (["werk", "--theme", "beschut wrk"], "bedoelde je 'beschut-werk'"),
    (["werk", "--organisation", "Amstelkde"], "bedoelde je 'Werkbedrijf Amstelkade'"),
    (["werk", "--limit", "0"], "--limit"),
    (["werk", "--regoin", "Twente"], "Onbekende optie '--regoin'"),
    ([], "Geef een zoekvraag"),
])
def test_bad_usage_is_exit_2(env, args, needle):
    result = run(env, *args)
    assert result.exit_code == 2, result.output
    assert needle in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("query", ['"', "(", "a:b", "-", "*", "de het", "x" * 10_000, '"beschut werk', "werk**"])
def test_odd_input_never_crashes(env, query):
    result = run(env, query)
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_only_stop_words_gives_a_message(env):
    result = run(env, "de het een")
    assert result.exit_code == 0 and "veelvoorkomende woorden" in result.output


def test_invalid_file_is_skipped_with_a_warning(tmp_path):
    practices = write_practices(tmp_path / "p")
    (practices / "kapot.md").write_text("---\ntitle: x\n---\n\nTekst.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--practices", str(practices), "--index", str(tmp_path / "ix"),
                                      "search", "zorgboerderij"])
    assert result.exit_code == 0
    assert "1 ongeldig bestand overgeslagen; 'kennisbank validate'" in result.stderr
    assert "Beschut werk op een zorgboerderij" in result.stdout


def test_drafts_never_returned(tmp_path):
    practices = write_practices(tmp_path / "p")
    text = (practices / "zorgboerderij-groningen.md").read_text(encoding="utf-8")
    (practices / "zorgboerderij-groningen.md").write_text(text.replace("year: 2017", "year: 2017\ndraft: true"),
                                                         encoding="utf-8")
    result = CliRunner().invoke(cli, ["--practices", str(practices), "--index", str(tmp_path / "ix"),
                                      "search", "zorgboerderij", "--json"])
    assert json.loads(result.stdout)["total"] == 0


def test_real_process_cold_start(env, tmp_path):
    practices, _ = env
    proc = subprocess.run([str(KENNISBANK), "--practices", str(practices), "--index", str(tmp_path / "ix"),
                           "search", "leerwerkplekken", "--json"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["results"][0]["slug"] == "statushouders-amsterdam"
    proc = subprocess.run([str(KENNISBANK), "--practices", str(practices), "--index", str(tmp_path / "ix"),
                           "search", "werk", "--region", "Nergensland"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "onbekende regio 'Nergensland'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_help_is_dutch():
    result = CliRunner().invoke(cli, ["search", "--help"])
    assert result.exit_code == 0
    assert "Zoek in de praktijken" in result.output and "--region REGIO" in result.output


@pytest.fixture(scope="module")
def with_meetings(tmp_path_factory):
    """The CLI practices with a meetings/ folder beside them (found without --meetings)."""
    root = tmp_path_factory.mktemp("cli-search-meetings")
    practices = write_practices(root / "praktijken")
    meetings = root / "meetings"
    meetings.mkdir()
    (meetings / "werkgevers-oost.md").write_text(meeting_text(
        title="title: Werkgevers en beschut werk in Twente", date="date: 2018-03-15",
        body="## Programma\n\nWerkgevers vertellen over hun financiële afspraken.\n"), encoding="utf-8")
    (meetings / "concept.md").write_text(meeting_text(draft="draft: true", body="Werkgevers in concept.\n"),
                                         encoding="utf-8")
    return practices, root / "index"


def test_meetings_are_searched_and_say_so(with_meetings, monkeypatch):
    monkeypatch.delenv("KENNISBANK_MEETINGS", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    result = run(with_meetings, "financiele", "werkgevers")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines[0] == "2 resultaten gevonden: 1 praktijk, 1 bijeenkomst."
    meeting = lines.index("1. Werkgevers en beschut werk in Twente")
    assert lines[meeting + 1] == "   Bijeenkomst · 15 maart 2018 · Twente"
    assert lines[meeting + 3].endswith("meetings/werkgevers-oost.md")
    practice = lines.index("2. Fietsenwerkplaats voor werkgevers in Twente")
    assert lines[practice + 1] == "   Praktijk · Twente · Innovatie en nieuwe bedrijvigheid · 2019"
    assert lines[-1] == "Per soort: praktijken (1), bijeenkomsten (1)"


def test_type_option_filters_both_ways(with_meetings, monkeypatch):
    monkeypatch.delenv("KENNISBANK_MEETINGS", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    data = json.loads(run(with_meetings, "werkgevers", "--type", "bijeenkomst", "--json").stdout)
    assert [(r["type"], r["slug"], r["date"]) for r in data["results"]] == [
        ("bijeenkomst", "werkgevers-oost", "2018-03-15")]
    assert data["facets"]["type"] == {"bijeenkomst": 1}
    data = json.loads(run(with_meetings, "werkgevers", "--type", "praktijk", "--json").stdout)
    assert [(r["type"], r["slug"]) for r in data["results"]] == [("praktijk", "fietsen-twente")]
    both = json.loads(run(with_meetings, "werkgevers", "--type", "praktijk", "--type", "bijeenkomst", "--json").stdout)
    assert both["total"] == 2
    result = run(with_meetings, "onderzeeboot", "--type", "bijeenkomst")
    assert result.stdout == "Geen bijeenkomsten gevonden. Probeer andere of minder woorden, of minder filters.\n"
    result = run(with_meetings, "werk", "--type", "congres")
    assert result.exit_code == 2
    assert "--type: onbekende soort 'congres'; bedoelde je 'praktijk' of 'bijeenkomst'?" in result.stderr
