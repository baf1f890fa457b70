"""No traceback on bad surroundings: an unusable index folder, an unwritable practices folder,
absurd option values, an ASCII-only terminal, a NUL in a URL. Through the real command line.
"""

from __future__ import annotations

import os
import re
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import cli

from .conftest import PROJECT
from .conftest import project_config_copy

KENNISBANK = PROJECT / ".venv" / "bin" / "kennisbank"
SLUG = "werkfit-in-de-wijk"
NEW_OPTIONS = ["new", "--title", "Werkfit in de wijk", "--description",
               "Een voorbeeld van een praktijk die aan alle regels voldoet.", "--region", "Twente",
               "--theme", "beschut-werk", "--organisation", "Werkbedrijf Voorbeeld", "--yes"]


def run(practices: Path, index: Path | str, *args: str):
    # catch_exceptions=False: a traceback fails the test instead of hiding in result.exception
    return CliRunner().invoke(cli, ["--practices", str(practices), "--index", str(index), *args],
                              catch_exceptions=False)


def unusable_index_folders(tmp_path: Path) -> dict[str, str]:
    a_file = tmp_path / "een-bestand"
    a_file.write_text("x", encoding="utf-8")
    return {
        "onder een bestand": str(a_file / "index"),
        "niet aan te maken": "/proc/kennisbank-index/index",  # /proc takes no new folders
        "alleen-lezen": "/proc/self",  # exists, but not even root can create a file in it
    }


@pytest.mark.parametrize("command", [["index"], ["search", "werk"]])
def test_unusable_index_folder_is_a_dutch_error(tmp_path, write_practice, command):
    write_practice(SLUG)
    for name, index in unusable_index_folders(tmp_path).items():
        result = run(write_practice.folder, index, *command)
        assert result.exit_code == 1, (name, result.output)
        assert result.stderr.startswith("Fout: de map voor de zoekindex kan niet gebruikt worden"), name
        assert "--index" in result.stderr


def test_show_without_a_usable_index_still_shows_the_practice(tmp_path, write_practice):
    write_practice(SLUG)
    for index in unusable_index_folders(tmp_path).values():
        result = run(write_practice.folder, index, "show", SLUG)
        assert result.exit_code == 0, result.output
        assert "Werkfit in de wijk" in result.stdout
        assert "Let op: vergelijkbare praktijken niet beschikbaar (de map voor de zoekindex" in result.stderr


@pytest.mark.slow
def test_build_with_an_unusable_index_folder_is_a_dutch_error(tmp_path, write_practice):
    write_practice(SLUG)
    config = project_config_copy(tmp_path / "project")
    (tmp_path / "een-bestand").write_text("x", encoding="utf-8")
    result = run(write_practice.folder, tmp_path / "een-bestand" / "index", "build",
                 "--site-dir", str(tmp_path / "site"), "--mkdocs-config", str(config))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Fout: de map voor de zoekindex kan niet gebruikt worden")
    assert not (tmp_path / "site").exists()


def test_new_into_an_unwritable_folder_is_a_dutch_error(tmp_path):
    result = run(Path("/proc/self"), tmp_path / "ix", *NEW_OPTIONS, "--year", "2016")
    assert result.exit_code == 1, result.output
    assert re.match(r"Fout: kan .*werkfit-in-de-wijk\.md niet schrijven \(.+\); er is niets aangemaakt\.",
                    result.stderr)


def test_stale_with_a_huge_number_of_months(tmp_path, write_practice):
    write_practice(SLUG, year="year: 2016\ndate: 2016-01-01")
    result = run(write_practice.folder, tmp_path / "ix", "stale", "--months", "100000")
    assert result.exit_code == 0, result.output
    assert "Geen praktijken die langer dan 100000 maanden niet zijn bijgewerkt" in result.stdout


def test_a_5000_digit_year(tmp_path, write_practice):
    write_practice(SLUG)
    year = "9" * 5000
    search = run(write_practice.folder, tmp_path / "ix", "search", "werk", "--year", year)
    assert search.exit_code == 2
    assert "is geen geldig geheel getal" in search.stderr and len(search.stderr) < 500

    new = run(tmp_path / "practices", tmp_path / "ix", *NEW_OPTIONS, "--slug", "ander", "--year", year)
    assert new.exit_code == 1
    assert "een jaartal heeft vier cijfers" in new.stderr and len(new.stderr) < 500


@pytest.mark.parametrize("command", [["show", SLUG], ["search", "werk"], ["search", "werk", "--json"], ["stale"],
                                     ["validate"], ["stats"]])
def test_ascii_only_output_degrades_characters_instead_of_crashing(tmp_path, write_practice, command):
    write_practice(SLUG, title="title: Werkfit in de wijk, één stap · verder",
                   year="year: 2016\ndate: 2016-01-01")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    proc = subprocess.run([str(KENNISBANK), "--practices", str(write_practice.folder), "--index",
                           str(tmp_path / "ix"), *command], capture_output=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode("ascii", "replace")
    assert b"Traceback" not in proc.stderr
    # Rich and sys.stdout degrade to '?'; click treats an ASCII locale as a misconfiguration and
    # writes UTF-8. Either way the bytes are readable text.
    assert proc.stdout.decode("utf-8").strip()


@pytest.mark.slow
def test_serve_static_answers_a_nul_in_the_url_with_400(tmp_path, write_practice):
    write_practice(SLUG)
    config = project_config_copy(tmp_path / "project")
    proc = subprocess.Popen([str(KENNISBANK), "--practices", str(write_practice.folder), "--index",
                             str(tmp_path / "ix"), "serve", "--static", "--port", "0", "--site-dir",
                             str(tmp_path / "site"), "--mkdocs-config", str(config)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for line in proc.stdout:
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                break
        else:
            pytest.fail(proc.stderr.read())
        base = f"http://127.0.0.1:{match.group(1)}"
        for path in ("/%00", "/praktijken/%00/index.html", "/index.html%00"):
            with pytest.raises(urllib.error.HTTPError) as info:
                urllib.request.urlopen(base + path, timeout=10)
            assert info.value.code == 400, path
        assert urllib.request.urlopen(base + "/", timeout=10).status == 200  # still serving
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert "Traceback" not in proc.stderr.read()
