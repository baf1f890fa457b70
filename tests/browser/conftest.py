"""Shared browser fixtures: the project's site built once and served, and Debian's Chromium.

Fixtures (other browser tests, e.g. the form test, use these names):

* ``site_url`` (session): builds the project's site once into a temporary folder through
  :func:`build_tools.site.build_site` (isolated: the working copy's docs/ is not touched) and
  serves it on 127.0.0.1 on a free port with a threaded ``http.server``, under the path of
  ``site_url`` in mkdocs.yml (as on the real host, so every page is tested under a sub-path) and
  with the site's 404.html for a missing page; the base URL ends in ``/``.
* ``browser`` (session): Chromium from ``/usr/bin/chromium`` (no browser download); the tests
  FAIL with a clear message when it is missing.
* ``page`` (function): a new page in a new context. ``page.console_errors`` collects console
  errors and uncaught exceptions, ``page.failed_requests`` failed requests, HTTP errors and any
  request to another host (those are blocked: the site must work offline). A screenshot is saved
  to ``test-artifacts/<test-name>.png`` on teardown.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_tools.load import load_practices
from build_tools.settings import PROJECT_ROOT
from build_tools.site import build_site
from build_tools.vocabulary import default_vocabulary

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("browser-site")
    return build_site(PROJECT_ROOT / "practices", tmp / "index", tmp / "site", isolated=True).site_dir


def site_path() -> str:
    """The path part of ``site_url`` in mkdocs.yml, such as ``/kennisbank-goede-praktijken/``."""
    from mkdocs.config import load_config

    url = load_config(str(PROJECT_ROOT / "mkdocs.yml"))["site_url"] or "/"
    return "/" + urlsplit(url).path.strip("/") + "/" if urlsplit(url).path.strip("/") else "/"


class _HostLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder like a static host does: a missing file gets the site's 404.html."""

    not_found_page: Path | None = None

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib signature)
        pass

    def send_error(self, code, message=None, explain=None):
        if code == 404 and self.not_found_page and self.not_found_page.is_file():
            body = self.not_found_page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def serve_site(site: Path, root: Path):
    """Serve the built ``site`` as a host does, under the path of ``site_url`` (``root``: an empty
    folder for the host's root); yields the base URL, ending in ``/``."""
    mount = site_path()
    served = root / mount.strip("/") if mount != "/" else root
    if mount != "/":
        served.parent.mkdir(parents=True, exist_ok=True)
        served.symlink_to(site, target_is_directory=True)
    handler = type("Handler", (_HostLikeHandler,), {"not_found_page": site / "404.html"})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site, tmp_path_factory):
    yield from serve_site(built_site, tmp_path_factory.mktemp("host-root"))


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium ontbreekt: {CHROMIUM} bestaat niet. Installeer Debian's pakket 'chromium' "
                    "(apt-get install chromium); de browsertests downloaden zelf geen browser.", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site_url, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_timeout(15000)
    pg = context.new_page()
    pg.console_errors = []
    pg.failed_requests = []
    local = urlsplit(site_url).netloc

    def block_third_parties(route):
        if urlsplit(route.request.url).netloc != local:
            pg.failed_requests.append(f"andere host: {route.request.url}")
            route.abort()
        else:
            route.continue_()

    pg.route("**/*", block_third_parties)
    pg.on("console", lambda msg: pg.console_errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: pg.console_errors.append(str(exc)))
    pg.on("requestfailed", lambda req: pg.failed_requests.append(f"{req.url}: {req.failure}"))
    pg.on("response", lambda resp: pg.failed_requests.append(f"{resp.url}: HTTP {resp.status}")
          if resp.status >= 400 else None)
    yield pg
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    try:
        pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    finally:
        context.close()


# --- helpers for the search tests (test_site_search.py, test_site_search_parts.py) ---

PUBLISHED = load_practices(PROJECT_ROOT / "practices").published
BY_SLUG = {p.slug: p for p in PUBLISHED}
VOCAB = default_vocabulary()
#: The result list once a search has shown its results (the search page's contract).
DONE = "#zoekresultaten[data-status='klaar']"


def plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def text_of(p) -> str:
    return plain(" ".join([p.title, p.description, p.body, *p.organisations, *p.region,
                           *(VOCAB.theme(t).label for t in p.themes)]))


def with_word_starting(prefix: str) -> set[str]:
    return {p.slug for p in PUBLISHED if re.search(r"\b" + re.escape(plain(prefix)), text_of(p))}


def result_slugs(page, everything: bool = True) -> list[str]:
    """The practices shown, in order; with ``everything`` after "Meer resultaten" until all show."""
    page.wait_for_selector(DONE, state="attached")
    more = page.locator("#kb-zoek-meer")
    while everything and more.is_visible():
        shown = page.locator("#zoekresultaten > li").count()
        more.click()
        # the next batch is shown: more items and the list is done again (no search in between)
        page.wait_for_function(f"document.querySelectorAll('#zoekresultaten > li').length > {shown}"
                               " && document.getElementById('zoekresultaten').dataset.status === 'klaar'")
    hrefs = page.locator("#zoekresultaten > li").evaluate_all(
        "els => els.map(li => li.querySelector('a').getAttribute('href'))")
    slugs = []
    for href in hrefs:
        match = re.search(r"/praktijken/([a-z0-9-]+)/$", urlsplit(href).path)
        assert match, href
        slugs.append(match.group(1))
    assert len(slugs) == len(set(slugs)), f"een resultaat staat dubbel in de lijst: {slugs}"
    return slugs


def count_text(page) -> str:
    return page.locator("#kb-zoek-aantal").inner_text()


# --- helpers for the form tests (test_form.py, test_form_characters.py) ---

TITLE = "Fietsen repareren in de wijk"
DESCRIPTION = "Een werkplaats waar mensen leren fietsen te repareren en op te knappen."


def open_form(page, site_url):
    page.goto(site_url + "aanmelden/")
    page.wait_for_selector("#kb-form:not([hidden])")
    return page


def fill_basics(page, *, title=TITLE, description=DESCRIPTION, organisations="Werkbedrijf Oostrand"):
    page.fill("#kb-title", title)
    page.fill("#kb-description", description)
    page.get_by_label("Twente", exact=True).check()
    page.get_by_label("Beschut werk", exact=True).check()
    page.fill("#kb-organisations", organisations)
    page.fill("#kb-year", "2019")
    page.fill("#kb-body-aanpak", "We begonnen met één werkplaats.\n\n- stap een\n- stap twee")


def save(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "practices"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path
