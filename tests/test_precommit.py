"""build_tools.precommit and the pre-commit configuration."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from build_tools.precommit import main
from build_tools.settings import PROJECT_ROOT

from .conftest import practice_text

GOOD = practice_text()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_files_pass(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "practices/goed.md", GOOD)
    write(tmp_path, "practices/ook-goed.md", GOOD)
    assert main(["practices/goed.md", "practices/ook-goed.md"]) == 0
    assert capsys.readouterr().out == "2 praktijken gecontroleerd: alles in orde.\n"


def test_problems_are_printed_per_line_and_exit_1(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "practices/goed.md", GOOD)
    write(tmp_path, "practices/fout.md", GOOD.replace("region: Twente", "regoin: Twente"))
    assert main(["practices/goed.md", "practices/fout.md"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "practices/fout.md:4: regoin: onbekend veld; bedoelde je 'region'?" in out
    assert "practices/fout.md:1: region: ontbreekt (verplicht veld)" in out
    assert out[-1].startswith("2 problemen (2 praktijken gecontroleerd)")
    assert not any(line.startswith("practices/goed.md") for line in out)


def test_github_format(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "practices/fout.md", GOOD.replace("year: 2016", "year: 2009"))
    assert main(["--format", "github", "practices/fout.md"]) == 1
    assert capsys.readouterr().out.startswith("::error file=practices/fout.md,line=7::year: ")


def test_only_the_given_files_and_no_readme(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "practices/README.md", "# Geen praktijk\n")
    write(tmp_path, "practices/.verborgen.md", "x")
    write(tmp_path, "practices/kapot.md", "geen front matter")  # not given: not checked
    assert main(["practices/README.md", "practices/.verborgen.md"]) == 0
    assert capsys.readouterr().out == ""


def test_missing_file_is_a_problem(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["practices/weg.md"]) == 1
    assert "practices/weg.md:1: bestand: kan niet gelezen worden" in capsys.readouterr().out


def test_runs_as_a_module_like_pre_commit_does(tmp_path):
    write(tmp_path, "practices/fout-naam_.md", GOOD)
    result = subprocess.run([sys.executable, "-m", "build_tools.precommit", "practices/fout-naam_.md"],
                            cwd=tmp_path, capture_output=True, text=True, check=False,
                            env={"PYTHONPATH": str(PROJECT_ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1, result.stderr
    assert "practices/fout-naam_.md:1: slug: bestandsnaam 'fout-naam_.md' is ongeldig" in result.stdout
    assert "Traceback" not in result.stderr


def test_pre_commit_config():
    config = yaml.safe_load((PROJECT_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"] if repo["repo"] == "local"}
    hook = hooks["kennisbank-praktijken"]
    assert hook["entry"] == "python -m build_tools.precommit"
    assert hook["language"] == "system"
    files = re.compile(hook["files"])
    assert files.search("practices/fietsen-zwolle.md")
    assert files.search("practices/sub/x.md")
    assert not files.search("docs/index.md")
    assert not files.search("practices/notities.txt")
    schema_hook = hooks["kennisbank-schema"]
    assert schema_hook["pass_filenames"] is False
    assert re.search(schema_hook["files"], "build_tools/vocabularies/themes.yml")
