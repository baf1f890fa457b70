"""Index lifecycle: incremental updates, staleness, corruption, schema versions, lock, atomic rebuild."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import search
from build_tools.errors import InvalidContentError
from search import store
from search.lock import LOCK_TIMEOUT_ENV
from search.manifest import Manifest


def practice(title: str, body: str, *, region: str = "Twente", themes: str = "[beschut-werk]",
             org: str = "Werkbedrijf Test", year: int = 2018, extra: str = "") -> str:
    return textwrap.dedent(f"""\
        ---
        title: {title}
        description: Een korte samenvatting van deze praktijk voor de test van de zoekindex.
        region: {region}
        themes: {themes}
        organisations: [{org}]
        year: {year}
        {extra}
        ---

        {body}
        """)


def write(folder: Path, slug: str, text: str) -> Path:
    path = folder / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folders(tmp_path):
    practices = tmp_path / "praktijken"
    practices.mkdir()
    write(practices, "fietsen", practice("Fietsenwerkplaats in Almelo", "We repareren fietsen met medewerkers."))
    write(practices, "catering", practice("Leerrestaurant in Arnhem", "Koken en serveren als leerwerkplek."))
    write(practices, "groen", practice("Groenonderhoud in Ede", "Groepsdetachering bij gemeenten in het groen."))
    return practices, tmp_path / "index"


def slugs(practices, index, query):
    return [h.slug for h in search.search(practices, index, query, limit=50).hits]


def test_first_run_builds_then_nothing_to_do(folders):
    practices, index = folders
    first = search.update_index(practices, index)
    assert first.rebuilt and first.total == 3
    second = search.update_index(practices, index)
    assert not second.updated and second.total == 3


def test_incremental_add_change_delete(folders):
    practices, index = folders
    search.update_index(practices, index)
    gen = store.current_generation(index)

    write(practices, "kringloop", practice("Kringloopwinkel in Emmen", "Een winkel met tweedehands spullen."))
    report = search.update_index(practices, index)
    assert (report.added, report.changed, report.removed, report.rebuilt) == (1, 0, 0, False)
    assert store.current_generation(index) == gen  # updated in place, not rebuilt
    assert slugs(practices, index, "kringloopwinkels") == ["kringloop"]

    write(practices, "fietsen", practice("Fietsenwerkplaats in Almelo", "Nu ook met scooters en brommers."))
    report = search.update_index(practices, index)
    assert (report.added, report.changed, report.removed) == (0, 1, 0)
    assert slugs(practices, index, "scooters") == ["fietsen"]

    (practices / "groen.md").unlink()
    report = search.update_index(practices, index)
    assert (report.added, report.changed, report.removed) == (0, 0, 1)
    assert slugs(practices, index, "groepsdetachering") == []
    assert report.total == 3


def test_only_files_with_new_stat_are_read_and_same_content_is_not_reindexed(folders, monkeypatch):
    import build_tools.load
    from search import manifest as manifest_module

    monkeypatch.setattr(manifest_module, "RACY_NS", 0)  # files written a moment ago count as settled
    practices, index = folders
    search.update_index(practices, index)
    path = practices / "catering.md"
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))  # touched, same content
    read = []
    real = build_tools.load.read_source_file
    monkeypatch.setattr(build_tools.load, "read_source_file", lambda found, f, *a: read.append(f.rel) or real(found, f, *a))
    report = search.update_index(practices, index)
    assert read == ["catering.md"]
    assert not report.updated
    # the manifest now has the new stamp, so the next check is the cheap one
    gen = store.current_generation(index)
    assert store.is_fresh(Manifest.read(gen), store.scan(practices))


def test_an_edit_that_keeps_size_and_mtime_is_seen(folders):
    """``cp -p`` / ``rsync -t``: same size and mtime, other content (ctime and inode differ)."""
    practices, index = folders
    search.update_index(practices, index)
    path = practices / "fietsen.md"
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    replaced = text.replace("fietsen met", "scooters en")
    assert len(replaced) == len(text)
    copy = practices.parent / "kopie.md"
    copy.write_text(replaced, encoding="utf-8")
    os.utime(copy, ns=(st.st_atime_ns, st.st_mtime_ns))
    subprocess.run(["cp", "-p", str(copy), str(path)], check=True)
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    assert slugs(practices, index, "scooters") == ["fietsen"]


def test_an_edit_in_the_same_clock_tick_is_seen(folders):
    """A second write in the same tick as the one that was indexed keeps every stamp; files
    changed that recently are compared by content."""
    practices, index = folders
    found = store.scan(practices)
    search.update_index(found, index)
    path = practices / "groen.md"
    text = path.read_text(encoding="utf-8")
    with open(path, "r+", encoding="utf-8") as fh:  # same inode, same size
        fh.write(text.replace("Groepsdetachering", "Groepsuitzending!"))
    same_stamps = store.FolderScan(found.folder, list(found.files), [], found.started_ns)
    assert store.fresh_report(index, same_stamps) is None
    assert slugs(practices, index, "groepsuitzending") == ["groen"]


def test_search_brings_a_stale_index_up_to_date(folders):
    practices, index = folders
    search.update_index(practices, index)
    write(practices, "nieuw", practice("Zorgboerderij in Groningen", "Werken met dieren op de boerderij."))
    result = search.search(practices, index, "zorgboerderijen")
    assert [h.slug for h in result.hits] == ["nieuw"]
    assert result.index_report.added == 1


def test_search_on_missing_index_builds_it(folders):
    practices, index = folders
    result = search.search(practices, index, "fietsen")
    assert result.index_report.rebuilt and [h.slug for h in result.hits] == ["fietsen"]


def test_drafts_never_enter_the_index(folders):
    practices, index = folders
    write(practices, "concept", practice("Geheime zorgboerderij", "Nog niet af.", extra="draft: true"))
    report = search.update_index(practices, index)
    assert report.drafts == 1 and report.total == 3
    assert slugs(practices, index, "zorgboerderij") == []
    # a published practice that becomes a draft leaves the index
    write(practices, "fietsen", practice("Fietsenwerkplaats in Almelo", "Fietsen.", extra="draft: true"))
    search.update_index(practices, index)
    assert slugs(practices, index, "fietsenwerkplaats") == []


def test_invalid_content_update_index_raises_and_writes_nothing(folders):
    practices, index = folders
    search.update_index(practices, index)
    manifest_before = (store.current_generation(index) / "manifest.json").read_bytes()
    write(practices, "kapot", "---\ntitle: x\n---\n\nTekst.\n")
    write(practices, "nieuw", practice("Kringloopwinkel in Emmen", "Tweedehands."))
    with pytest.raises(InvalidContentError) as info:
        search.update_index(practices, index)
    assert any("kapot.md" in p.path for p in info.value.problems)
    assert (store.current_generation(index) / "manifest.json").read_bytes() == manifest_before
    # the problems of an unchanged invalid file are still reported the next time
    with pytest.raises(InvalidContentError):
        search.update_index(practices, index)


def test_search_skips_invalid_files_and_counts_them(folders):
    practices, index = folders
    write(practices, "kapot", "---\ntitle: x\n---\n\nTekst over fietsen.\n")
    result = search.search(practices, index, "fietsen")
    assert [h.slug for h in result.hits] == ["fietsen"]
    assert result.index_report.skipped == 1
    # still counted on the fast path (nothing changed)
    assert search.search(practices, index, "fietsen").index_report.skipped == 1
    with pytest.raises(InvalidContentError):
        search.update_index(practices, index)


def test_duplicate_slug_in_subfolder_is_invalid(folders):
    practices, index = folders
    write(practices / "sub", "fietsen", practice("Nog een fietsenwerkplaats", "Dubbel."))
    with pytest.raises(InvalidContentError) as info:
        search.update_index(practices, index)
    assert any(p.field == "slug" for p in info.value.problems)
    (practices / "sub" / "fietsen.md").unlink()
    assert search.update_index(practices, index).total == 3


@pytest.mark.parametrize("damage", ["manifest", "whoosh-files", "pointer", "generation-gone"])
def test_corrupt_index_is_detected_and_rebuilt(folders, damage):
    practices, index = folders
    search.update_index(practices, index)
    gen = store.current_generation(index)
    if damage == "manifest":
        (gen / "manifest.json").write_text("{kapot", encoding="utf-8")
    elif damage == "whoosh-files":
        for f in gen.iterdir():
            if f.name != "manifest.json":
                f.write_bytes(b"\x00garbage")
    elif damage == "pointer":
        (index / "CURRENT").write_text("../../etc", encoding="utf-8")
    else:
        import shutil

        shutil.rmtree(gen)
    result = search.search(practices, index, "fietsen")
    assert [h.slug for h in result.hits] == ["fietsen"]
    assert result.index_report.rebuilt
    assert "opnieuw opgebouwd" in result.index_report.message
    assert search.update_index(practices, index).updated is False


def test_damaged_whoosh_files_are_rebuilt_by_update_index(folders):
    practices, index = folders
    search.update_index(practices, index)
    gen = store.current_generation(index)
    for f in gen.glob("*.toc"):
        f.write_bytes(b"kapot")
    write(practices, "nieuw", practice("Kringloopwinkel in Emmen", "Tweedehands."))
    report = search.update_index(practices, index)
    assert report.rebuilt and "beschadigd" in report.reason
    assert slugs(practices, index, "kringloopwinkel") == ["nieuw"]


def test_older_schema_version_is_rebuilt(folders):
    practices, index = folders
    search.update_index(practices, index)
    gen = store.current_generation(index)
    manifest = Manifest.read(gen)
    manifest.schema = search.SCHEMA_VERSION - 1
    manifest.write(gen)
    report = search.update_index(practices, index)
    assert report.rebuilt and "andere versie" in report.reason
    assert store.current_generation(index) != gen
    assert Manifest.read(store.current_generation(index)).schema == search.SCHEMA_VERSION


def test_index_for_another_folder_is_rebuilt(folders, tmp_path):
    practices, index = folders
    search.update_index(practices, index)
    other = tmp_path / "andere"
    write(other, "solo", practice("Kringloopwinkel in Emmen", "Tweedehands."))
    report = search.update_index(other, index)
    assert report.rebuilt and report.total == 1


HOLD_LOCK = """
import sys, time
from search.lock import index_lock
with index_lock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(30)
"""


@pytest.fixture
def lock_holder(folders):
    practices, index = folders
    search.update_index(practices, index)
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(index)], stdout=subprocess.PIPE, text=True,
                            cwd=Path(search.__file__).parent.parent)
    assert proc.stdout.readline().strip() == "locked"
    yield proc
    proc.kill()
    proc.wait()


def test_lock_held_by_another_process_gives_a_clear_message(folders, lock_holder, monkeypatch):
    practices, index = folders
    monkeypatch.setenv(LOCK_TIMEOUT_ENV, "0.3")
    write(practices, "nieuw", practice("Kringloopwinkel in Emmen", "Tweedehands."))  # stale: needs the lock
    with pytest.raises(search.IndexLockedError) as info:
        search.update_index(practices, index)
    message = str(info.value)
    assert f"is in gebruik (proces {lock_holder.pid})" in message
    assert "wordt al bijgewerkt door een ander proces" in message
    # once the other process is done, the update goes through
    lock_holder.kill()
    lock_holder.wait()
    assert search.update_index(practices, index).added == 1


def test_fresh_index_can_be_searched_while_locked(folders, lock_holder, monkeypatch):
    practices, index = folders
    monkeypatch.setenv(LOCK_TIMEOUT_ENV, "0.3")
    assert slugs(practices, index, "fietsen") == ["fietsen"]


def test_full_rebuild_is_swapped_in_atomically(folders):
    practices, index = folders
    search.update_index(practices, index)
    old_gen = store.current_generation(index)
    from search import query

    # a reader that opened the old generation keeps working during and after the swap
    reader = query.IndexSearcher(store.open_index(index))
    report = search.update_index(practices, index, full=True)
    assert report.rebuilt
    new_gen = store.current_generation(index)
    assert new_gen != old_gen and not old_gen.exists()
    assert [h.slug for h in reader.search("fietsen").hits] == ["fietsen"]
    reader.close()
    assert sorted(p.name for p in index.iterdir() if p.name.startswith("gen-")) == [new_gen.name]


def test_failed_full_rebuild_leaves_the_old_index_in_place(folders, monkeypatch):
    practices, index = folders
    search.update_index(practices, index)
    old_gen = store.current_generation(index)
    from search import schema

    calls = []

    def failing_document(practice, rel):
        calls.append(rel)
        if len(calls) == 2:
            raise RuntimeError("stroom uitgevallen")
        return real_document(practice, rel)

    real_document = schema.document
    monkeypatch.setattr(schema, "document", failing_document)
    with pytest.raises(RuntimeError):
        search.update_index(practices, index, full=True)
    monkeypatch.setattr(schema, "document", real_document)
    assert store.current_generation(index) == old_gen
    assert sorted(p.name for p in index.iterdir() if p.name.startswith("gen-")) == [old_gen.name]
    assert slugs(practices, index, "fietsen") == ["fietsen"]


def test_incremental_commit_never_optimizes(folders, monkeypatch):
    practices, index = folders
    search.update_index(practices, index)
    from whoosh.writing import SegmentWriter

    seen = []
    real_commit = SegmentWriter.commit

    def commit(self, *args, **kwargs):
        seen.append(kwargs.get("optimize", False))
        return real_commit(self, *args, **kwargs)

    monkeypatch.setattr(SegmentWriter, "commit", commit)
    write(practices, "nieuw", practice("Kringloopwinkel in Emmen", "Tweedehands."))
    search.update_index(practices, index)
    assert seen == [False]


def test_facets_stored_with_each_commit_are_those_of_the_postings(tmp_path):
    from search import manifest as mf
    from search.query import IndexSearcher

    practices, index = tmp_path / "p", tmp_path / "ix"
    practices.mkdir()
    write(practices, "fietsen", practice("Fietsen repareren in Twente", "Fietsen en werk."))
    write(practices, "groen", practice("Groenonderhoud in Groningen", "Groen werk.", region="Groningen",
                                       themes="[dagbesteding, beschut-werk]"))

    def check():
        gen = store.current_generation(index)
        with IndexSearcher(store.open_index(index)) as searcher:
            stored = mf.read_facets(gen, searcher.searcher.reader().generation())
            assert stored == searcher.facet_masks()
            return stored

    search.update_index(practices, index)
    assert check()[("region", "Groningen")] and check()[("type", "praktijk")]
    (practices / "groen.md").unlink()  # an incremental commit (a deletion) renumbers nothing but deletes
    search.update_index(practices, index)
    assert not check()[("region", "Groningen")]
    # facets of another commit are never used
    gen = store.current_generation(index)
    with IndexSearcher(store.open_index(index)) as searcher:
        assert mf.read_facets(gen, searcher.searcher.reader().generation() + 1) is None
    result = search.search(practices, index, "werk")
    assert result.facets["region"] == {"Twente": 1}
