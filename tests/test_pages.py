"""The page generator: which files it writes, when it writes them, and what they contain."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from build_tools.errors import InvalidContentError
from build_tools.load import load
from build_tools.pages import MANIFEST_NAME, PageGenerationError, generate_pages
from build_tools.pages.safety import is_safe_url, md_url, safe_body
from build_tools.templating import markdown_text
from build_tools.vocabulary import default_vocabulary

TODAY = dt.date(2026, 6, 1)
VOCAB = default_vocabulary()


@pytest.fixture
def folder(write_practice):
    write_practice("werkfit-twente", title="title: Werkfit in Twente", region="region: Twente",
                   themes="themes: [beschut-werk, jongeren]", year="year: 2016")
    write_practice("oud-en-vergeten", title="title: Een oude praktijk in Zeeland", region="region: Zeeland",
                   themes="themes: [dagbesteding]", year="year: 2012",
                   date="date: 2015-03-01", contact="contact: {name: Piet Contact, email: piet@example.org}")
    write_practice("vers-van-de-pers", title="title: Een verse praktijk landelijk", region="region: Landelijk",
                   themes="themes: [dagbesteding]", year="year: 2025", date="date: 2026-05-01",
                   status="status: lopend")
    write_practice("nog-een-concept", title="title: Een concept dat niet op de site komt",
                   draft="draft: true")
    return write_practice.folder


def generate(folder: Path, docs: Path, **kwargs):
    return generate_pages(load(folder), docs, index_dir=docs.parent / "index", today=TODAY,
                          repo_url="https://example.org/repo", **kwargs)


def test_writes_every_generated_page(folder, tmp_path):
    docs = tmp_path / "docs"
    report = generate(folder, docs)
    expected = {"praktijken/index.md", "praktijken/zoekwoorden.json", "praktijken/regio-aliassen.json",
                "index.md", "regios/index.md", "themas/index.md", "dekking.md", "nieuw.md",
                "aanmelden.md", "trefwoorden.md", "praktijken/werkfit-twente.md", "praktijken/oud-en-vergeten.md",
                "praktijken/vers-van-de-pers.md", "agenda/index.md", "agenda.ics", "feed.xml", "open-data/index.md",
                "open-data/praktijken.json", "open-data/praktijken.csv", "open-data/bijeenkomsten.json",
                "open-data/bijeenkomsten.csv"}
    expected |= {f"regios/{r.slug}.md" for r in VOCAB.regions}
    expected |= {f"themas/{t.id}.md" for t in VOCAB.themes}
    assert set(report.written) == expected
    assert len([r for r in VOCAB.regions]) == 36  # 35 arbeidsmarktregio's + Landelijk
    assert not (docs / "praktijken" / "nog-een-concept.md").exists()  # drafts stay out
    assert report.practices == 3
    assert (docs / MANIFEST_NAME).is_file()


def test_second_run_touches_nothing(folder, tmp_path):
    docs = tmp_path / "docs"
    generate(folder, docs)
    page = docs / "praktijken" / "werkfit-twente.md"
    os.utime(page, ns=(1_000_000_000, 1_000_000_000))
    report = generate(folder, docs)
    assert report.written == []
    assert page.stat().st_mtime_ns == 1_000_000_000


def test_changed_practice_rewrites_only_what_changed(folder, write_practice, tmp_path):
    docs = tmp_path / "docs"
    generate(folder, docs)
    write_practice("werkfit-twente", title="title: Werkfit in Twente, nu vernieuwd", region="region: Twente",
                   themes="themes: [beschut-werk, jongeren]", year="year: 2016")
    report = generate(folder, docs)
    assert "praktijken/werkfit-twente.md" in report.written
    assert "regios/twente.md" in report.written
    assert "regios/zeeland.md" not in report.written
    assert "Werkfit in Twente, nu vernieuwd" in (docs / "praktijken" / "werkfit-twente.md").read_text()


def test_removed_practice_removes_its_page(folder, tmp_path):
    docs = tmp_path / "docs"
    generate(folder, docs)
    (docs / "praktijken" / "stray-old-page.md").write_text("# oud\n")  # e.g. left by a lost manifest
    (folder / "werkfit-twente.md").unlink()
    report = generate(folder, docs)
    assert set(report.removed) == {"praktijken/werkfit-twente.md", "praktijken/stray-old-page.md"}
    assert not (docs / "praktijken" / "werkfit-twente.md").exists()
    assert (docs / "praktijken" / "oud-en-vergeten.md").exists()


def test_hand_written_pages_are_left_alone(folder, tmp_path):
    docs = tmp_path / "docs"
    (docs / "over").mkdir(parents=True)
    (docs / "bijdragen.md").write_text("# Bijdragen\n")
    (docs / "over" / "sectorplan.md").write_text("# Sectorplan\n")
    generate(folder, docs)
    generate(folder, docs)
    assert (docs / "bijdragen.md").read_text() == "# Bijdragen\n"
    assert (docs / "over" / "sectorplan.md").exists()


def test_an_own_home_page_is_never_overwritten(folder, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Mijn eigen startpagina\n")
    with pytest.raises(PageGenerationError, match="niet door de kennisbank gemaakt"):
        generate(folder, docs)
    assert (docs / "index.md").read_text() == "# Mijn eigen startpagina\n"
    assert not (docs / "praktijken").exists()  # nothing written
    (docs / "index.md").unlink()
    generate(folder, docs)
    generate(folder, docs)  # its own home page it updates
    assert "kb-home" in (docs / "index.md").read_text()


def test_invalid_content_writes_nothing(folder, write_practice, tmp_path):
    write_practice("kapot", region="region: Atlantis")
    docs = tmp_path / "docs"
    with pytest.raises(InvalidContentError) as info:
        generate(folder, docs)
    assert any(p.field == "region" and p.path.endswith("kapot.md") for p in info.value.problems)
    assert not docs.exists()


def test_skip_if_fresh_only_after_a_full_run(folder, tmp_path, write_practice):
    docs = tmp_path / "docs"
    assert not generate(folder, docs, skip_if_fresh=True).skipped
    assert generate(folder, docs, skip_if_fresh=True).skipped
    path = write_practice("werkfit-twente", title="title: Werkfit in Twente gewijzigd", region="region: Twente",
                          themes="themes: [beschut-werk]", year="year: 2016")
    os.utime(path, ns=(2_000_000_000_000_000_000, 2_000_000_000_000_000_000))
    report = generate(folder, docs, skip_if_fresh=True)
    assert not report.skipped and "praktijken/werkfit-twente.md" in report.written


def test_practice_page_info_panel_and_edit_link(folder, tmp_path):
    docs = tmp_path / "docs"
    generate(folder, docs)
    text = (docs / "praktijken" / "werkfit-twente.md").read_text()
    assert "edit_url: https://example.org/repo/edit/main/" in text
    assert text.split("edit_url: ")[1].split("\n")[0].endswith("/werkfit-twente.md")
    assert "[Twente](../regios/twente.md)" in text
    assert "[Beschut werk](../themas/beschut-werk.md)" in text
    assert "[Jongeren en onderwijs](../themas/jongeren.md)" in text
    assert "Startjaar\n:   2016" in text


def test_stale_notice_names_the_contact(folder, tmp_path):
    docs = tmp_path / "docs"
    generate(folder, docs)
    old = (docs / "praktijken" / "oud-en-vergeten.md").read_text()
    fresh = (docs / "praktijken" / "vers-van-de-pers.md").read_text()
    assert "Klopt deze praktijk nog?" in old and "Piet Contact" in old and "mailto:piet@example.org" in old
    assert "Klopt deze praktijk nog?" not in fresh


def test_region_pages_list_exactly_their_practices(folder, tmp_path):
    docs = tmp_path / "docs"
    generate(folder, docs)
    twente = (docs / "regios" / "twente.md").read_text()
    assert "../praktijken/werkfit-twente.md" in twente
    assert "oud-en-vergeten" not in twente and "vers-van-de-pers" not in twente
    empty = (docs / "regios" / "groningen.md").read_text()
    assert "nog geen praktijken" in empty and "../aanmelden.md" in empty
    landelijk = (docs / "regios" / "landelijk.md").read_text()
    assert "vers-van-de-pers" in landelijk


def test_contribution_link_only_when_page_exists(folder, tmp_path):
    docs = tmp_path / "docs"
    generate(folder, docs)
    assert "bijdragen.md" not in (docs / "regios" / "groningen.md").read_text()
    (docs / "bijdragen.md").write_text("# Bijdragen\n")
    generate(folder, docs)
    assert "../bijdragen.md" in (docs / "regios" / "groningen.md").read_text()


def test_theme_page_has_description(folder, tmp_path):
    docs = tmp_path / "docs"
    generate(folder, docs)
    theme = VOCAB.theme("dagbesteding")
    text = (docs / "themas" / "dagbesteding.md").read_text()
    assert theme.description in text
    assert "oud-en-vergeten" in text and "vers-van-de-pers" in text and "werkfit-twente" not in text


def test_search_page_lists_practices_and_facet_counts(folder, tmp_path):
    docs = tmp_path / "docs"
    generate(folder, docs)
    text = (docs / "praktijken" / "index.md").read_text()
    assert 'data-facet-name="regio" data-facet-value="twente" data-label="Twente" data-n0="1"' in text
    assert 'data-facet-name="thema" data-facet-value="dagbesteding" data-label="Dagbesteding" data-n0="2"' in text
    assert 'data-facet-name="status" data-facet-value="lopend" data-label="Lopend" data-n0="1"' in text
    assert ">3 praktijken</p>" in text
    assert text.count('<li class="kb-resultaat">') == 3
    assert 'id="zoekresultaten"' in text and 'id="zoeksuggestie"' in text


def test_coverage_counts_and_empty_regions(folder, tmp_path):
    docs = tmp_path / "docs"
    generate(folder, docs)
    text = (docs / "dekking.md").read_text()
    assert "33 van de 35 regio's" in text  # Twente and Zeeland have one
    assert text.count('class="kb-row--empty"') == 33
    # Twente×beschut-werk, Twente×jongeren, Zeeland×dagbesteding, Landelijk×dagbesteding
    assert text.count("kb-cell--some") == 4


def test_new_page_most_recent_first(folder, tmp_path):
    docs = tmp_path / "docs"
    generate(folder, docs)
    text = (docs / "nieuw.md").read_text()
    assert text.index("vers-van-de-pers") < text.index("oud-en-vergeten")
    assert "werkfit-twente" not in text  # no date


def test_similar_practices_from_the_search_index(tmp_path):
    """The project's example practices: every practice page lists similar ones from the index."""
    from build_tools.settings import PROJECT_ROOT
    docs = tmp_path / "docs"
    generate_pages(load(PROJECT_ROOT / "practices"), docs, index_dir=tmp_path / "index", today=TODAY)
    pages = sorted((docs / "praktijken").glob("*.md"))
    with_similar = [p for p in pages if "## Vergelijkbare praktijken" in p.read_text()]
    assert len(with_similar) >= len(pages) - 2  # the overview has none


