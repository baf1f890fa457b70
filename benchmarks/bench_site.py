"""Site benchmark: build time and memory, size of site/ and of its search index, and what the
site search costs a visitor, for generated practices.

    python benchmarks/bench_site.py                     # 1,000 and 10,000 practices, prints tables
    python benchmarks/bench_site.py 1000 10000 --write  # also rewrites '## Site' in BENCHMARKS.md

Each size runs in its own process (clean peak memory). A run generates N valid practices with
``benchmarks/generate.py`` (seed 0) into ``benchmarks/out/site-N/`` and builds the complete site
with :func:`build_tools.site.build_site` (isolated: the project's docs/ is not touched):
validation, search index (cold: new index), similar practices, page generation,
``mkdocs build --strict`` and Pagefind. The stages are timed by wrapping the functions the build
calls (nothing in the build is changed), in CPU time of the process and its children
(Pagefind), beside the wall-clock time of the whole build: on a shared machine the wall clock
follows the other work, the CPU time hardly. Then a second, warm build.

In the browser (Debian's Chromium through Playwright, a new context per query, so nothing is
cached) it measures what a visitor's browser downloads while opening ``praktijken/`` and a
practice page, and for the first query: click the search field, type the words (60 ms per key),
results shown. Bytes are counted at the server (every request, also a Web Worker's, which
Chromium's own request sizes miss), sent with gzip as a web host does; the files' own sizes
beside them. Times run from the last key to the results (``data-status="klaar"``, the search
page's contract; its 100 ms typing pause included), for the first query and for a second one
on the same page. Targets at 10,000 practices: opening a page downloads no search index, the
first query ≤ 300 KB, results ≤ 300 ms after typing, the complete build ≤ 12× the
1,000-practice build of the same run.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "benchmarks" / "out"
CHROMIUM = "/usr/bin/chromium"
QUERIES = ("werkgevers", "beschut werk", "jongeren", "fietsenwerkplaats", "statushouders", "dagbesteding",
           "kringloopwinkel", "jobcoaches")
TARGET_FIRST_QUERY_KB = 300
TARGET_RESULTS_MS = 300
TARGET_GROWTH = 12


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (Pagefind): unlike the wall clock it
    hardly changes when other work shares the machine, so the growth ratio can be read from it."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


class _Timer:
    """Adds up the CPU time spent in wrapped functions, per stage (see :func:`cpu_seconds`)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, owner, name: str, stage: str) -> None:
        original = getattr(owner, name)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            started = cpu_seconds()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[stage] = self.seconds.get(stage, 0.0) + cpu_seconds() - started

        setattr(owner, name, timed)


def _instrument() -> _Timer:
    import build_tools.pages as pages
    import build_tools.site as site
    import build_tools.site_search as site_search
    from mkdocs.commands import build as mkdocs_build

    timer = _Timer()
    timer.wrap(site, "load", "laden en valideren")
    timer.wrap(site, "update_search_index", "zoekindex (Whoosh)")
    timer.wrap(pages, "similar_practices", "vergelijkbare praktijken")
    timer.wrap(site, "generate_pages", "pagina's genereren")
    timer.wrap(mkdocs_build, "build", "mkdocs build")
    timer.wrap(site_search, "index_site", "Pagefind")  # the hook imports it when MkDocs loads it
    return timer


#: Content types a web server compresses (GitHub Pages, Netlify and most others do, with gzip);
#: Pagefind's own files are already gzip-compressed and are sent as they are.
COMPRESSIBLE = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json",
                "image/svg+xml", "text/xml", "application/xml", "text/plain"}


def measuring_server(site: Path):
    """A static server for ``site`` that compresses like a web host (gzip, see COMPRESSIBLE) and
    counts what it sends: ``server.sent`` is a list of (path, bytes sent, bytes of the file).
    Counted at the server, so every request counts, also those of a Web Worker (which Chromium's
    request sizes report as 0)."""
    import gzip
    import http.server
    import io

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_head(self):
            path = self.translate_path(self.path)
            if os.path.isdir(path) and urlsplit(self.path).path.endswith("/"):
                path = os.path.join(path, "index.html")
            ctype = self.guess_type(path)
            if (os.path.isfile(path) and "gzip" in self.headers.get("Accept-Encoding", "")
                    and ctype.split(";")[0] in COMPRESSIBLE):
                raw = Path(path).read_bytes()
                body = gzip.compress(raw, compresslevel=6)
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.server.sent.append((self.path, len(body), len(raw)))
                return io.BytesIO(body)
            f = super().send_head()
            if f is not None and hasattr(f, "fileno"):
                size = os.fstat(f.fileno()).st_size
                self.server.sent.append((self.path, size, size))
            return f

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    server.sent = []
    return server


