"""Keywords: the practice pages link each keyword to its section on the keyword index page that
Material's tags plugin builds (real ``mkdocs build --strict`` of practices with awkward keywords)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from bs4 import BeautifulSoup
from material.plugins.tags.config import TagsConfig
from mkdocs.config import load_config

from build_tools.load import load_practices
from build_tools.pages.tags import (ANCHOR_FORMAT, INDEX_PAGE, SLUG_SEPARATOR, SLUGIFY, anchor, keyword_index,
                                    plugin_name)
from build_tools.settings import PROJECT_ROOT
from build_tools.site import build_site


KEYWORDS = Path(__file__).resolve().parent / "data" / "site" / "keywords"
AWKWARD = ["Jobcoach", "job coach", "C++", "<b>vet</b>", "AT&T", "hygiëne", "collega's", "{x}", "tag:x",
           'a" onmouseover="alert(1)', "a  b", "Snel & goed", "<!-- material/tags -->"]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# --- the rule ---------------------------------------------------------------------------------
def test_anchors_follow_the_plugin_settings_of_the_site():
    """build_tools/pages/tags.py makes the links; the plugin makes the sections. Both must slug alike."""
    config = load_config(str(PROJECT_ROOT / "mkdocs.yml"))
    plugin = next(p for name, p in config.plugins.items() if name.endswith("tags"))
    defaults = TagsConfig()
    defaults.load_dict({})
    defaults.validate()
    for settings in (plugin.config, defaults):
        assert settings.tags_slugify_format == ANCHOR_FORMAT
        assert settings.tags_slugify_separator == SLUG_SEPARATOR
        assert not settings.tags_hierarchy
        for tag in AWKWARD:
            name = plugin_name(tag)
            assert settings.tags_slugify_format.format(slug=settings.tags_slugify(name, SLUG_SEPARATOR)) \
                == ANCHOR_FORMAT.format(slug=SLUGIFY(name, SLUG_SEPARATOR)) == anchor(tag)
    assert {"Trefwoorden": INDEX_PAGE} in config.nav


def test_spellings_with_one_anchor_are_one_keyword():
    index = keyword_index(load_practices(KEYWORDS).published)
    names = {k.anchor: (k.name, k.count) for k in index.keywords}
    assert names["tag:jobcoach"] == ("jobcoach", 3)  # Jobcoach, jobcoach, JOBCOACH: most used wins
    assert names["tag:c"][1] == 2  # C++ and C
    assert len(names) == len(index.keywords)  # one keyword per anchor
    drie = [k.name for k in index.by_practice["drie"]]
    assert drie.count("jobcoach") == 1  # listed twice in the file, shown once


def test_keywords_without_letters_are_text():
    index = keyword_index(load_practices(KEYWORDS).published)
    assert anchor("!!!") is None and anchor("🙂") is None and anchor(" -- ") is None
    texts = [k.name for k in index.by_practice["een"] if k.anchor is None]
    assert texts == ["!!!"]
    assert all(k.anchor for k in index.keywords)


# --- the built site ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def keyword_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("keyword-site")
    return build_site(KEYWORDS, tmp / "index", tmp / "site", isolated=True).site_dir


def keyword_links(site: Path, slug: str) -> list[tuple[str, str]]:
    page = soup(site / "praktijken" / slug / "index.html")
    return [(a.get_text(), a["href"]) for a in page.select(".kb-info a.kb-tag")]


def section(index_page: BeautifulSoup, anchor_id: str):
    found = index_page.find_all(id=anchor_id)
    assert len(found) == 1, anchor_id
    return found[0]


@pytest.mark.slow
def test_every_keyword_link_lands_on_a_section_listing_the_practice(keyword_site):
    index_page = soup(keyword_site / "trefwoorden" / "index.html")
    practices = load_practices(KEYWORDS).published
    for p in practices:
        links = keyword_links(keyword_site, p.slug)
        assert links, p.slug
        page_url = f"https://example.org/praktijken/{p.slug}/"
        for _text, href in links:
            target = urljoin(page_url, href)
            assert target.startswith("https://example.org/trefwoorden/#"), href
            heading = section(index_page, unquote(target.split("#", 1)[1]))
            listed = heading.find_next("ul").find_all("a")
            assert any(a["href"].rstrip("/").endswith(f"praktijken/{p.slug}") for a in listed), (p.slug, href)


@pytest.mark.slow
def test_keywords_show_as_typed(keyword_site):
    practice = load_practices(KEYWORDS).get("een")
    info = soup(keyword_site / "praktijken" / "een" / "index.html").select_one(".kb-info")
    shown = [t.get_text() for t in info.select(".kb-tag")]
    for tag in ("C", "<B>VET</B>", "AT&T", "hygiëne", "collega's", "{x}", "*t*", "[link](javascript:alert(2))",
                'a" onmouseover="alert(1)', "!!!"):
        assert tag in shown, tag
    assert len(shown) == len(practice.tags)  # C++ shown as the spelling C, Jobcoach as jobcoach
    assert info.find(["b", "em", "strong", "script"]) is None
    assert all(set(a.attrs) == {"class", "href"} for a in info.select("a.kb-tag"))
    index_page = soup(keyword_site / "trefwoorden" / "index.html")
    article = index_page.select_one("article")
    assert article.find(["b", "script"]) is None and not article.find(attrs={"onmouseover": True})
    headings = [h.get_text().replace("¶", "").strip() for h in article.select('h3[id^="tag:"]')]
    assert "<!-- material/tags -->" in headings and "<B>VET</B>" in headings
    chips = [a.contents[0].get_text() for a in article.select(".kb-keywords a")]
    assert chips == headings  # the A to Z list and the sections in one order


@pytest.mark.slow
def test_keyword_page_without_keywords(tmp_path, write_practice):
    write_practice("zonder-trefwoorden")
    site = build_site(write_practice.folder, tmp_path / "index", tmp_path / "site", isolated=True).site_dir
    article = soup(site / "trefwoorden" / "index.html").select_one("article")
    assert "nog geen praktijken met trefwoorden" in article.get_text()
    assert article.select('[id^="tag:"]') == []
