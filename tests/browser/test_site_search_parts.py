"""A large site's search: several Pagefind indexes (build_tools/site_search.py, SHARD_PAGES),
merged in the browser, find exactly what one index finds.

The project's example practices are built a second time with at most 10 practices per index
(three indexes) and served beside the normal build; the same searches on both must show the
same practices, counts and facet counts (the order by relevance may differ a little: each index
scores with its own word statistics)."""

from __future__ import annotations

import pytest

from build_tools.settings import PROJECT_ROOT
from build_tools.site import build_site
from tests.browser.conftest import count_text, result_slugs, serve_site, with_word_starting

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sharded_url(tmp_path_factory):
    from build_tools import site_search

    tmp = tmp_path_factory.mktemp("sharded")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(site_search, "SHARD_PAGES", 10)
        site = build_site(PROJECT_ROOT / "practices", tmp / "index", tmp / "site", isolated=True).site_dir
    assert len(site_search.index_dirs(site)) == 3
    yield from serve_site(site, tmp / "host")


@pytest.fixture
def sharded_page(browser):
    """A page for the site with several indexes (the ``page`` fixture belongs to ``site_url``)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_timeout(15000)
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda msg: pg.errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("response", lambda resp: pg.errors.append(f"{resp.url}: HTTP {resp.status}") if resp.status >= 400 else None)
    yield pg
    context.close()


def facet_counts(page) -> dict[str, str]:
    return dict(page.locator("label[data-facet-name]").evaluate_all(
        "els => els.map(l => [l.dataset.facetName + '=' + l.dataset.facetValue,"
        " (l.querySelector('[data-n]') || {}).textContent || ''])"))


def shown(page, url: str, query: str):
    page.goto(f"{url}praktijken/{query}")
    slugs = result_slugs(page)
    return (slugs if "sort=" in query else sorted(slugs), count_text(page), facet_counts(page),
            page.locator("#zoeksuggestie").inner_text())


@pytest.mark.parametrize("query", ["?q=werk", "?q=werkgevers&sort=titel", "?thema=beschut-werk",
                                   "?q=dagbesteding&regio=twente&regio=groningen", "?q=fietsen&sort=nieuwste",
                                   "?q=dagbesteeding"])
def test_merged_indexes_find_what_one_index_finds(page, site_url, sharded_page, sharded_url, query):
    merged, single = shown(sharded_page, sharded_url, query), shown(page, site_url, query)
    assert merged[:2] == single[:2] and merged[3] == single[3]
    assert {k: (v, single[2][k]) for k, v in merged[2].items() if v != single[2][k]} == {}
    assert sharded_page.errors == [] and page.console_errors == []


def test_header_box_searches_every_index(sharded_page, sharded_url):
    page = sharded_page
    page.goto(sharded_url)
    page.fill("#kb-kopzoek-q", "werk")
    page.keyboard.press("Enter")
    page.wait_for_url("**/praktijken/?q=werk")
    slugs = set(result_slugs(page))
    assert slugs == with_word_starting("werk") and len(slugs) > 10  # more than one index holds them
    assert count_text(page).startswith(f"{len(slugs)} praktijk") and page.errors == []
