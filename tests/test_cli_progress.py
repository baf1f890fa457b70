"""Progress on long work: stage bars on a terminal, nothing extra anywhere else.

The real command runs as a process in a pseudo-terminal (stdout and stderr both a terminal);
without a terminal, with only one of the two a terminal, or with --quiet, the output must be
byte for byte what it was without progress.
"""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PROJECT, project_config_copy, write_practices

COMMAND = [sys.executable, "-m", "build_tools.cli"]
ENV = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "LINES": "30", "NO_COLOR": "1"}
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def in_terminal(*args: str) -> tuple[int, bytes]:
    """Run the CLI with stdout and stderr on one pseudo-terminal: (exit code, all it wrote)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([*COMMAND, *args], stdin=subprocess.DEVNULL, stdout=follower, stderr=follower,
                               cwd=PROJECT, env=ENV)
    os.close(follower)
    output = b""
    try:
        while select.select([leader], [], [], 120)[0]:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the process closed the terminal (Linux: EIO)
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(leader)
        code = process.wait(timeout=120)
    return code, output


def shown_text(output: bytes) -> str:
    """What the terminal was sent, without control sequences and carriage returns."""
    return ANSI.sub(b"", output).replace(b"\r", b"").decode("utf-8")


def piped(*args: str, **streams) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], cwd=PROJECT, env=ENV, capture_output=not streams, timeout=120,
                          stdin=subprocess.DEVNULL, **streams)


@pytest.fixture
def folders(tmp_path: Path) -> list[str]:
    practices = write_practices(tmp_path / "practices")
    return ["--practices", str(practices), "--index", str(tmp_path / "index")]


def test_index_full_on_a_terminal_shows_the_stages_with_counts(folders):
    code, output = in_terminal(*folders, "index", "--full")
    assert code == 0, output
    text = shown_text(output)
    assert re.search(r"controleren .*3/3", text), text
    assert re.search(r"zoekindex .*3/3", text), text
    assert text.endswith("Zoekindex opnieuw opgebouwd: 3 praktijken.\n")


def test_validate_on_a_terminal_shows_the_stages(folders):
    code, output = in_terminal(*folders, "validate")
    assert code == 0, output
    text = shown_text(output)
    assert "laden" in text and re.search(r"controleren .*3/3", text), text
    assert text.endswith("3 praktijken gecontroleerd: alles in orde.\n")


@pytest.mark.parametrize("quiet", ["--quiet", "-q"])
def test_quiet_on_a_terminal_prints_only_the_usual_lines(folders, quiet):
    code, output = in_terminal(quiet, *folders, "index", "--full")
    assert code == 0, output
    assert output == b"Zoekindex opnieuw opgebouwd: 3 praktijken.\r\n"


def test_without_a_terminal_nothing_extra(folders):
    result = piped(*folders, "index", "--full")
    assert (result.returncode, result.stdout, result.stderr) == (0, b"Zoekindex opnieuw opgebouwd: 3 praktijken.\n", b"")
    result = piped(*folders, "validate")
    assert (result.returncode, result.stdout, result.stderr) == (0, b"3 praktijken gecontroleerd: alles in orde.\n", b"")


def test_only_one_of_stdout_and_stderr_a_terminal_shows_no_progress(folders, tmp_path):
    """A redirected stdout (``> file``) or stderr (``2> log``) is a script: no bars on the other."""
    leader, follower = pty.openpty()
    try:
        with open(tmp_path / "out", "wb") as out:
            redirected_stdout = piped(*folders, "index", "--full", stdout=out, stderr=follower)
        with open(tmp_path / "err", "wb") as err:
            redirected_stderr = piped(*folders, "validate", stdout=follower, stderr=err)
        os.close(follower)
        follower = None
        on_terminal = b""
        while select.select([leader], [], [], 1)[0]:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            on_terminal += chunk
    finally:
        if follower is not None:
            os.close(follower)
        os.close(leader)
    assert redirected_stdout.returncode == 0 and redirected_stderr.returncode == 0
    assert (tmp_path / "out").read_bytes() == b"Zoekindex opnieuw opgebouwd: 3 praktijken.\n"
    assert (tmp_path / "err").read_bytes() == b""
    assert on_terminal == b"3 praktijken gecontroleerd: alles in orde.\r\n"


@pytest.mark.slow
def test_build_on_a_terminal_shows_every_stage(folders, tmp_path):
    config = project_config_copy(tmp_path / "project")
    code, output = in_terminal(*folders, "build", "--site-dir", str(tmp_path / "site"), "--mkdocs-config", str(config))
    assert code == 0, output
    text = shown_text(output)
    for stage in ("laden", "controleren", "zoekindex", "pagina's", "site bouwen", "site schrijven"):
        assert stage in text, (stage, text)
    assert re.search(r"zoekindex .*3/3", text), text
    assert "Site gebouwd in" in text.splitlines()[-1]
