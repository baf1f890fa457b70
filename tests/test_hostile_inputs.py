"""Every bad input of tests/data/invalid/ through every command that reads practices.

The golden files check the validator's messages; here the same files go through the real
commands (CliRunner with exceptions not caught, and one real process), beside one valid
practice: no command may end in a traceback, and each ends with its documented exit code.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from build_tools.cli import cli

from .conftest import DATA, PROJECT, practice_text

INVALID = sorted((DATA / "invalid").glob("*.md"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    practices = tmp_path_factory.mktemp("vijandig") / "practices"
    practices.mkdir()
    for path in INVALID:
        shutil.copyfile(path, practices / path.name)
    (practices / "goede-praktijk.md").write_text(practice_text(), encoding="utf-8")
    return practices


def run(folder, *args):
    return CliRunner().invoke(cli, ["--practices", str(folder), "--index", str(folder.parent / "index"), *args],
                              catch_exceptions=False)


def test_there_are_many_hostile_files():
    assert len(INVALID) >= 60


@pytest.mark.parametrize("args, code", [
    (["validate"], 1),
    (["validate", "--format", "github"], 1),
    (["index"], 1),
    (["export", "--format", "json"], 1),
    (["export", "--format", "csv"], 1),
    (["stats"], 1),
    (["stale"], 1),
    (["show", "goede-praktijk"], 1),
])
def test_commands_report_the_problems_and_exit_1(folder, args, code):
    result = run(folder, *args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert "nested-too-deep.md" in result.output and "tags: is te diep genest" in result.output


def test_search_skips_the_bad_files_and_finds_the_good_one(folder):
    result = run(folder, "search", "werkbedrijf", "--json")
    assert result.exit_code == 0, result.output
    assert '"slug": "goede-praktijk"' in result.stdout
    assert "ongeldige bestanden overgeslagen" in result.stderr


@pytest.mark.slow
def test_build_refuses_before_writing_anything(folder, tmp_path):
    result = run(folder, "build", "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 1, result.output
    assert "de site is niet gebouwd" in result.stderr
    assert not (tmp_path / "site").exists()


def test_real_process_prints_no_traceback(folder):
    proc = subprocess.run([str(PROJECT / ".venv" / "bin" / "kennisbank"), "--practices", str(folder), "--index",
                           str(folder.parent / "index"), "validate"], capture_output=True, timeout=120)
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr and b"Traceback" not in proc.stdout
    assert proc.stdout.count(b"\n") > len(INVALID)
