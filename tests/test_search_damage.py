"""A damaged index is rebuilt, never a crash on every run; a rebuild deletes only its own folders."""

from __future__ import annotations

import os
import random

import pytest
from click.testing import CliRunner

import search
from build_tools.cli import cli
from search import manifest as mf
from search import store

from .conftest import practice_text


@pytest.fixture
def folders(tmp_path):
    practices = tmp_path / "praktijken"
    practices.mkdir()
    for word in ("fietsen", "koken", "groen", "kringloop"):
        (practices / f"{word}.md").write_text(
            practice_text(title=f"title: Werken met {word} in de wijk")
            + f"\nWe werken hier met {word} en werkgevers.\n", encoding="utf-8")
    index = tmp_path / "index"
    search.update_index(practices, index)
    return practices, index


def segment_files(index):
    gen = store.current_generation(index)
    return [p for p in sorted(gen.iterdir()) if p.suffix in (".seg", ".pst", ".trm", ".fdi", ".pos", ".col", ".toc")]


def damage(path, how):
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    else:
        rng = random.Random(path.name)
        path.write_bytes(bytes(rng.randrange(256) for _ in data))


def invoke(practices, index, *args):
    return CliRunner().invoke(cli, ["--practices", str(practices), "--index", str(index), *args])


@pytest.mark.parametrize("how", ["truncated", "random"])
def test_damaged_segment_files_are_rebuilt_by_search_show_and_index(folders, how):
    practices, index = folders
    files = segment_files(index)
    assert files
    for kind in sorted({p.suffix for p in files}):
        for path in segment_files(index):
            if path.suffix == kind:
                damage(path, how)
        result = invoke(practices, index, "search", "fietsen", "--json")
        assert result.exit_code == 0, result.output
        assert '"slug": "fietsen"' in result.stdout, (kind, result.output)
        assert "beschadigd en is opnieuw opgebouwd" in result.stderr, kind
        search.update_index(practices, index, full=True)
    # `index` does not say "up to date" on a damaged index: it checks the files and rebuilds
    for path in segment_files(index):
        damage(path, how)
    result = invoke(practices, index, "index")
    assert result.exit_code == 0 and "beschadigd" in result.output and "opnieuw opgebouwd" in result.output
    result = invoke(practices, index, "index")
    assert "Zoekindex is actueel" in result.output
    for path in segment_files(index):
        damage(path, how)
    result = invoke(practices, index, "show", "koken")
    assert result.exit_code == 0 and "Vergelijkbare praktijken" in result.stdout, result.output


def test_damage_note_is_on_stderr(folders):
    practices, index = folders
    for path in segment_files(index):
        damage(path, "truncated")
    result = invoke(practices, index, "search", "fietsen")
    assert result.exit_code == 0
    assert "beschadigd" in result.stderr and "opnieuw opgebouwd" in result.stderr


def test_full_rebuild_deletes_only_its_own_generations(folders):
    practices, index = folders
    own_old = store.current_generation(index)
    archive = index / "gen-archief"
    archive.mkdir()
    (archive / "bewaren.txt").write_text("van de gebruiker", encoding="utf-8")
    look_alike = index / "gen-1a2b-99"  # our name pattern, but not made by us (no marker)
    look_alike.mkdir()
    (look_alike / "notities.md").write_text("ook van de gebruiker", encoding="utf-8")
    (index / "lees-mij.txt").write_text("x", encoding="utf-8")
    search.update_index(practices, index, full=True)
    assert not own_old.exists()
    assert (archive / "bewaren.txt").read_text(encoding="utf-8") == "van de gebruiker"
    assert (look_alike / "notities.md").exists() and (index / "lees-mij.txt").exists()
    assert (store.current_generation(index) / mf.MARKER).is_file()


def test_pointer_to_a_users_folder_is_never_used_or_deleted(folders):
    practices, index = folders
    archive = index / "gen-archief"
    archive.mkdir()
    (index / "CURRENT").write_text("gen-archief\n", encoding="utf-8")
    result = search.search(practices, index, "fietsen")
    assert [h.slug for h in result.hits] == ["fietsen"] and result.index_report.rebuilt
    assert archive.is_dir()
    assert os.path.basename(store.current_generation(index)) != "gen-archief"
