"""Content reaches the terminal as plain text: no Rich markup, no control sequences.

Through the real commands (CliRunner) on practices whose values look like Rich markup and
whose bodies and file names hold terminal escape sequences.
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from build_tools.cli import cli

from .conftest import practice_text

MARKUP_FUNDING = "Sectorplan [/] 2015 [link=https://kwaad.example]klik[/link] :smile:"
ESCAPES = "\x1b]0;gehackt\x07 en \u009b2J en \u202egnirts"


def hostile_practice(write_practice, slug: str = "lastige-tekens"):
    text = practice_text(
        organisations='organisations: ["Werkbedrijf [bold]Voorbeeld[/bold]"]',
        year=f'year: 2016\ndate: 2016-01-01\nfunding: "{MARKUP_FUNDING}"',
    ) + f"\nDe tekst [/] met [link=https://kwaad.example]verborgen[/link] en {ESCAPES} einde.\n"
    return write_practice(slug, text)


def run(write_practice, tmp_path, *args):
    return CliRunner().invoke(cli, ["--practices", str(write_practice.folder), "--index", str(tmp_path / "ix"),
                                    *args])


def assert_no_control_codes(output: str) -> None:
    assert "\x1b" not in output and "\x07" not in output and "\u009b" not in output and "\u202e" not in output


def test_show_prints_markup_lookalikes_literally(write_practice, tmp_path):
    hostile_practice(write_practice)
    result = run(write_practice, tmp_path, "show", "lastige-tekens")
    assert result.exit_code == 0, result.output  # before: MarkupError on '[/]'
    flat = " ".join(result.stdout.split())
    assert MARKUP_FUNDING in flat
    assert "Werkbedrijf [bold]Voorbeeld[/bold]" in flat
    assert "De tekst [/] met [link=https://kwaad.example]verborgen[/link]" in flat


def test_show_makes_escape_sequences_in_the_body_visible(write_practice, tmp_path):
    hostile_practice(write_practice)
    result = run(write_practice, tmp_path, "show", "lastige-tekens")
    assert_no_control_codes(result.stdout)
    assert "\\x1b]0;gehackt\\x07 en \\x9b2J en \\u202egnirts" in " ".join(result.stdout.split())


def test_show_prints_the_address_of_a_body_link(write_practice, tmp_path):
    write_practice("met-link", practice_text() + "\nZie [de site](https://www.voorbeeld.nl/pad).\n")
    result = run(write_practice, tmp_path, "show", "met-link")
    assert "de site (https://www.voorbeeld.nl/pad)" in result.stdout
    assert "\x1b]8;" not in result.stdout  # no hidden terminal hyperlink


def test_search_output_and_json_have_no_control_codes(write_practice, tmp_path):
    hostile_practice(write_practice)
    result = run(write_practice, tmp_path, "search", "gehackt")
    assert result.exit_code == 0, result.output
    assert_no_control_codes(result.stdout)
    assert "\\x1b]0;gehackt" in result.stdout

    as_json = run(write_practice, tmp_path, "search", "gehackt", "--json")
    assert_no_control_codes(as_json.stdout)
    snippet = json.loads(as_json.stdout)["results"][0]["snippet"]
    assert "\x1b]0;" in snippet and "\u009b2J" in snippet  # the same data, escaped as JSON


def test_stale_prints_values_literally(write_practice, tmp_path):
    hostile_practice(write_practice)
    result = run(write_practice, tmp_path, "stale", "--months", "1")
    assert result.exit_code == 0, result.output
    assert "Werkbedrijf [bold]Voorbeeld[/bold]" in result.stdout


def test_problem_lines_show_control_codes_in_file_names_and_keys(write_practice, tmp_path):
    write_practice("titel\x1b]0;gehackt\x07", practice_text(year="year: 2016\n\"sleutel\\e[2J\": 1"))
    for fmt in ("text", "github"):
        result = run(write_practice, tmp_path, "validate", "--format", fmt)
        assert result.exit_code == 1
        assert_no_control_codes(result.stdout)
        assert "titel\\x1b]0;gehackt\\x07.md" in result.stdout
        assert "sleutel\\x1b[2J" in result.stdout
