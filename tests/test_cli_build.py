"""``kennisbank build`` (and the start of ``serve``): exit codes, messages, the site it leaves."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.settings import PROJECT_ROOT
from build_tools.site_dir import SITE_MARKER

from .conftest import HOSTILE, project_config_copy

pytestmark = pytest.mark.slow


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_build_another_folder(tmp_path, write_practice):
    write_practice("werkfit-twente")
    config = project_config_copy(tmp_path / "project")
    result = run("--practices", str(write_practice.folder), "--index", str(tmp_path / "index"),
                 "build", "--site-dir", str(tmp_path / "site"), "--mkdocs-config", str(config))
    assert result.exit_code == 0, result.output
    assert "Site gebouwd in" in result.output
    assert (tmp_path / "site" / "praktijken" / "werkfit-twente" / "index.html").is_file()


def test_build_invalid_content_exits_1_with_problem_lines(tmp_path, write_practice):
    write_practice("goed")
    write_practice("fout", region="region: Atlantis")
    config = project_config_copy(tmp_path / "project")
    site = tmp_path / "site"
    site.mkdir()
    (site / SITE_MARKER).write_text("")  # a site built before
    (site / "oud.html").write_text("oud")
    result = run("--practices", str(write_practice.folder), "--index", str(tmp_path / "index"),
                 "build", "--site-dir", str(site), "--mkdocs-config", str(config))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any(line.endswith(".md:4: region: " + line.split(": region: ", 1)[-1]) and "fout.md:4: region:" in line
               for line in lines), result.stderr
    assert "de site is niet gebouwd" in result.stderr
    assert "Traceback" not in result.output
    assert (site / "oud.html").read_text() == "oud"
    assert not (tmp_path / "project" / "docs" / "praktijken").exists()  # nothing generated


def test_build_failing_mkdocs_exits_1_and_keeps_old_site(tmp_path, write_practice):
    write_practice("goed")
    config = project_config_copy(tmp_path / "project")
    (tmp_path / "project" / "docs" / "kapot.md").write_text("[kapot](nergens.md)\n")
    site = tmp_path / "site"
    site.mkdir()
    (site / SITE_MARKER).write_text("")  # a site built before
    (site / "oud.html").write_text("oud")
    result = run("--practices", str(write_practice.folder), "--index", str(tmp_path / "index"),
                 "build", "--site-dir", str(site), "--mkdocs-config", str(config))
    assert result.exit_code == 1
    assert result.stderr.startswith("Fout: ") and "nergens.md" in result.stderr
    assert (site / "oud.html").read_text() == "oud"


def test_build_missing_folder(tmp_path):
    result = run("--practices", str(tmp_path / "bestaat-niet"), "build", "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Fout: De map met praktijken bestaat niet")


def test_help_is_dutch():
    for command in ("build", "serve"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Opties:" in result.output and "--site-dir" in result.output


def test_real_process_build(tmp_path):
    """The installed command, in another working folder, with the environment variable."""
    config = project_config_copy(tmp_path / "project")
    env = {**os.environ, "KENNISBANK_PRACTICES": str(HOSTILE), "KENNISBANK_INDEX": str(tmp_path / "index")}
    exe = Path(sys.executable).parent / "kennisbank"
    proc = subprocess.run([str(exe), "build", "--site-dir", str(tmp_path / "site"), "--mkdocs-config", str(config)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "site" / "praktijken" / "vijandige-tekst" / "index.html").is_file()
    assert proc.stderr == ""


def test_serve_port_in_use(tmp_path, write_practice):
    import socket
    write_practice("goed")
    config = project_config_copy(tmp_path / "project")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("--practices", str(write_practice.folder), "--index", str(tmp_path / "index"), "serve",
                     "--static", "--port", str(port), "--site-dir", str(tmp_path / "site"),
                     "--mkdocs-config", str(config))
    assert result.exit_code == 1
    assert "Kies een andere met --port" in result.stderr
