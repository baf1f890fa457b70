"""The search works the same without the fast path through Whoosh's internals.

:mod:`search.fastpath` uses Whoosh's public API only when Whoosh is not the version it was
written for. This runs every search test again in that mode (in a separate process, since
the mode is decided once at import), so a Whoosh upgrade can never break searching."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from search import fastpath

from .conftest import PROJECT

SEARCH_TESTS = ["tests/test_search_engine.py", "tests/test_search_index.py", "tests/test_search_fresh.py",
                "tests/test_search_queries.py", "tests/test_search_parser.py", "tests/test_search_damage.py",
                "tests/test_search_meetings.py",
                "tests/test_cli_search.py", "tests/test_cli_index.py", "tests/test_cli_show.py"]


def test_fallback_is_chosen_by_the_environment():
    code = "import search.fastpath as f; print(f.ENABLED)"
    env = {**os.environ, fastpath.FALLBACK_ENV: "1"}
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "False"
    env[fastpath.FALLBACK_ENV] = "0"
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "True"


@pytest.mark.skipif(not fastpath.ENABLED, reason="already running in fallback mode")
def test_whole_search_suite_passes_in_fallback_mode():
    env = {**os.environ, fastpath.FALLBACK_ENV: "1"}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *SEARCH_TESTS],
                          cwd=PROJECT, env=env, capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout and " failed" not in proc.stdout