# --- safety helpers -------------------------------------------------------------------------
@pytest.mark.parametrize("url, safe", [
    ("https://example.org/", True), ("http://x.nl", True), ("mailto:a@b.nl", True), ("../regios/x.md", True),
    ("#anker", True), ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False),
    (" javascript:alert(1)", False), ("jav&#x61;script:alert(1)", False), ("java\tscript:alert(1)", False),
    ("data:text/html,x", False), ("vbscript:x", False), ("\x01javascript:x", False),
])
def test_is_safe_url(url, safe):
    assert is_safe_url(url) is safe


def test_markdown_text_shows_exactly_what_was_typed():
    import markdown
    for value in ['<script>alert("x")</script>', "*ster* _laag_ [link](x) `code` #kop", "A & B \"c\" 'd'",
                  "a | b \\* c > d", "1. genummerd", "- lijst", "<https://x.nl>"]:
        html = markdown.markdown(markdown_text(value), extensions=["tables", "attr_list", "def_list", "md_in_html"])
        assert "<script" not in html and "<em>" not in html and "<a " not in html and "<code>" not in html
        from bs4 import BeautifulSoup
        assert BeautifulSoup(html, "html.parser").get_text() == value


def test_safe_body_is_clean_html_between_markdown_headings():
    out = safe_body("## Kop\n\na <b>x</b> `<i>` <https://ok.nl>\n\n```\n<script>\n```\n\n"
                    "[a](javascript:alert(1)) [c][r]\n\n[r]: javascript:x\n")
    assert out == ('## Kop\n\n<div class="kb-tekst">\n<p>a &lt;b&gt;x&lt;/b&gt; <code>&lt;i&gt;</code> '
                   '<a href="https://ok.nl">https://ok.nl</a></p>\n<pre><code>&lt;script&gt;\n</code></pre>\n'
                   "<p><a>a</a> <a>c</a></p>\n</div>\n")


def test_md_url_encodes_breaking_characters():
    assert md_url('https://e.org/?q="><x> (y)') == "https://e.org/?q=%22%3E%3Cx%3E%20%28y%29"
    assert md_url("javascript:alert(1)") == "#"


def test_every_generated_output_is_ignored_by_git():
    """What generation writes into docs/ never shows up as a change to commit."""
    from build_tools.pages import GENERATED_DIRS, GENERATED_FILES

    from .conftest import PROJECT

    ignored = set((PROJECT / ".gitignore").read_text(encoding="utf-8").splitlines())
    missing = [f"/docs/{d}/" for d in GENERATED_DIRS if f"/docs/{d}/" not in ignored]
    missing += [f"/docs/{f}" for f in GENERATED_FILES if f"/docs/{f}" not in ignored]
    assert missing == []
