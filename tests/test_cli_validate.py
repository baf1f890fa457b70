"""``kennisbank validate``: exact output and exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from build_tools.cli import cli

from .conftest import PROJECT


@pytest.fixture
def runner():
    return CliRunner()


def test_valid_folder_exits_0_with_a_summary(runner, write_practice, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_practice("een")
    write_practice("twee")
    result = runner.invoke(cli, ["--practices", "practices", "validate"])
    assert result.exit_code == 0
    assert result.output == "2 praktijken gecontroleerd: alles in orde.\n"


def test_every_problem_of_every_file_is_printed_then_exit_1(runner, write_practice, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_practice("goed")
    write_practice("regio", region="region: Twnte")
    write_practice("velden", title="title: Wrk", year="year: 2009")
    result = runner.invoke(cli, ["--practices", "practices", "validate"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "practices/regio.md:4: region: onbekende arbeidsmarktregio 'Twnte'; bedoelde je 'Twente'?",
        "practices/velden.md:2: title: moet 5 tot 120 tekens lang zijn (nu 3)",
        "practices/velden.md:7: year: 2009 ligt vóór 2010; de kennisbank gaat over praktijken vanaf 2010",
        "3 problemen in 2 bestanden (3 praktijken gecontroleerd).",
    ]


def test_practices_folder_from_the_environment(runner, write_practice, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_practice("een", region="region: Nergensland")
    monkeypatch.setenv("KENNISBANK_PRACTICES", "practices")
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 1
    assert result.output.startswith("practices/een.md:4: region: onbekende arbeidsmarktregio 'Nergensland'")


def test_missing_folder_is_a_dutch_error_not_a_traceback(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["--practices", "bestaat-niet", "validate"])
    assert result.exit_code == 1
    assert result.output == "Fout: De map met praktijken bestaat niet: bestaat-niet\n"


def test_unknown_format_is_a_usage_error(runner):
    result = runner.invoke(cli, ["validate", "--format", "xml"])
    assert result.exit_code == 2
    assert "Ongeldige waarde voor '--format'" in result.output


def test_the_installed_command_validates_the_project_practices():
    completed = subprocess.run(
        [sys.executable, "-m", "build_tools.cli", "validate"], cwd=PROJECT, capture_output=True, text=True, timeout=60,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout.strip().endswith("gecontroleerd: alles in orde.")


def test_every_bad_input_file_is_reported_without_traceback(runner, tmp_path, monkeypatch):
    import shutil

    from .conftest import DATA

    folder = tmp_path / "practices"
    shutil.copytree(DATA / "invalid", folder, ignore=shutil.ignore_patterns("*.expected"))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["--practices", "practices", "validate"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    reported = {line.split(":", 1)[0] for line in result.output.splitlines()[:-1]}
    assert reported == {f"practices/{p.name}" for p in folder.glob("*.md")}