#: The visitor's typing speed in the browser measurements (ms between keys; below the search
#: page's 100 ms pause, so a search starts once, after the last key).
KEY_DELAY_MS = 60
#: Installed before typing: the time of the last key (an input event) and of the first moment
#: after it that the result list is "klaar" with results (the search page's contract).
_WATCH = """() => {
    const list = document.getElementById('zoekresultaten');
    window.__kbLast = null; window.__kbDone = null;
    document.getElementById('kb-zoek-q').addEventListener('input', () => {
        window.__kbLast = performance.now(); window.__kbDone = null; }, true);
    new MutationObserver(() => {
        if (window.__kbLast !== null && window.__kbDone === null && list.getAttribute('data-status') === 'klaar'
            && list.querySelector('li')) { window.__kbDone = performance.now(); }
    }).observe(list, {attributes: true, childList: true});
}"""


def measure_browser(site: Path) -> dict:
    """Bytes and times in Chromium, as a visitor sees them: a new context per query (nothing
    cached), open ``praktijken/``, click the text field, type the query; then type a second one."""
    from playwright.sync_api import sync_playwright

    server = measuring_server(site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    practice = next(p.name for p in sorted((site / "praktijken").iterdir()) if (p / "index.html").is_file()
                    and p.name != "pagina")
    sent = server.sent
    out: dict = {"first_query": {}}

    def since(mark: int) -> tuple[float, float, int]:
        """kB sent, kB of the files, requests since ``mark``."""
        rows = sent[mark:]
        return sum(r[1] for r in rows) / 1024, sum(r[2] for r in rows) / 1024, len(rows)

    def type_query(page, query: str) -> float:
        """Type ``query`` into the search field; ms from the last key to the results."""
        page.click("#kb-zoek-q")
        page.keyboard.press("Control+A")
        page.keyboard.type(query, delay=KEY_DELAY_MS)
        page.wait_for_function("window.__kbDone !== null", timeout=60_000)
        return page.evaluate("window.__kbDone - window.__kbLast")

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=["--no-sandbox", "--disable-gpu", "--headless"])

            def fresh(path: str):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                mark = len(sent)
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                return context, page, mark

            for name, path in (("praktijken", "praktijken/"), ("praktijk", f"praktijken/{practice}/")):
                context, page, mark = fresh(path)
                out[f"load_{name}_kb"], out[f"load_{name}_raw_kb"], _n = since(mark)
                out[f"load_{name}_index_requests"] = sum(1 for r in sent[mark:] if "/pagefind/" in r[0])
                context.close()

            for i, query in enumerate(QUERIES):
                context, page, _mark = fresh("praktijken/")
                page.evaluate(_WATCH)
                mark = len(sent)
                out.setdefault("cold_query_ms", []).append(type_query(page, query))
                page.wait_for_load_state("networkidle")
                kb, raw_kb, requests = since(mark)
                out["first_query"][query] = {"kb": kb, "raw_kb": raw_kb, "requests": requests,
                                             "results": page.locator("#kb-zoek-aantal").inner_text()}
                # a second query on the same page: Pagefind is loaded, the index chunks may not be
                out.setdefault("warm_query_ms", []).append(type_query(page, QUERIES[(i + 1) % len(QUERIES)]))
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def run_one(n: int) -> dict:
    from benchmarks.generate import generate

    timer = _instrument()
    from build_tools.site import build_site
    from build_tools.site_search import index_dirs

    base = OUT / f"site-{n}"
    shutil.rmtree(base, ignore_errors=True)
    practices = base / "practices"
    practices.mkdir(parents=True)
    generate(practices, n, seed=0)

    started, cpu_started = time.perf_counter(), cpu_seconds()
    build_site(practices, base / "index", base / "site", isolated=True)
    cold = time.perf_counter() - started
    cold_cpu = cpu_seconds() - cpu_started
    stages = dict(timer.seconds)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    started = time.perf_counter()
    build_site(practices, base / "index", base / "site", isolated=True)
    warm = time.perf_counter() - started

    site = base / "site"
    result = {
        "n": n,
        "cold_s": cold,
        "cold_cpu_s": cold_cpu,
        "warm_s": warm,
        "stages": stages,
        "peak_mb": peak,
        "html_pages": sum(1 for _ in site.rglob("*.html")),
        "site_mb": folder_size(site) / 1e6,
        "pagefind_mb": sum(folder_size(d) for d in index_dirs(site)) / 1e6,
        "index_parts": len(index_dirs(site)),
        "largest_html_kb": max(p.stat().st_size for p in site.rglob("*.html")) / 1024,
        "search_page_kb": (site / "praktijken" / "index.html").stat().st_size / 1024,
        "words_kb": (site / "praktijken" / "zoekwoorden.json").stat().st_size / 1024,
    }
    result.update(measure_browser(site))
    return result


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} ms (max {max(values):.0f})"


