"""``kennisbank index``: messages and exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from build_tools.cli import cli

from .conftest import KENNISBANK, write_practices


def invoke(practices, index, *args):
    return CliRunner().invoke(cli, ["--practices", str(practices), "--index", str(index), "index", *args])


def test_build_update_and_full(tmp_path):
    practices, index = write_practices(tmp_path / "p"), tmp_path / "ix"
    result = invoke(practices, index)
    assert result.exit_code == 0 and "Zoekindex opnieuw opgebouwd: 3 praktijken." in result.output
    result = invoke(practices, index)
    assert result.exit_code == 0 and "Zoekindex is actueel (3 praktijken)." in result.output
    (practices / "statushouders-amsterdam.md").unlink()
    result = invoke(practices, index)
    assert "Zoekindex bijgewerkt: 0 toegevoegd, 0 gewijzigd, 1 verwijderd (2 in totaal)." in result.output
    result = invoke(practices, index, "--full")
    assert result.exit_code == 0 and "opnieuw opgebouwd: 2 praktijken" in result.output


def test_invalid_content_exits_1_with_the_problems(tmp_path):
    practices, index = write_practices(tmp_path / "p"), tmp_path / "ix"
    (practices / "kapot.md").write_text("---\ntitle: Kapotte praktijk\nregoin: Twente\n---\n\nTekst.\n", encoding="utf-8")
    result = invoke(practices, index)
    assert result.exit_code == 1
    assert "kapot.md:3: regoin:" in result.stderr and "bedoelde je 'region'" in result.stderr
    assert "de zoekindex is niet bijgewerkt" in result.stderr
    assert not (index / "CURRENT").exists()


def test_drafts_are_reported(tmp_path):
    practices, index = write_practices(tmp_path / "p"), tmp_path / "ix"
    path = practices / "fietsen-twente.md"
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2019", "year: 2019\ndraft: true"), encoding="utf-8")
    result = invoke(practices, index)
    assert result.exit_code == 0 and "1 concept niet opgenomen" in result.output


def test_missing_folder_is_a_clear_error(tmp_path):
    result = invoke(tmp_path / "bestaat-niet", tmp_path / "ix")
    assert result.exit_code == 1 and "bestaat niet" in result.stderr


HOLD = "import fcntl,os,sys,time;fd=os.open(sys.argv[1],os.O_RDWR|os.O_CREAT);fcntl.flock(fd,fcntl.LOCK_EX);print('ok',flush=True);time.sleep(30)"


def test_lock_held_gives_clear_message_in_a_real_process(tmp_path):
    practices, index = write_practices(tmp_path / "p"), tmp_path / "ix"
    assert invoke(practices, index).exit_code == 0
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(index / ".lock")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        env = dict(os.environ, KENNISBANK_LOCK_TIMEOUT="0.3")
        proc = subprocess.run([str(KENNISBANK), "--practices", str(practices), "--index", str(index), "index", "--full"],
                              capture_output=True, text=True, env=env, timeout=60)
        assert proc.returncode == 1
        assert "Fout: De zoekindex in" in proc.stderr and "wordt al bijgewerkt door een ander proces" in proc.stderr
        assert "Traceback" not in proc.stderr
    finally:
        holder.kill()
        holder.wait()
