"""Real ``mkdocs build --strict`` runs: the project's site, hostile practices, and the swap."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.errors import InvalidContentError
from build_tools.load import load_practices
from build_tools.settings import PROJECT_ROOT
from build_tools.site import SiteBuildError, build_site
from build_tools.site_search import NO_DATE, SORT_FILES, pagefind_pages
from build_tools.vocabulary import default_vocabulary

from .conftest import HOSTILE, project_config_copy

pytestmark = pytest.mark.slow
PRACTICES = PROJECT_ROOT / "practices"
URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def project_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("project-site")
    report = build_site(PRACTICES, tmp / "index", tmp / "site", isolated=True)
    return report.site_dir


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile-site")
    return build_site(HOSTILE, tmp / "index", tmp / "site", isolated=True).site_dir


# --- the project's site -------------------------------------------------------------------
def test_every_page_is_there(project_site):
    vocab = default_vocabulary()
    published = load_practices(PRACTICES).published
    for p in published:
        assert (project_site / "praktijken" / p.slug / "index.html").is_file()
    for r in vocab.regions:
        assert (project_site / "regios" / r.slug / "index.html").is_file()
    for t in vocab.themes:
        assert (project_site / "themas" / t.id / "index.html").is_file()
    for page in ("praktijken", "regios", "themas", "dekking", "nieuw", "aanmelden", "bijdragen", "over/sectorplan"):
        assert (project_site / page / "index.html").is_file(), page
    assert (project_site / "index.html").is_file()


def test_dutch_interface_and_pagefind_index(project_site):
    """Pagefind indexes the practice pages only, in Dutch; lunr is gone."""
    home = soup(project_site / "index.html")
    assert home.html["lang"] == "nl"
    entry = json.loads((project_site / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["nl"]
    assert entry["languages"]["nl"]["page_count"] == len(load_practices(PRACTICES).published)
    assert not (project_site / "search" / "search_index.json").exists()
    for page in project_site.rglob("*.html"):
        assert "lunr" not in page.read_text(encoding="utf-8"), page
        is_practice = page.parent.parent.name == "praktijken" and page.parent.name != "pagina"
        assert bool(soup(page).find(attrs={"data-pagefind-body": True})) == is_practice, page


def test_sort_order_files_list_every_practice_in_order(project_site):
    """The search page's sort orders (praktijken/volgorde-*.json) hold the id of every indexed
    practice, newest first and by title; no Pagefind sort keys (they would weigh on every query)."""
    published = {p.slug: p for p in load_practices(PRACTICES).published}
    slug_of = {rid: page["url"].strip("/").split("/")[-1] for rid, page in pagefind_pages(project_site / "pagefind")}
    assert sorted(slug_of.values()) == sorted(published)
    orders = {sort: json.loads((project_site / rel).read_text())["ids"] for sort, rel in SORT_FILES.items()}
    by_title = [published[slug_of[rid]] for rid in orders["titel"]]
    assert len(by_title) == len(published)
    assert [p.title.casefold() for p in by_title] == sorted(p.title.casefold() for p in published.values())
    newest = [published[slug_of[rid]] for rid in orders["nieuwste"]]
    dates = [p.date.isoformat() if p.date else NO_DATE for p in newest]
    assert len(newest) == len(published) and dates == sorted(dates, reverse=True) and len(set(dates)) > 3
    page = (project_site / "praktijken" / published[slug_of[orders["titel"][0]]].slug / "index.html").read_text()
    assert "data-pagefind-sort" not in page


def test_boilerplate_is_not_indexed(project_site):
    """What every practice page says alike (the staleness notice, the info panel's labels, the
    headings of the lists below the body) is left out of the search index and its excerpts."""
    texts = [page["content"] for _rid, page in pagefind_pages(project_site / "pagefind")]
    assert texts and all("Startjaar" not in t and "Vergelijkbare praktijken" not in t for t in texts)
    assert not any("Klopt deze praktijk nog" in t or "voorstellen via GitHub" in t for t in texts)
    stale = [p for p in load_practices(PRACTICES).published if "Klopt deze praktijk nog?" in
             (project_site / "praktijken" / p.slug / "index.html").read_text()]
    assert stale  # the example practices include stale ones, so the check above means something
    assert any(p.organisations[0] in t for p in stale for t in texts)  # the panel's values are indexed


def test_no_third_party_requests(project_site):
    """Nothing on any page is loaded from another host (fonts, scripts, styles, images)."""
    for page in project_site.rglob("*.html"):
        doc = soup(page)
        for tag in doc.find_all(["script", "img", "iframe", "audio", "video", "source"]):
            assert not re.match(r"^(https?:)?//", tag.get("src", "")), (page, tag)
        for link in doc.find_all("link"):
            if set(link.get("rel", [])) & {"stylesheet", "preconnect", "preload", "icon", "dns-prefetch"}:
                assert not re.match(r"^(https?:)?//", link["href"]), (page, link)
        assert "fonts.googleapis" not in str(doc) and "fonts.gstatic" not in str(doc)
        # the repository widget must not fetch facts from the GitHub API
        assert not doc.find(attrs={"data-md-component": "source"})


def test_edit_link_points_to_the_practice_file(project_site):
    practice = load_practices(PRACTICES).published[0]
    doc = soup(project_site / "praktijken" / practice.slug / "index.html")
    edit = doc.find("a", rel="edit")
    assert edit["href"].endswith(f"/edit/main/practices/{practice.slug}.md")
    assert edit["href"].startswith("https://github.com/cedris-kennisbank/kennisbank-goede-praktijken/")
    hand_written = soup(project_site / "bijdragen" / "index.html").find("a", rel="edit")
    assert hand_written["href"].endswith("/edit/main/docs/bijdragen.md")
    assert soup(project_site / "dekking" / "index.html").find("a", rel="edit") is None


def test_practice_page_links_regions_themes_and_similar(project_site):
    vocab = default_vocabulary()
    practice = next(p for p in load_practices(PRACTICES).published if len(p.themes) > 1)
    doc = soup(project_site / "praktijken" / practice.slug / "index.html")
    info = doc.select_one(".kb-info")
    hrefs = [a["href"] for a in info.find_all("a")]
    for region in practice.region:
        assert f"../../regios/{vocab.region(region).slug}/" in hrefs
    for theme in practice.themes:
        assert f"../../themas/{theme}/" in hrefs
    similar = doc.find(id="vergelijkbare-praktijken")
    assert similar is not None
    links = similar.find_next("div", class_="kb-practice-list").find_all("a")
    assert 1 <= len(links) <= 5 and all(a["href"].startswith("../") for a in links)


def test_navigation_is_short_and_explicit(project_site):
    """Individual practice, region and theme pages are not in the menu (fast at scale)."""
    slugs = {p.slug for p in load_practices(PRACTICES).published}
    for page in (project_site / "index.html", project_site / "praktijken" / sorted(slugs)[0] / "index.html"):
        nav = soup(page).select_one("nav.md-nav--primary")
        # menu entries, not the current page's table of contents that Material shows inside it
        links = [a for a in nav.find_all("a", class_="md-nav__link") if not a.find_parent("nav", class_="md-nav--secondary")]
        assert len(links) <= 15
        assert not any(part in slugs for a in links for part in a.get("href", "").split("/"))


def test_coverage_page_marks_empty_regions(project_site):
    vocab = default_vocabulary()
    published = load_practices(PRACTICES).published
    used = {r for p in published for r in p.region}
    doc = soup(project_site / "dekking" / "index.html")
    table = doc.select_one(".kb-matrix-wrap table")
    rows = table.select("tbody tr")
    assert len(rows) == len(vocab.regions)
    empty = {row.th.a.get_text() for row in rows if "kb-row--empty" in row.get("class", [])}
    assert empty == {r for r in vocab.region_names if r not in used}
    wrap = doc.select_one(".kb-matrix-wrap")
    assert wrap["tabindex"] == "0" and wrap["role"] == "region"


# --- feed and open data --------------------------------------------------------------------
@pytest.mark.parametrize("kind, fmt", [("praktijk", "json"), ("praktijk", "csv"),
                                       ("bijeenkomst", "json"), ("bijeenkomst", "csv")])
def test_open_data_downloads_survive_the_build_byte_for_byte(project_site, monkeypatch, kind, fmt):
    """The built site serves exactly what ``kennisbank export`` prints for the same folders."""
    monkeypatch.delenv("KENNISBANK_MEETINGS", raising=False)
    name = {"praktijk": "praktijken", "bijeenkomst": "bijeenkomsten"}[kind]
    result = CliRunner().invoke(cli, ["--practices", str(PRACTICES), "export", "--format", fmt, "--type", kind])
    assert result.exit_code == 0, result.output
    assert (project_site / "open-data" / f"{name}.{fmt}").read_bytes() == result.stdout_bytes


def test_open_data_page_links_its_downloads(project_site):
    doc = soup(project_site / "open-data" / "index.html")
    hrefs = {a["href"] for a in doc.select("article a[download]")}
    assert hrefs == {"praktijken.json", "praktijken.csv", "bijeenkomsten.json", "bijeenkomsten.csv"}
    assert "deze licentie is een voorstel, nog te bevestigen door de beheerders." in doc.get_text()
    nav = soup(project_site / "index.html").select_one("nav.md-nav--primary")
    assert any(a.get_text(strip=True) == "Open data" for a in nav.find_all("a"))


def test_the_atom_feed_is_linked_from_the_new_page_only(project_site):
    feed = project_site / "feed.xml"
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo and parsed.entries
    site_url = "https://cedris-kennisbank.github.io/kennisbank-goede-praktijken/"
    assert all(e.id.startswith(site_url) for e in parsed.entries)
    for entry in parsed.entries:  # every entry points at a page of this site
        path = entry.link.removeprefix(site_url)
        assert (project_site / path / "index.html").is_file(), entry.link
    new = soup(project_site / "nieuw" / "index.html")
    links = new.select('head link[rel="alternate"][type="application/atom+xml"]')
    assert len(links) == 1 and (project_site / "nieuw" / links[0]["href"]).resolve() == feed.resolve()
    shown = new.select_one("article a[type='application/atom+xml']")
    assert (project_site / "nieuw" / shown["href"]).resolve() == feed.resolve()
    # Material downloads sitemap.xml for every <link rel="alternate"> of a page: only the pages of
    # the feeds have one (the agenda: its iCalendar feed)
    with_alternate = {page.relative_to(project_site).as_posix() for page in project_site.rglob("*.html")
                      if soup(page).select('head link[rel="alternate"]')}
    assert with_alternate == {"nieuw/index.html", "agenda/index.html"}


# --- hostile input --------------------------------------------------------------------------
def executable_bits(doc: BeautifulSoup) -> list[str]:
    found = []
    for tag in doc.find_all(True):
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}={value!r}>")
            if name.lower() in URL_ATTRS and re.match(r"^\s*(javascript|data|vbscript):", value, re.I):
                found.append(f"<{tag.name} {name}={value!r}>")
            if name.lower() == "srcdoc":
                found.append(f"<{tag.name} srcdoc>")
        if tag.name in ("iframe", "object", "embed", "svg") and "alert" in str(tag):
            found.append(f"<{tag.name}>")
    for script in doc.find_all("script"):
        if "alert" in (script.string or "") or "alert" in script.get("src", ""):
            found.append(f"<script>{script.string}</script>")
    return found


def test_nothing_executable_lands_anywhere(hostile_site):
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        assert executable_bits(soup(page)) == [], page


def test_hostile_values_show_as_text(hostile_site):
    practice = load_practices(HOSTILE).get("vijandige-titel")
    doc = soup(hostile_site / "praktijken" / "vijandige-titel" / "index.html")
    assert doc.find("h1").get_text().replace("¶", "") == practice.title
    assert doc.title.get_text().startswith(practice.title)
    assert doc.find("meta", attrs={"name": "description"})["content"] == practice.description
    info = doc.select_one(".kb-info").get_text()
    for value in (*practice.organisations, practice.funding, practice.contact.phone, *practice.tags):
        assert value in info
    link = [a for a in doc.select(".kb-info a") if a.get_text() == practice.links[0].title]
    assert link and link[0]["href"].startswith("https://example.org/?q=")
    assert "<script>" not in link[0]["href"] and '"' not in link[0]["href"]


def test_hostile_values_in_the_feed_and_the_downloads_are_text(hostile_site):
    published = load_practices(HOSTILE).published
    xml = (hostile_site / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in xml and "<b>" not in xml
    parsed = feedparser.parse(xml)
    assert not parsed.bozo
    titles = {e.id.rstrip("/").rsplit("/", 1)[1]: e.title for e in parsed.entries}
    assert titles == {p.slug: p.title for p in published if p.last_changed}
    assert '<script>alert("titel")</script> Werk & "zorg" </title><b>' in titles.values()
    data = json.loads((hostile_site / "open-data" / "praktijken.json").read_text(encoding="utf-8"))
    assert {d["slug"]: d["title"] for d in data} == {p.slug: p.title for p in published}


def test_hostile_values_on_the_search_page(hostile_site):
    doc = soup(hostile_site / "praktijken" / "index.html")
    items = doc.select("#zoekresultaten > li")
    assert len(items) == len(load_practices(HOSTILE).published)
    titles = {li.select_one("a").get_text() for li in items}
    assert load_practices(HOSTILE).get("vijandige-titel").title in titles
    for li in items:
        assert set(li.attrs) == {"class"}
    for label in doc.select("label[data-facet-name]"):
        assert set(label.attrs) == {"class", "data-facet-name", "data-facet-value", "data-label", "data-n0"}


def test_markdown_characters_in_values_show_as_typed(hostile_site):
    """Front-matter values that look like Markdown stay text on every page they appear on."""
    practice = load_practices(HOSTILE).get("markdown-tekens")
    page = soup(hostile_site / "praktijken" / "markdown-tekens" / "index.html")
    assert page.find("h1").get_text().replace("¶", "") == practice.title
    info = page.select_one(".kb-info")
    for value in (*practice.organisations, practice.funding, practice.contact.name, practice.contact.phone,
                  *practice.tags):
        assert value in info.get_text(), value
    assert info.find(["em", "strong", "code", "h1"]) is None
    assert all("javascript" not in a["href"] for a in info.find_all("a"))
    overview = soup(hostile_site / "praktijken" / "index.html")
    item = overview.select_one('#zoekresultaten a[href$="markdown-tekens/"]').find_parent("li")
    assert item.select_one("a").get_text() == practice.title
    assert item.select_one(".kb-resultaat__fragment").get_text() == practice.description
    assert item.find(["em", "strong", "code"]) is None
    twente = soup(hostile_site / "regios" / "twente" / "index.html").select_one(".kb-practice-list")
    assert practice.title in twente.get_text() and practice.description in twente.get_text()
    assert twente.find(["strong", "code"]) is None


def test_hostile_body_is_text(hostile_site):
    doc = soup(hostile_site / "praktijken" / "vijandige-tekst" / "index.html")
    article = doc.select_one("article")
    text = article.get_text()
    assert '<script>alert("body")</script>' in text  # shown, not run
    assert '<img src=x onerror="alert(7)">' in text
    assert '<a href="javascript:alert(12)">html-link</a>' in text
    assert article.find("a", string="gewone link")["href"] == "https://example.org/gewoon"
    assert article.find("a", string="link naar een anker")["href"] == "#aanleiding"
    assert article.find("a", string="https://example.org/ok")["href"] == "https://example.org/ok"
    code = article.find("pre").get_text()
    assert '<script>alert("code")</script>' in code


def test_body_attribute_lists_cannot_style_the_page(hostile_site):
    doc = soup(hostile_site / "praktijken" / "vijandige-tekst" / "index.html")
    article = doc.select_one("article")
    assert article.find(style=True) is None
    overlay = article.find("a", string="dekt alles af")
    assert overlay.attrs == {"href": "https://example.org/"}
    assert article.find(id="overlay").attrs == {"id": "overlay"}
    assert not article.select(".md-dialog")


def test_malformed_fences_show_their_script_as_text(hostile_site):
    doc = soup(hostile_site / "praktijken" / "kapotte-codeblokken" / "index.html")
    assert executable_bits(doc) == []
    text = doc.select_one("article").get_text()
    for n in (1, 2, 3, 4, 6, 7):
        assert f'document.title = "GEHACKT-{n}"' in text
    assert "onerror=\"document.title = 'GEHACKT-5'" in text
    # the body's headings are in the page's table of contents
    toc = [a.get_text(strip=True) for a in doc.select("nav.md-nav--secondary a.md-nav__link")]
    assert toc[:2] == ["Gegevens", "Ingesprongen codeblok"] and "Nooit gesloten" in toc


def test_search_values_of_a_hostile_practice_are_text(hostile_site):
    """The hidden Pagefind filters and metadata hold the values as text, nothing else."""
    practice = load_practices(HOSTILE).get("vijandige-titel")
    doc = soup(hostile_site / "praktijken" / "vijandige-titel" / "index.html")
    body = doc.find(attrs={"data-pagefind-body": True})
    values = {}
    for span in body.select("[data-pagefind-filter], [data-pagefind-meta], [data-pagefind-sort]"):
        assert span.find() is None  # no elements inside: the values were escaped
        key = next(f"{k[14:]}:{v}" for k, v in span.attrs.items() if k.startswith("data-pagefind-"))
        values.setdefault(key, []).append(span.get_text())
    assert values["meta:title"] == [practice.title]
    assert values["filter:organisatie"] == list(practice.organisations)
    assert values["meta:toegevoegd"] == [practice.date.isoformat() if practice.date else NO_DATE]
    assert "vijandigheidsproef" in body.get_text()


# --- the swap --------------------------------------------------------------------------------
def test_failed_build_leaves_old_site(tmp_path):
    config = project_config_copy(tmp_path / "project")
    site = tmp_path / "site"
    build_site(HOSTILE, tmp_path / "index", site, config_file=config)
    marker = site / "marker.txt"
    marker.write_text("old")
    (tmp_path / "project" / "docs" / "bijdragen.md").write_text("[kapot](bestaat-niet.md)\n")
    with pytest.raises(SiteBuildError) as info:
        build_site(HOSTILE, tmp_path / "index", site, config_file=config)
    assert "bestaat-niet.md" in str(info.value)
    assert marker.read_text() == "old"
    assert not list(tmp_path.glob("site.*.tmp"))


def test_invalid_content_leaves_old_site(tmp_path, write_practice):
    config = project_config_copy(tmp_path / "project")
    write_practice("goed")
    site = tmp_path / "site"
    build_site(write_practice.folder, tmp_path / "index", site, config_file=config)
    (site / "marker.txt").write_text("old")
    write_practice("fout", year="year: 1800")
    with pytest.raises(InvalidContentError):
        build_site(write_practice.folder, tmp_path / "index", site, config_file=config)
    assert (site / "marker.txt").read_text() == "old"


def test_successful_build_replaces_site(tmp_path, write_practice):
    config = project_config_copy(tmp_path / "project")
    write_practice("goed")
    site = tmp_path / "site"
    build_site(write_practice.folder, tmp_path / "index", site, config_file=config)
    (site / "marker.txt").write_text("old")
    build_site(write_practice.folder, tmp_path / "index", site, config_file=config)
    assert not (site / "marker.txt").exists()
    assert (site / "praktijken" / "goed" / "index.html").is_file()
    assert (tmp_path / "project" / "docs" / "praktijken" / "goed.md").is_file()  # files on disk


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory) -> Path:
    """The project's site with at most 10 practices per Pagefind index (a large site's layout)."""
    from build_tools import site_search

    tmp = tmp_path_factory.mktemp("sharded-site")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(site_search, "SHARD_PAGES", 10)
        return build_site(PRACTICES, tmp / "index", tmp / "site", isolated=True).site_dir


def test_a_large_site_has_several_indexes_that_hold_every_practice_once(sharded_site, project_site):
    """Parts of at most SHARD_PAGES practices, each a complete Pagefind bundle with a word list
    (the words of the other parts it lacks), listed in delen.json; the word lists are no
    practices and leave no page behind."""
    from build_tools.site_search import SHARDS_FILE, index_dirs, site_pages

    published = sorted(p.slug for p in load_practices(PRACTICES).published)
    assert json.loads((project_site / "pagefind" / SHARDS_FILE).read_text()) == {"delen": [], "weglaten": []}
    assert index_dirs(project_site) == [project_site / "pagefind"]
    dirs = index_dirs(sharded_site)
    assert [d.name for d in dirs] == ["pagefind", "pagefind-2", "pagefind-3"]
    skip = json.loads((sharded_site / "pagefind" / SHARDS_FILE).read_text())["weglaten"]
    assert len(skip) == 3
    per_index = [[page["url"].strip("/").split("/")[-1] for rid, page in pagefind_pages(d) if rid not in skip]
                 for d in dirs]
    assert all(0 < len(slugs) <= 10 for slugs in per_index)
    assert sorted(s for slugs in per_index for s in slugs) == published  # each once
    assert sorted(page["url"].strip("/").split("/")[-1] for _rid, page in site_pages(sharded_site)) == published
    words = [{w for rid, page in pagefind_pages(d) for w in page["content"].split() if rid not in skip} for d in dirs]
    for d, own in zip(dirs, words):
        lists = [page for rid, page in pagefind_pages(d) if rid in skip]
        # (compared without full stops: Pagefind ends the record's text with one, as every block)
        listed = {w.rstrip(".") for w in lists[0]["content"].split()}
        assert len(lists) == 1 and listed == {w.rstrip(".") for w in set().union(*words) - own}
        entry = json.loads((d / "pagefind-entry.json").read_text())
        assert entry["languages"]["nl"]["page_count"] == len(per_index[dirs.index(d)]) + 1
    assert not list(sharded_site.glob("kennisbank-woordenlijst-*"))
    ids = {rid for rid, _page in site_pages(sharded_site)}
    for rel in SORT_FILES.values():  # the sort orders cover all indexes, without the word lists
        assert sorted(json.loads((sharded_site / rel).read_text())["ids"]) == sorted(ids)
