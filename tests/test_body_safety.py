"""Contributed practice bodies on a page: nothing executable, whatever the Markdown looks like.

The property test feeds generated bodies (malformed fences, raw HTML, attribute lists, links
with odd schemes, entities) through the real page pipeline: :func:`render_practice` writes the
page Markdown, and Python-Markdown with the extensions of the project's ``mkdocs.yml`` turns it
into HTML, as ``mkdocs build`` does (the real builds are in ``test_site.py``). The HTML is read
back with BeautifulSoup and checked against an allow-list of tags, attributes and classes.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config.base import load_config

from build_tools import body as body_markdown
from build_tools.body_links import check_body_links
from build_tools.frontmatter import ParsedFile
from build_tools.model import Practice
from build_tools.pages.render import SiteContext, render_practice
from build_tools.pages.safety import md_url, safe_body
from build_tools.pages.sanitise import RESERVED_ID_PREFIXES, TAGS, sanitise
from build_tools.settings import PROJECT_ROOT
from build_tools.vocabulary import default_vocabulary

VOCAB = default_vocabulary()
CTX = SiteContext(vocab=VOCAB, practices=(), today=dt.date(2026, 6, 1))
CONFIG = load_config(config_file=str(PROJECT_ROOT / "mkdocs.yml"))

#: Never on a page from a practice body, in any form.
FORBIDDEN_TAGS = {"script", "style", "iframe", "object", "embed", "svg", "math", "img", "form", "input",
                  "button", "link", "meta", "base", "frame", "frameset", "template", "details", "video",
                  "audio", "source", "textarea", "select"}
#: Attributes a body element may carry (the page around it adds none outside this set).
BODY_ATTRIBUTES = {"id", "class", "href", "title", "align", "start"}
#: Classes a body element may carry: the page's own, admonitions, code languages.
PAGE_CLASSES = {"kb-tekst", "kb-lead", "kb-info", "headerlink"}
#: How a browser finds a URL's scheme (WHATWG URL standard): no scheme means a relative link.
URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "srcset"}


_MD = markdown.Markdown(extensions=CONFIG["markdown_extensions"], extension_configs=CONFIG["mdx_configs"])


def page_html(body: str) -> str:
    """The practice page for ``body``, as MkDocs' Markdown would render it."""
    practice = Practice(slug="proef", path=Path("proef.md"), title="Proefpraktijk", description="Een proef.",
                        region=("Twente",), themes=("innovatie",), organisations=("Werkbedrijf",), year=2020,
                        body=body)
    page = render_practice(practice, CTX)
    text = page.split("---\n", 2)[2]  # the front matter is read by MkDocs, not by Markdown
    # The breadcrumb is the page's own navigation (template markup with escaped front-matter
    # values), not body content: the allow-list below is about what a body can produce.
    text = re.sub(r'<nav class="kb-breadcrumb".*?</nav>\n', "", text, count=1)
    return _MD.reset().convert(text)