def tables(rows: list[dict]) -> str:
    fmt = lambda text: text.replace(",", ".")  # noqa: E731  (Dutch thousands separator)
    lines = ["| praktijken | bouwen (koud) | CPU-tijd (koud) | bouwen (warm) | piekgeheugen | HTML-pagina's | site/ | "
             "zoekindex (site/pagefind/ en de andere delen) | zoekpagina (HTML) | woordenlijst |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(fmt(f"| {r['n']:,} | {r['cold_s']:.1f} s | {r['cold_cpu_s']:.1f} s | {r['warm_s']:.1f} s | "
                         f"{r['peak_mb']:.0f} MB | "
                         f"{r['html_pages']:,} | {r['site_mb']:.1f} MB | {r['pagefind_mb']:.1f} MB in {r['index_parts']} "
                         f"{'deel' if r['index_parts'] == 1 else 'delen'} | "
                         f"{r['search_page_kb']:.0f} kB | {r['words_kb']:.0f} kB |"))
    stage_names = list(dict.fromkeys(k for r in rows for k in r["stages"]))
    lines += ["", "Waar de tijd van de koude bouw zit (CPU-seconden; *pagina's genereren* bevat de vergelijkbare "
              "praktijken, *mkdocs build* bevat Pagefind):", "",
              "| praktijken | " + " | ".join(stage_names) + " |",
              "| ---: |" + " ---: |" * len(stage_names)]
    for r in rows:
        lines.append(fmt(f"| {r['n']:,} | " + " | ".join(f"{r['stages'].get(s, 0):.1f}" for s in stage_names) + " |"))
    lines += ["", "In Chromium, zoals een bezoeker het ziet: per zoekopdracht een nieuwe context (niets in de cache), "
              "`praktijken/` openen, in het tekstveld klikken en de zoekwoorden typen "
              f"({KEY_DELAY_MS} ms per toets); daarna een tweede zoekopdracht op dezelfde pagina. Bytes zoals de "
              "server ze verstuurt, met gzip zoals een webhost (GitHub Pages) dat doet; tussen haakjes de "
              "bestanden zelf. *Tijd*: van de laatste toets tot de resultaten (de 100 ms typpauze van de "
              "zoekpagina inbegrepen).", "",
              "| praktijken | `praktijken/` openen | waarvan zoekindex | praktijkpagina openen | waarvan zoekindex | "
              f"eerste zoekopdracht `{QUERIES[0]}` | eerste zoekopdracht, mediaan / max van {len(QUERIES)} | "
              "tijd, eerste zoekopdracht | tijd, daarna |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        first = r["first_query"]
        main = first[QUERIES[0]]
        sizes = [q["kb"] for q in first.values()]
        lines.append(fmt(
            f"| {r['n']:,} | {r['load_praktijken_kb']:.0f} kB ({r['load_praktijken_raw_kb']:.0f} kB) | "
            f"{r['load_praktijken_index_requests']} verzoeken | "
            f"{r['load_praktijk_kb']:.0f} kB ({r['load_praktijk_raw_kb']:.0f} kB) | "
            f"{r['load_praktijk_index_requests']} verzoeken | "
            f"{main['kb']:.0f} kB ({main['raw_kb']:.0f} kB; {main['requests']} verzoeken) | "
            f"{statistics.median(sizes):.0f} / {max(sizes):.0f} kB | "
            f"{_ms(r['cold_query_ms'])} | {_ms(r['warm_query_ms'])} |"))
    big = rows[-1]
    n_big = f"{big['n']:,}".replace(",", ".")
    lines += ["", f"Per zoekopdracht bij {n_big} praktijken (*daarna*: dezelfde zoekopdracht als tweede op een "
              "pagina waar al een andere was gedaan):", "",
              "| zoekopdracht | resultaten | eerste zoekopdracht: verstuurd | bestanden | verzoeken | tijd | tijd, daarna |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for i, (query, q) in enumerate(big["first_query"].items()):
        found = q["results"].split(" ", 1)[0]
        later = big["warm_query_ms"][(i - 1) % len(QUERIES)]  # the second query of the run before
        lines.append(f"| `{query}` | {found} | {q['kb']:.0f} kB | {q['raw_kb']:.0f} kB | {q['requests']} | "
                     f"{big['cold_query_ms'][i]:.0f} ms | {later:.0f} ms |")
    return "\n".join(lines)


def verdict(rows: list[dict]) -> str:
    by_n = {r["n"]: r for r in rows}
    out = []
    big = by_n.get(max(by_n))
    if big:
        n = f"{big['n']:,}".replace(",", ".")
        no_index = big["load_praktijken_index_requests"] == 0 and big["load_praktijk_index_requests"] == 0
        out.append(f"- Doel: bij {n} praktijken downloadt het openen van een pagina geen zoekindex: "
                   f"{'gehaald' if no_index else 'niet gehaald'}.")
        worst = max(big["first_query"].items(), key=lambda item: item[1]["kb"])
        ok = worst[1]["kb"] <= TARGET_FIRST_QUERY_KB
        out.append(f"- Doel: eerste zoekopdracht ≤ {TARGET_FIRST_QUERY_KB} kB: {'gehaald' if ok else 'niet gehaald'} "
                   f"(de grootste van {len(big['first_query'])}: `{worst[0]}`, {worst[1]['kb']:.0f} kB verstuurd).")
        median = statistics.median(big["warm_query_ms"])
        cold = statistics.median(big["cold_query_ms"])
        out.append(f"- Doel: resultaten ≤ {TARGET_RESULTS_MS} ms na het typen (mediaan, 100 ms typpauze inbegrepen): "
                   f"{'gehaald' if cold <= TARGET_RESULTS_MS else 'niet gehaald'} voor de eerste zoekopdracht "
                   f"({cold:.0f} ms, max {max(big['cold_query_ms']):.0f}), "
                   f"{'gehaald' if median <= TARGET_RESULTS_MS else 'niet gehaald'} voor een volgende "
                   f"({median:.0f} ms, max {max(big['warm_query_ms']):.0f}).")
    if 1000 in by_n and 10000 in by_n:
        growth = by_n[10000]["cold_s"] / by_n[1000]["cold_s"]
        cpu_growth = by_n[10000]["cold_cpu_s"] / by_n[1000]["cold_cpu_s"]
        out.append(f"- Doel: de volledige bouw groeit lineair, bij 10.000 ≤ {TARGET_GROWTH}× de bouw van 1.000: "
                   f"{'gehaald' if growth <= TARGET_GROWTH else 'niet gehaald'} in kloktijd ({growth:.1f}×), "
                   f"{'gehaald' if cpu_growth <= TARGET_GROWTH else 'niet gehaald'} in CPU-tijd "
                   f"({cpu_growth:.1f}×).")
    return "\n".join(out)


def section(rows: list[dict], notes: str = "") -> str:
    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    load = os.getloadavg()[0]
    return (
        "## Site\n\n"
        f"Gemeten met `python benchmarks/bench_site.py {' '.join(str(r['n']) for r in rows)} --write` "
        f"({machine}; {time.strftime('%Y-%m-%d')}; load average bij het schrijven {load:.1f}). Gegenereerde "
        "praktijken (`benchmarks/generate.py`, seed 0); een volledige `build_site`: valideren, zoekindex "
        "(koud: nieuwe index), vergelijkbare praktijken, pagina's genereren, `mkdocs build --strict` en "
        "Pagefind. *Warm*: tweede bouw, index en pagina's al bij.\n\n"
        f"{tables(rows)}\n\n{verdict(rows)}\n" + (f"\n{notes}" if notes else "")
    )


def write_section(text: str, path: Path = ROOT / "BENCHMARKS.md") -> None:
    """Replace only the '## Site' section (or append it), leaving other sections alone."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    lines = old.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == "## Site"), None)
    if start is None:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        new = "".join(lines[:start]) + text + ("\n" + "".join(lines[end:]) if end < len(lines) else "")
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Meet bouwtijd, omvang en zoeken van de site.")
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000], help="aantallen praktijken")
    parser.add_argument("--write", action="store_true", help="werk '## Site' in BENCHMARKS.md bij")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one)))
        return 0
    rows = []
    for n in args.sizes:
        proc = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 1
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(f"{n} praktijken: {rows[-1]['cold_s']:.1f} s", file=sys.stderr)
    print(tables(rows))
    print(verdict(rows))
    if args.write:
        write_section(section(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
