"""The freshness stamp: a shortcut for the freshness check that never gives a wrong answer."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import search
from search import manifest as mf
from search import store
from tests.conftest import practice_text


@pytest.fixture
def folders(tmp_path):
    practices = tmp_path / "p"
    practices.mkdir()
    for i, word in enumerate(["fietsen", "koken", "groen"]):
        (practices / f"{word}.md").write_text(
            practice_text(title=f"title: Werken met {word} in de wijk nummer {i}"), encoding="utf-8")
    return practices, tmp_path / "ix"


def test_fresh_index_answers_from_the_stamp(folders, monkeypatch):
    practices, index = folders
    search.update_index(practices, index)
    assert (store.current_generation(index) / mf.STAMP).exists()

    def no_manifest(gen):
        raise AssertionError("manifest read although the stamp says fresh")

    monkeypatch.setattr(mf.Manifest, "read", no_manifest)
    report = store.ensure_index(index, store.scan(practices))  # what a search does first
    assert not report.updated and report.total == 3


def test_changed_file_is_seen_despite_the_stamp(folders):
    practices, index = folders
    search.update_index(practices, index)
    path = practices / "koken.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nNu ook met soep.\n", encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    report = search.update_index(practices, index)
    assert report.changed == 1
    assert [h.slug for h in search.search(practices, index, "soep").hits] == ["koken"]


@pytest.mark.parametrize("damage", [b"", b"{", b"[]", b'{"schema": 1}', b'{"counts": "x"}'])
def test_damaged_stamp_means_the_full_check(folders, damage):
    practices, index = folders
    search.update_index(practices, index)
    stamp = store.current_generation(index) / mf.STAMP
    stamp.write_bytes(damage)
    report = search.update_index(practices, index)
    assert not report.updated and report.total == 3
    # the full check wrote a good stamp again
    assert mf.read_stamp(store.current_generation(index), mf.folder_key(practices), store.scan(practices))


def test_stamp_of_a_replaced_manifest_is_ignored(folders):
    practices, index = folders
    search.update_index(practices, index)
    gen = store.current_generation(index)
    manifest = mf.Manifest.read(gen)
    del manifest.files["groen.md"]  # the manifest no longer knows this file
    manifest.write(gen)
    assert mf.read_stamp(gen, mf.folder_key(practices), store.scan(practices)) is None
    report = search.update_index(practices, index)
    assert report.added == 1 and report.total == 3


def test_other_folder_is_not_fresh(folders, tmp_path):
    practices, index = folders
    search.update_index(practices, index)
    other = tmp_path / "kopie"
    other.mkdir()
    for path in practices.iterdir():
        (other / path.name).write_bytes(path.read_bytes())
        os.utime(other / path.name, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))
    assert [f.rel for f in store.scan(other).files] == [f.rel for f in store.scan(practices).files]
    assert store.fresh_report(index, store.scan(other)) is None
    assert search.update_index(other, index).rebuilt


def test_search_after_search_needs_no_scan(folders, monkeypatch):
    practices, index = folders
    monkeypatch.setattr(mf, "RACY_NS", 0)  # the files were written long enough before the scan
    search.search(practices, index, "koken")  # writes the stamp with the quick digest
    import build_tools.files

    def no_scan(*args, **kwargs):
        raise AssertionError("scanned although the quick digest says fresh")

    monkeypatch.setattr(build_tools.files, "scan", no_scan)
    result = search.search(practices, index, "koken")
    assert [h.slug for h in result.hits] == ["koken"] and not result.index_report.updated


def test_edit_keeping_size_and_mtime_is_seen_without_a_scan(folders):
    practices, index = folders
    search.search(practices, index, "koken")
    path = practices / "koken.md"
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("koken", "bakte"), encoding="utf-8")  # same length
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # the ctime still changes
    assert path.stat().st_size == st.st_size
    result = search.search(practices, index, "bakte")
    assert [h.slug for h in result.hits] == ["koken"] and result.index_report.changed == 1


def test_recent_files_are_checked_by_a_scan_until_they_are_old_enough(folders, monkeypatch):
    practices, index = folders
    search.search(practices, index, "koken")  # files written just now: all too recent to trust
    gen = store.current_generation(index)
    stamp = json.loads((gen / mf.STAMP).read_bytes())
    assert set(stamp["racy"]) == {"fietsen.md", "koken.md", "groen.md"}
    # a file changed in the clock tick of its stamp keeps its stat: only its content tells
    assert store.quick_report(index, practices) is None
    # once they are old enough (here: no window at all), the next search writes a stamp without
    # them, and the one after that needs no scan
    monkeypatch.setattr(mf, "RACY_NS", 0)
    search.search(practices, index, "koken")
    assert json.loads((gen / mf.STAMP).read_bytes())["racy"] == {}
    assert store.quick_report(index, practices) is not None


def test_added_and_removed_files_are_seen_without_a_scan(folders):
    practices, index = folders
    search.search(practices, index, "koken")
    (practices / "nieuw.md").write_text(practice_text(title="title: Werken met soep in de wijk"), encoding="utf-8")
    assert store.quick_report(index, practices) is None
    result = search.search(practices, index, "soep")
    assert [h.slug for h in result.hits] == ["nieuw"] and result.index_report.added == 1
    (practices / "nieuw.md").unlink()
    assert search.search(practices, index, "soep").total == 0


def test_an_error_from_the_index_as_it_was_does_not_count_when_it_was_stale(folders, monkeypatch):
    """A search first runs on the index as it is while the folder's digest is taken; when the
    index turns out stale, that outcome (here: an organisation it does not know yet) is dropped
    and the search runs again on the updated index."""
    practices, index = folders
    monkeypatch.setattr(mf, "RACY_NS", 0)
    search.search(practices, index, "koken")
    with pytest.raises(search.UnknownFilterValueError):
        search.search(practices, index, "", organisation="Fietsfabriek Oost")
    (practices / "nieuw.md").write_text(
        practice_text(organisations="organisations: [Fietsfabriek Oost]"), encoding="utf-8")
    result = search.search(practices, index, "", organisation="Fietsfabriek Oost")
    assert [h.slug for h in result.hits] == ["nieuw"] and result.index_report.added == 1
