"""``kennisbank show``: the practice, similar practices, unknown slugs."""

from __future__ import annotations

import subprocess

from click.testing import CliRunner

from build_tools.cli import cli

from .conftest import KENNISBANK, write_practices


def invoke(tmp_path, *args):
    practices = write_practices(tmp_path / "p")
    return CliRunner().invoke(cli, ["--practices", str(practices), "--index", str(tmp_path / "ix"), "show", *args])


def test_show_renders_practice_and_similar(tmp_path):
    result = invoke(tmp_path, "zorgboerderij-groningen")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Beschut werk op een zorgboerderij in Groningen" in out
    assert "Werkbedrijf Ommeland Werkt" in out and "Startjaar" in out
    assert "Vergelijkbare praktijken" in out
    similar_part = out.split("Vergelijkbare praktijken", 1)[1]
    assert "zorgboerderij-groningen" not in similar_part  # self excluded
    assert "kennisbank show " in similar_part


def test_unknown_slug_exit_1_with_suggestions(tmp_path):
    result = invoke(tmp_path, "zorgboerderij-groninge")
    assert result.exit_code == 1
    assert "geen praktijk met slug 'zorgboerderij-groninge'" in result.stderr
    assert "Bedoelde je: zorgboerderij-groningen?" in result.stderr


def test_unknown_slug_real_process(tmp_path):
    practices = write_practices(tmp_path / "p")
    proc = subprocess.run([str(KENNISBANK), "--practices", str(practices), "--index", str(tmp_path / "ix"),
                           "show", "fietsen-twent"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "Bedoelde je: fietsen-twente?" in proc.stderr and "Traceback" not in proc.stderr
