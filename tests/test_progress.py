"""The progress protocol of the library (build_tools.progress): which stages are reported, in
which order, with which counts, on a small folder (real loading, index, pages and site)."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

import pytest

from build_tools.load import load
from build_tools.pages import generate_pages
from build_tools.progress import CHECKING, INDEXING, LOADING, PAGES, SITE, SITE_WRITING, STAGES
from build_tools.site import build_site
from search import update_index

from .conftest import project_config_copy, write_practices


class Recorder:
    """A progress callback that keeps every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int | None]] = []

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        self.calls.append((stage, done, total))

    @property
    def stages(self) -> list[str]:
        return [stage for stage, _group in groupby(call[0] for call in self.calls)]

    def of(self, stage: str) -> list[tuple[int, int | None]]:
        return [(done, total) for name, done, total in self.calls if name == stage]


def assert_counts_go_up(calls: list[tuple[int, int | None]]) -> None:
    assert calls[0][0] == 0, calls
    done = [d for d, _t in calls]
    assert done == sorted(done), calls
    for d, total in calls:
        assert total is None or d <= total, calls


def test_loading_reports_the_listing_then_every_file(tmp_path):
    folder = write_practices(tmp_path / "practices")
    progress = Recorder()
    result = load(folder, progress=progress)
    assert result.files == 3
    assert progress.calls == [
        (LOADING, 0, None), (LOADING, 3, 3),
        (CHECKING, 0, 3), (CHECKING, 1, 3), (CHECKING, 2, 3), (CHECKING, 3, 3),
    ]


def test_loading_an_empty_folder_reports_zero_of_zero(tmp_path):
    (tmp_path / "practices").mkdir()
    progress = Recorder()
    load(tmp_path / "practices", progress=progress)
    assert progress.calls == [(LOADING, 0, None), (LOADING, 0, 0), (CHECKING, 0, 0)]


def test_a_full_index_reports_checking_then_every_practice_written(tmp_path):
    folder = write_practices(tmp_path / "practices")
    progress = Recorder()
    report = update_index(folder, tmp_path / "index", full=True, progress=progress)
    assert report.total == 3
    assert progress.stages == [CHECKING, INDEXING]
    assert progress.of(INDEXING) == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_an_up_to_date_index_reports_nothing(tmp_path):
    folder = write_practices(tmp_path / "practices")
    update_index(folder, tmp_path / "index")
    progress = Recorder()
    update_index(folder, tmp_path / "index", progress=progress)
    assert progress.calls == []


def test_no_callback_is_the_same_work(tmp_path):
    folder = write_practices(tmp_path / "practices")
    assert [p.slug for p in load(folder).practices] == [p.slug for p in load(folder, progress=Recorder()).practices]


def test_pages_report_their_start_then_every_page_written(tmp_path):
    folder = write_practices(tmp_path / "practices")
    loaded = load(folder)
    progress = Recorder()
    report = generate_pages(loaded, tmp_path / "docs", index_dir=tmp_path / "index", repo_url=None, contact={},
                            progress=progress)
    pages = len(report.written) + len(report.unchanged)
    assert progress.stages == [PAGES]
    assert progress.of(PAGES) == [(0, None)] + [(n, pages) for n in range(pages + 1)]


@pytest.mark.slow
def test_a_site_build_goes_through_every_stage_in_order(tmp_path):
    folder = write_practices(tmp_path / "practices")
    config = project_config_copy(tmp_path / "project")
    progress = Recorder()
    report = build_site(folder, tmp_path / "index", tmp_path / "site", config_file=config, isolated=True,
                        progress=progress)
    assert progress.stages == list(STAGES)
    for stage in STAGES:
        assert_counts_go_up(progress.of(stage))
    assert progress.of(INDEXING)[-1] == (3, 3)  # a new index: every practice written
    read, written = progress.of(SITE)[-1][0], progress.of(SITE_WRITING)[-1]
    assert written == (read, read)  # MkDocs wrote every page it read
    assert read >= 3 + 1  # the three practice pages and at least the home page
    assert (Path(report.site_dir) / "praktijken" / "fietsen-twente" / "index.html").is_file()
