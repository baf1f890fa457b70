"""``kennisbank validate --format github``: workflow annotations on the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import cli

from .conftest import practice_text

GOOD = practice_text()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch) -> Path:
    """A practices folder; the working folder is its parent, so paths are 'practices/...'."""
    monkeypatch.chdir(tmp_path)
    practices = tmp_path / "practices"
    practices.mkdir()
    return practices


def put(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def validate(*args: str):
    return CliRunner().invoke(cli, ["--practices", "practices", "validate", *args])


def test_exact_annotations_with_escaping(folder):
    put(folder, "goed.md", GOOD)
    put(folder, "fout.md", GOOD.replace("region: Twente", "regoin: Twente"))
    put(folder, "100%,a:b.md", GOOD)                                                  # path: % , :
    put(folder, "procent.md", GOOD.replace("region: Twente", "region: 100% Twente, Zeeland"))  # message: %
    put(folder, "regel.md", GOOD.replace("year: 2016", 'year: 2016\n"tag\\nline": x'))         # newline

    result = validate("--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=practices/100%25%2Ca%3Ab.md,line=1::slug: bestandsnaam '100%25,a:b.md' is ongeldig: "
        "gebruik alleen kleine letters, cijfers en enkele koppeltekens, bijvoorbeeld '100-a-b.md'",
        "::error file=practices/fout.md,line=1::region: ontbreekt (verplicht veld)",
        "::error file=practices/fout.md,line=4::regoin: onbekend veld; bedoelde je 'region'?",
        "::error file=practices/procent.md,line=4::region: onbekende arbeidsmarktregio '100%25 Twente, Zeeland'; "
        "zie de lijst van 35 regio's en 'Landelijk' in CONTRIBUTING.md",
        "::error file=practices/regel.md,line=8::tag%0Aline: onbekend veld; toegestaan zijn: title, description, "
        "region, themes, organisations, year, status, funding, contact, links, date, updated, tags, draft",
        "5 problemen in 4 bestanden (5 praktijken gecontroleerd).",
    ]


def test_every_problem_line_is_a_well_formed_annotation(folder):
    put(folder, "a.md", GOOD.replace("year: 2016", "year: 2009").replace("themes: [beschut-werk]", "themes: [boos]"))
    put(folder, "b.md", "geen front matter\n")
    result = validate("--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    annotations = lines[:-1]
    assert len(annotations) == 3
    for line in annotations:
        head, _, message = line.partition("::")[2].partition("::")
        assert head.startswith("error file=practices/") and ",line=" in head
        assert int(head.rsplit("line=", 1)[1]) >= 1
        assert message and "\n" not in message
    assert lines[-1].startswith("3 problemen in 2 bestanden")


def test_text_format_is_unchanged(folder):
    put(folder, "fout.md", GOOD.replace("region: Twente", "regoin: Twente"))
    result = validate()
    assert result.exit_code == 1
    assert "practices/fout.md:4: regoin: onbekend veld; bedoelde je 'region'?" in result.stdout.splitlines()
    assert "::error" not in result.stdout


def test_valid_folder_has_no_annotations_and_exit_0(folder):
    put(folder, "goed.md", GOOD)
    result = validate("--format", "github")
    assert result.exit_code == 0
    assert result.stdout == "1 praktijk gecontroleerd: alles in orde.\n"


def test_unknown_format_is_bad_usage(folder):
    assert validate("--format", "gitlab").exit_code == 2