def violations(html: str) -> list[str]:
    """Everything in ``html`` outside the allow-list."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        if tag.name in FORBIDDEN_TAGS or tag.name not in TAGS:
            found.append(f"tag <{tag.name}>")
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on") or name.lower() in {"style", "srcdoc", "formaction"}:
                found.append(f"<{tag.name} {name}={value!r}>")
            elif name not in BODY_ATTRIBUTES:
                found.append(f"attribute <{tag.name} {name}>")
            if name.lower() in URL_ATTRIBUTES:
                scheme = URL_SCHEME.match(re.sub(r"[\t\n\r]", "", value.strip("\x00- ")))
                if scheme and scheme.group(1).lower() not in {"http", "https", "mailto", "tel"}:
                    found.append(f"url <{tag.name} {name}={value!r}>")
            if name == "class":
                for cls in value.split():
                    if cls not in PAGE_CLASSES and not cls.startswith(("admonition", "language-")) \
                            and cls not in {"note", "warning", "tip", "danger", "info"}:
                        found.append(f"class <{tag.name} class={cls!r}>")
            if name == "id" and value.lower().startswith(RESERVED_ID_PREFIXES):
                found.append(f"id <{tag.name} id={value!r}>")
    return found


# --- generated bodies ------------------------------------------------------------------------
SCRIPT = "<script>document.title='GEHACKT'</script>"
FENCES = ["```", "````", "`````", "~~~", "~~~~", " ```", "  ```", "   ```", "    ```", "```html", "``` html `x`",
          "~~~ py thon", "```` {.html}", "~~~`", "\t```"]
RAW_HTML = [SCRIPT, "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<iframe src=javascript:alert(1)>",
            '<object data="javascript:alert(1)"></object>', "<style>body{display:none}</style>",
            '<a href="javascript:alert(1)">x</a>', '<div markdown="1">*x* <script>alert(1)</script></div>',
            "<!-- <script>alert(1)</script> -->", "<details open ontoggle=alert(1)>", "</p><script>alert(1)</script>",
            "<scr<script>ipt>alert(1)</script>", "<p style='position:fixed;inset:0'>x</p>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "<![CDATA[<script>]]>",
            "<?php x ?>", '<form action="javascript:alert(1)"><button>x</button></form>']
ATTR_LISTS = ['{: style="position:fixed;inset:0;z-index:9999" }', '{: onclick="alert(1)" }', "{: #__drawer .md-dialog }",
              '{ href="javascript:alert(1)" }', "{: src=javascript:alert(1) }", '{: .md-overlay #x style="x" }',
              '{: onmouseover=alert(1) data-x="y" }', "{ #id-ok .admonition }"]
SCHEMES = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "jav&#x61;script:alert(1)", "java\tscript:alert(1)",
           "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", " javascript:alert(1)",
           "&#106;avascript:alert(1)", "javascript&#58;alert(1)", "\x01javascript:alert(1)", "&#x6A;avascript&colon;x",
           "https://example.org/ok", "mailto:a@b.nl", "#anker", "www.voorbeeld.nl", "javascript\\:alert(1)",
           "java&#10;script:alert(1)", "file:///etc/passwd", "//example.org/x"]
LINK_FORMS = ["[x]({u})", "[x](<{u}>)", "[x][r]\n\n[r]: {u}", "![x]({u})", "<{u}>", "[x]({u} \"t\")",
              "[x][]\n\n[x]: <{u}>"]
ENTITIES = ["&lt;script&gt;alert(1)&lt;/script&gt;", "&#60;script&#62;", "&amp;lt;b&amp;gt;", "&#x3C;img src=x>",
            "&quot;&apos;", "&nbsp;", "&#0;", "&#xD800;"]
BLOCKS = ["## Kop", "# Kop {: onclick=x }", "Setext\n===", "!!! danger \"<script>\"\n    tekst", "> citaat",
          "- punt", "1. een", "term\n:   uitleg", "| a | b |\n|---|:-:|\n| <i> | `x` |", "---", "    code <b>",
          "`<code>`", "*nadruk* **sterk**", ""]
PREFIXES = ["", "", "", " ", "  ", "   ", "    ", "> ", "- ", "1. ", "\t"]

fragment = st.one_of(
    st.sampled_from(FENCES), st.sampled_from(RAW_HTML), st.sampled_from(ATTR_LISTS), st.sampled_from(ENTITIES),
    st.sampled_from(BLOCKS),
    st.builds(lambda form, url: form.format(u=url), st.sampled_from(LINK_FORMS), st.sampled_from(SCHEMES)),
    st.text(alphabet="<>&\"'`~*_[](){}#:!=/\\ \n\tabcjsx", max_size=20),
)
line = st.builds(lambda prefix, frag: prefix + frag, st.sampled_from(PREFIXES), fragment)
body = st.builds(lambda parts, sep: sep.join(parts), st.lists(line, min_size=1, max_size=12),
                 st.sampled_from(["\n", "\n\n", " "]))


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body)
def test_no_generated_body_puts_anything_executable_on_the_page(text):
    html = page_html(text)
    assert violations(html) == [], (text, html)


# --- the classes, one example each ---------------------------------------------------------
MALFORMED_FENCES = {
    "indented": f"  ```\n{SCRIPT}\n  ```",
    "never closed": f"```html\n{SCRIPT}",
    "longer closing fence": f"```\n{SCRIPT}\n````",
    "tilde closed by longer tildes": f"~~~\n{SCRIPT}\n~~~~",
    "info string with a space and backtick": f"``` html `x`\n{SCRIPT}\n```",
}


@pytest.mark.parametrize("body", MALFORMED_FENCES.values(), ids=MALFORMED_FENCES.keys())
def test_script_around_malformed_fences_is_text(body):
    html = page_html(body)
    assert violations(html) == []
    assert SCRIPT in BeautifulSoup(html, "html.parser").get_text()  # shown, not run


def test_attribute_lists_keep_only_safe_ids_and_classes():
    html = page_html('Tekst\n{: style="position:fixed;inset:0" onclick="x" #eigen-anker .md-dialog }\n\n'
                     '!!! warning "Let op"\n    Tekst')
    doc = BeautifulSoup(html, "html.parser")
    paragraph = doc.find(id="eigen-anker")
    assert paragraph is not None and paragraph.attrs == {"id": "eigen-anker"}
    assert doc.select_one("div.admonition.warning p.admonition-title").get_text() == "Let op"
    assert violations(html) == []


def test_unsafe_link_targets_are_dropped_in_every_form():
    for url in ("javascript:alert(1)", "jav&#x61;script:alert(1)", "data:text/html,x", "vbscript:x"):
        for form in LINK_FORMS:
            doc = BeautifulSoup(page_html(form.format(u=url)), "html.parser")
            article_links = [a for a in doc.find_all("a") if "headerlink" not in a.get("class", [])]
            # the page's own links: to other pages ("../") and to the search for an organisation
            assert all(a.get("href") in (None, "#") or a["href"].startswith(("../", "index.md?organisatie="))
                       for a in article_links), form


def test_safe_links_and_text_survive():
    html = page_html("## Aanpak\n\nZie [de site](https://example.org/a?b=1&c=2), <https://example.org/auto>, "
                     "[mail](mailto:a@b.nl), `<b>code</b>` en 5 < 6 & 7 > 3.\n\n```\n<b>blok</b>\n```\n")
    doc = BeautifulSoup(html, "html.parser")
    hrefs = [a["href"] for a in doc.select(".kb-tekst a")]
    assert hrefs == ["https://example.org/a?b=1&c=2", "https://example.org/auto", "mailto:a@b.nl"]
    assert doc.find("code").get_text() == "<b>code</b>"
    assert doc.find("pre").get_text() == "<b>blok</b>\n"
    assert "5 < 6 & 7 > 3." in doc.get_text()


def test_body_headings_stay_in_the_table_of_contents():
    text = "## Aanleiding\n\nTekst.\n\n### Detail & *meer* {: #eigen }\n\nNog.\n\n## Lessen\n\n- a\n"
    page = safe_body(text)
    assert "## Aanleiding\n" in page and "### Detail &amp; meer { #eigen }\n" in page and "## Lessen\n" in page
    md = markdown.Markdown(extensions=CONFIG["markdown_extensions"], extension_configs=CONFIG["mdx_configs"])
    md.convert(page)
    toc = [(t["level"], t["id"], t["name"]) for t in md.toc_tokens]
    assert toc == [(2, "aanleiding", "Aanleiding"), (2, "lessen", "Lessen")]
    assert [(c["id"], c["name"]) for c in md.toc_tokens[0]["children"]] == [("eigen", "Detail &amp; meer")]


def test_md_url_percent_encodes_quotes():
    assert md_url("https://example.org/?q='x'") == "https://example.org/?q=%27x%27"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body)
def test_validation_reports_every_link_the_page_would_drop(text):
    """Validation and page agree: a body that validates has no link whose target the sanitiser
    removes, and each problem names the field and a line of the body."""
    parsed = ParsedFile("proef.md")
    parsed.body, parsed.body_line = text, 10
    check_body_links(parsed)
    anchors = BeautifulSoup(sanitise(body_markdown.to_html(text)), "html.parser").find_all("a")
    if not parsed.problems:
        assert all(a.get("href") for a in anchors), text
    last_line = 10 + text.count("\n")
    assert all(p.field == "tekst" and 10 <= p.line <= last_line for p in parsed.problems), parsed.problems


def test_a_body_too_deep_for_the_parser_is_shown_as_text():
    """Python-Markdown runs out of stack on 1,000 nested list markers; the page shows the text
    (validation reports it as a problem of field tekst, see tests/data/invalid/)."""
    bomb = "1. " * 1000 + "<script>alert(1)</script>"
    html = page_html(bomb)
    assert violations(html) == []
    assert "<script>alert(1)</script>" in BeautifulSoup(html, "html.parser").get_text()
