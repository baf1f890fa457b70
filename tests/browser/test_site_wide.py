"""Site-wide parts in a real Chromium: the Dutch 404 page under a sub-path, the footer, and the
privacy promise (no cookies, no requests to another host) on every kind of page."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from build_tools.load import load_practices
from build_tools.pages import project_contact
from build_tools.settings import PROJECT_ROOT
from build_tools.vocabulary import default_vocabulary

pytestmark = pytest.mark.browser
PUBLISHED = load_practices(PROJECT_ROOT / "practices").published
VOCAB = default_vocabulary()
#: one page of every kind, relative to the site's base URL
PAGE_KINDS = {
    "home": "",
    "overzicht": "praktijken/",
    "praktijk": f"praktijken/{PUBLISHED[0].slug}/",
    "regio's": "regios/",
    "regio": f"regios/{VOCAB.region(PUBLISHED[0].region[0]).slug}/",
    "thema's": "themas/",
    "thema": f"themas/{PUBLISHED[0].themes[0]}/",
    "dekking": "dekking/",
    "nieuw": "nieuw/",
    "bijdragen": "bijdragen/",
    "aanmelden": "aanmelden/",
    "privacy": "privacy/",
    "toegankelijkheid": "toegankelijkheid/",
    "niet gevonden": "bestaat/niet/",
}


def test_missing_page_gets_the_dutch_404_with_styles_at_any_depth(page, site_url):
    response = page.goto(site_url + "regios/bestaat/niet/hier/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Deze pagina bestaat niet (meer)"
    assert page.title().startswith("Pagina niet gevonden")
    # the theme's styles and scripts loaded (links based on site_url, not on the depth)
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    assert not [r for r in page.failed_requests if not r.endswith("HTTP 404") or "bestaat" not in r]
    links = {a.inner_text(): a.get_attribute("href") for a in page.locator(".kb-404 li a").all()}
    assert set(links) >= {"Startpagina", "Alle praktijken", "Praktijken per regio", "Praktijken per thema"}
    page.click(".kb-404 a:text('Praktijken per regio')")
    assert page.url == site_url + "regios/"


def test_404_search_box_goes_to_the_search_page(page, site_url):
    page.goto(site_url + "geen-pagina/")
    page.fill("#kb-404-q", "beschut werk")
    page.press("#kb-404-q", "Enter")
    page.wait_for_load_state()
    parts = urlsplit(page.url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == site_url + "praktijken/"
    assert parse_qs(parts.query) == {"q": ["beschut werk"]}


def test_footer_has_contact_privacy_and_accessibility(page, site_url):
    page.goto(site_url + f"praktijken/{PUBLISHED[0].slug}/")
    footer = page.locator(".kb-footer")
    email = project_contact()["contact_email"]
    assert footer.locator(f"a[href='mailto:{email}']").count() == 1
    footer.get_by_role("link", name="Privacyverklaring").click()
    assert page.url == site_url + "privacy/"
    assert page.locator("h1").inner_text().rstrip("¶") == "Privacyverklaring"
    assert page.locator("#contact + p a").get_attribute("href").startswith(f"mailto:{email}")
    page.locator(".kb-footer").get_by_role("link", name="Toegankelijkheidsverklaring").click()
    assert page.url == site_url + "toegankelijkheid/"
    text = page.locator("article").inner_text()
    for part in ("Status", "Bekende beperkingen", "Contact", "WCAG 2.1"):
        assert part in text


def test_menu_item_and_page_title_agree(page, site_url):
    page.goto(site_url + "bijdragen/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Bijdragen"
    assert page.locator(".md-nav__link--active").first.inner_text().strip() == "Bijdragen"


def test_no_page_kind_sets_cookies_or_contacts_another_host(page, site_url):
    """The privacy statement's promise, in a browser: every request goes to the site's own host."""
    own = urlsplit(site_url).netloc
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    for name, path in PAGE_KINDS.items():
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.cookie") == "", name
    foreign = [url for url in seen if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != own]
    assert foreign == []
    assert page.context.cookies() == []
    assert len(seen) > len(PAGE_KINDS)  # the recording worked



def test_ordinary_pages_do_not_download_the_sitemap(page, site_url):
    """Material's script downloads sitemap.xml (every page of the site: 1.9 MB at 10,000
    practices) for each <link rel="alternate"> of a page; only the two feed pages have one."""
    seen = []
    page.on("request", lambda request: seen.append((page.url, urlsplit(request.url).path)))
    for name, path in PAGE_KINDS.items():
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    fetched = {url for url, path in seen if path.endswith("/sitemap.xml")}
    assert site_url + "nieuw/" in fetched  # the page with the Atom feed does (so the recording works)
    assert fetched <= {site_url + "agenda/", site_url + "nieuw/"}


#: Attributes through which a page makes the browser fetch something by itself.
FETCHING = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src",
            "video": "src", "audio": "src", "embed": "src", "object": "data"}
CSS_URL = re.compile(r"""url\(\s*['"]?(?!data:)([^'")\s]+)|@import\s+['"]([^'"]+)""")


def _external(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url.strip(), re.I))


def test_built_site_refers_to_no_other_host_for_anything_it_loads(built_site):
    """Every built HTML, CSS and JavaScript file: nothing that loads by itself comes from elsewhere."""
    problems = []
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in FETCHING.items():
            for node in soup.find_all(tag):
                value = node.get(attr)
                if tag == "link" and not {"stylesheet", "preload", "modulepreload", "icon", "manifest",
                                          "prefetch", "preconnect", "dns-prefetch"} & set(node.get("rel", [])):
                    continue  # rel=canonical, alternate, … are not fetched
                if value and _external(value):
                    problems.append(f"{path.relative_to(built_site)}: <{tag} {attr}={value}>")
        for node in soup.find_all(style=True):
            problems += [f"{path.relative_to(built_site)}: style {m}" for m in CSS_URL.findall(node["style"])
                         if _external(m[0] or m[1])]
    for path in built_site.rglob("*.css"):
        for match in CSS_URL.finditer(path.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            if _external(url):
                problems.append(f"{path.relative_to(built_site)}: {url}")
    assert problems == []
