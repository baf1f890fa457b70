"""Site benchmark: build time, size of site/ and of the search index for generated practices.

    python benchmarks/bench_site.py            # 100 and 1,000 practices, prints a table
    python benchmarks/bench_site.py 100 1000 --write   # also rewrites '## Site' in BENCHMARKS.md

Each size runs in its own process (clean peak memory). A run generates N valid practices with
``benchmarks/generate.py`` (seed 0) into ``benchmarks/out/site-N/`` and builds the complete site
with :func:`build_tools.site.build_site` (isolated: the project's docs/ is not touched):
validation, search index (cold: new index), similar practices, page generation and
``mkdocs build --strict``. Then a second, warm build (index and pages already up to date).
Targets: 1,000 practices build in ≤ 15 s; site/ ≤ 100 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "benchmarks" / "out"
TARGET_SECONDS = 15.0
TARGET_MB = 100.0


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_one(n: int) -> dict:
    from benchmarks.generate import generate
    from build_tools.load import load
    from build_tools.pages import generate_pages, similar_practices
    from build_tools.site import build_site

    base = OUT / f"site-{n}"
    shutil.rmtree(base, ignore_errors=True)
    practices = base / "practices"
    practices.mkdir(parents=True)
    generate(practices, n, seed=0)

    started = time.perf_counter()
    report = build_site(practices, base / "index", base / "site", isolated=True)
    cold = time.perf_counter() - started

    started = time.perf_counter()
    build_site(practices, base / "index", base / "site", isolated=True)
    warm = time.perf_counter() - started

    started = time.perf_counter()
    loaded = load(practices)
    pages = generate_pages(loaded, base / "docs-only", index_dir=base / "index")
    generation = time.perf_counter() - started

    started = time.perf_counter()
    similar_practices(loaded, base / "index")
    similar = time.perf_counter() - started

    site = base / "site"
    return {
        "similar_s": similar,
        "n": n,
        "cold_s": cold,
        "warm_s": warm,
        "generate_s": generation,
        "pages": pages.pages,
        "html_pages": sum(1 for _ in site.rglob("*.html")),
        "site_mb": folder_size(site) / 1e6,
        "search_index_mb": (site / "search" / "search_index.json").stat().st_size / 1e6,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "notes": report.notes,
    }


def table(rows: list[dict]) -> str:
    lines = ["| praktijken | bouwen (koud) | bouwen (warm) | pagina's genereren | waarvan `similar_all` | HTML-pagina's | "
             "site/ | zoekindex (search_index.json) | piekgeheugen |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r['n']:,} | {r['cold_s']:.1f} s | {r['warm_s']:.1f} s | {r['generate_s']:.1f} s | {r['similar_s']:.1f} s | "
                     f"{r['html_pages']:,} | {r['site_mb']:.1f} MB | {r['search_index_mb']:.1f} MB | "
                     f"{r['peak_mb']:.0f} MB |".replace(",", "."))
    return "\n".join(lines)


def verdict(rows: list[dict]) -> str:
    out = []
    for r in rows:
        if r["n"] != 1000:
            continue
        ok_t = r["cold_s"] <= TARGET_SECONDS
        ok_s = r["site_mb"] <= TARGET_MB
        out.append(f"- Doel bouwtijd 1.000 praktijken ≤ {TARGET_SECONDS:.0f} s: "
                   f"{'gehaald' if ok_t else 'niet gehaald'} ({r['cold_s']:.1f} s koud, {r['warm_s']:.1f} s warm).")
        rest = r["cold_s"] - r["similar_s"]
        out.append(f"- Zonder `search.similar_all` ({r['similar_s']:.1f} s, de vergelijkbare praktijken uit de "
                   f"zoekindex) duurt de koude bouw {rest:.1f} s.")
        out.append(f"- Doel omvang site/ ≤ {TARGET_MB:.0f} MB: "
                   f"{'gehaald' if ok_s else 'niet gehaald'} ({r['site_mb']:.1f} MB).")
    return "\n".join(out)


def section(rows: list[dict]) -> str:
    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    return (
        "## Site\n\n"
        f"Gemeten met `python benchmarks/bench_site.py {' '.join(str(r['n']) for r in rows)} --write` "
        f"({machine}; {time.strftime('%Y-%m-%d')}). Gegenereerde praktijken (`benchmarks/generate.py`, seed 0); "
        "een volledige `build_site`: valideren, zoekindex (koud: nieuwe index), vergelijkbare praktijken, "
        "pagina's genereren en `mkdocs build --strict`. *Warm*: tweede bouw, index en pagina's al bij.\n\n"
        f"{table(rows)}\n\n{verdict(rows)}\n\n"
        "De navigatie is kort en expliciet (`nav` in mkdocs.yml); losse praktijkpagina's staan er niet in, "
        "zodat niet elke pagina het hele menu meedraagt.\n"
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
    parser = argparse.ArgumentParser(description="Meet bouwtijd en omvang van de site.")
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000], help="aantallen praktijken")
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
    print(table(rows))
    print(verdict(rows))
    if args.write:
        write_section(section(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
