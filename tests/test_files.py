"""The one file rule (build_tools.files): the same selection for every command, each odd file
reported instead of silently skipped, followed or opened."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

import search
from build_tools.cli import cli
from build_tools.errors import InvalidContentError
from build_tools.files import MAX_FILE_BYTES, RESERVED_SLUGS, scan
from build_tools.load import load
from build_tools.precommit import main as precommit

from .conftest import PROJECT, practice_text


def problems_of(folder):
    return [(p.path.rsplit("/", 1)[-1], p.field, p.message) for p in load(folder).problems]


def validate(folder):
    return CliRunner().invoke(cli, ["--practices", str(folder), "validate"])


def test_uppercase_extension_is_reported_not_ignored(write_practice):
    write_practice("goed")
    (write_practice.folder / "praktijk.MD").write_text(practice_text(), encoding="utf-8")
    [(name, field, message)] = problems_of(write_practice.folder)
    assert name == "praktijk.MD" and field == "bestand" and "hernoem het bestand naar 'praktijk.md'" in message
    result = validate(write_practice.folder)
    assert result.exit_code == 1 and "praktijk.MD:1: bestand:" in result.output


def test_fifo_is_reported_and_never_opened(write_practice):
    write_practice("goed")
    os.mkfifo(write_practice.folder / "pijp.md")
    # in a separate process with a timeout: opening a FIFO would block forever
    proc = subprocess.run([sys.executable, "-m", "build_tools.cli", "--practices", str(write_practice.folder),
                           "--index", str(write_practice.folder.parent / "ix"), "search", "werkbedrijf"],
                          cwd=PROJECT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "Werkfit in de wijk" in proc.stdout, proc.stderr
    [(name, _field, message)] = problems_of(write_practice.folder)
    assert name == "pijp.md" and "geen gewoon bestand" in message


def test_symlinks_to_files_folders_and_loops_are_reported_not_followed(write_practice, tmp_path):
    write_practice("goed")
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "buiten.md").write_text(practice_text(), encoding="utf-8")
    os.symlink(elsewhere / "buiten.md", write_practice.folder / "koppeling.md")
    os.symlink(elsewhere, write_practice.folder / "map")
    os.symlink(write_practice.folder, write_practice.folder / "lus")  # a loop
    found = scan(write_practice.folder)
    assert [f.rel for f in found.files] == ["goed.md"]
    assert sorted(p.path.rsplit("/", 1)[-1] for p in found.problems) == ["koppeling.md", "lus", "map"]
    assert all("symbolische koppeling" in p.message for p in found.problems)
    # the same rule for the index and the search: only the real file
    index = tmp_path / "ix"
    result = search.search(write_practice.folder, index, "werkbedrijf")
    assert [h.slug for h in result.hits] == ["goed"]
    with pytest.raises(InvalidContentError):
        search.update_index(write_practice.folder, index)


def test_too_large_file_is_reported_not_read(write_practice):
    path = write_practice("groot")
    path.write_bytes(path.read_bytes() + b"x" * MAX_FILE_BYTES)
    [(name, _field, message)] = problems_of(write_practice.folder)
    assert name == "groot.md" and "te groot" in message


def test_file_name_that_is_not_utf8_is_reported_and_search_keeps_working(write_practice, tmp_path):
    write_practice("goed")
    raw = os.path.join(os.fsencode(write_practice.folder), b"caf\xe9.md")
    with open(raw, "wb") as fh:
        fh.write(practice_text().encode("utf-8"))
    [problem] = load(write_practice.folder).problems
    assert "caf\\xe9.md" in problem.path and "geen geldige UTF-8" in problem.message
    for _ in range(2):  # writing the manifest never fails on the name, the second run included
        result = search.search(write_practice.folder, tmp_path / "ix", "werkbedrijf")
        assert [h.slug for h in result.hits] == ["goed"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_subfolder_is_reported(write_practice):
    write_practice("goed")
    sub = write_practice.folder / "geheim"
    sub.mkdir()
    (sub / "verborgen.md").write_text(practice_text(), encoding="utf-8")
    sub.chmod(0)
    try:
        [(name, field, message)] = problems_of(write_practice.folder)
    finally:
        sub.chmod(0o755)
    assert name == "geheim" and field == "bestand" and "kan niet gelezen worden (geen toegang)" in message


def test_unreadable_subfolder_is_reported_also_as_root(write_practice, monkeypatch):
    """Root reads every folder, so the refusal the operating system would give is given here."""
    write_practice("goed")
    sub = write_practice.folder / "geheim"
    sub.mkdir()
    real = os.scandir

    def scandir(path):
        if os.fspath(path) == str(sub):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    [(name, _field, message)] = problems_of(write_practice.folder)
    assert name == "geheim" and "geen toegang" in message


@pytest.mark.parametrize("slug", sorted(RESERVED_SLUGS - {"readme"}))
def test_reserved_slug_is_refused(write_practice, slug):
    write_practice("goed")
    write_practice(slug)
    [(name, field, message)] = problems_of(write_practice.folder)
    assert (name, field) == (f"{slug}.md", "slug") and "gereserveerde naam" in message
    assert [p.slug for p in load(write_practice.folder).practices] == ["goed"]


def test_precommit_applies_the_same_rule(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "practices"
    folder.mkdir()
    (folder / "Groot.MD").write_text(practice_text(), encoding="utf-8")
    (folder / "index.md").write_text(practice_text(), encoding="utf-8")
    assert precommit(["practices/Groot.MD", "practices/index.md"]) == 1
    out = capsys.readouterr().out
    assert "practices/Groot.MD:1: bestand:" in out and "practices/index.md:1: slug:" in out


def test_quick_digest_sees_subfolders_but_not_skipped_ones(tmp_path):
    """The quick digest (a search's freshness check) follows the scan: a change in a subfolder
    counts, a change in a hidden or underscore folder does not."""
    from build_tools.files import quick_digest

    for sub in ("regio", ".verborgen", "_concept"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "a.md").write_text("een\n")
    before = quick_digest(tmp_path)
    for sub in (".verborgen", "_concept"):
        (tmp_path / sub / "a.md").write_text("iets anders, langer\n")
    assert quick_digest(tmp_path) == before
    (tmp_path / "regio" / "a.md").write_text("iets anders, langer\n")
    assert quick_digest(tmp_path) != before


def test_quick_digests_from_the_helper_process_are_the_digests(tmp_path):
    """QuickDigests takes the digests in a helper process (the module run as a script); they
    are exactly quick_digest's, an unreadable folder gives None, another folder is taken here."""
    from build_tools.folderdigest import QuickDigests, quick_digest

    odd = tmp_path / "map met spatie en ë"
    for folder in (tmp_path / "a", odd):
        (folder / "sub").mkdir(parents=True)
        (folder / "sub" / "x.md").write_text("x\n")
    other = tmp_path / "other"
    other.mkdir()
    with QuickDigests([tmp_path / "a", odd, tmp_path / "missing"]) as digests:
        assert digests._pid is not None  # a helper was started (Linux and macOS have posix_spawn)
        assert digests(tmp_path / "a") == quick_digest(tmp_path / "a")
        assert digests(odd) == quick_digest(odd) is not None
        assert digests(tmp_path / "missing") is None
        assert digests(other) == quick_digest(other)


def test_quick_digests_are_taken_here_when_the_helper_cannot_run_or_fails(tmp_path, monkeypatch):
    from build_tools.folderdigest import QuickDigests, quick_digest

    (tmp_path / "a.md").write_text("a\n")
    expected = quick_digest(tmp_path)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python"))  # posix_spawn fails
    with QuickDigests([tmp_path]) as digests:
        assert digests._pid is None
        assert digests(tmp_path) == expected
    monkeypatch.setattr(sys, "executable", "/bin/false")  # runs, prints nothing, exit code 1
    with QuickDigests([tmp_path]) as digests:
        pid = digests._pid
        assert digests(tmp_path) == expected
    with pytest.raises(ChildProcessError):  # waited for: no zombie left
        os.waitpid(pid, os.WNOHANG)


def test_quick_digests_wait_for_the_helper_when_not_asked(tmp_path):
    from build_tools.folderdigest import QuickDigests

    with QuickDigests([tmp_path]) as digests:
        pid = digests._pid
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
