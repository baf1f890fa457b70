"""Search benchmark: Whoosh index and `kennisbank search` on 1,000 and 10,000 synthetic practices.

    .venv/bin/python benchmarks/bench_search.py [--sizes 1000 10000] [--runs 7] [--cold-only]

Measures, per corpus size: full index (whole `kennisbank index --full` process), a one-file
incremental update (whole `kennisbank index` process, median of 3 different files) and the
number of index segments after those updates, in-process query p50/p95 (plain, filtered,
prefix, with highlighted snippets), `similar_all` (up to 1,000 practices), cold
`kennisbank search werkgevers` process time with terminal output and with `--json` (median), peak
memory (max RSS of the processes); and on the same corpus SQLite FTS5 (build and query) and
`grep -ril werkgever` as baselines, printed as ratios. The cold searches and grep take turns
(grep, terminal, --json, grep, ...), so that a machine that gets busier or quieter during the
run changes all three alike; the ratio is the median of the per-turn ratios. The query matches
most of the generated practices (the number is printed). ``--cold-only``: only the full index
and the cold searches (no in-process queries, similar_all, FTS5).

The `kennisbank` processes run with Python's normal bytecode cache (PYTHONDONTWRITEBYTECODE
is removed from their environment and one warm-up run writes the cache), as a user's would;
without a cache every process compiles the project's modules from source (about 15 ms more). Prints a Markdown table; copy it into
BENCHMARKS.md under "## Zoeken". Corpora and indexes live in benchmarks/out/ (gitignored).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "benchmarks" / "out"
KENNISBANK = str(ROOT / ".venv" / "bin" / "kennisbank")

from benchmarks.generate import generate  # noqa: E402

PLAIN = ["werkgevers", "financiële ondersteuning", "leerwerkplekken statushouders", "zorgboerderij dieren",
         "jobcoach overstap reguliere werkgever", '"vaste begeleider"', "fietsenwerkplaats -groningen"]
FILTERED = [("werkgevers", {"regions": ["Twente"]}), ("jongeren", {"themes": ["jongeren", "ontwikkeling"]}),
            ("statushouders", {"since": 2018}), ("detacheren", {"regions": ["Zuid-Limburg", "Groningen"],
                                                                "themes": ["detachering"]})]
PREFIX = ["werk*", "leer*", "fiets*", "begeleid*", "financ* werkgev*"]
QUERY = "werkgevers"
GREP_WORD = "werkgever"


#: CPU seconds (user + system) of the last process run_process ran
LAST_CPU = 0.0


def run_process(args: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """(seconds, max RSS in MB, stdout) of one whole process (its CPU time in LAST_CPU)."""
    global LAST_CPU
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out = proc.stdout.read()
    proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    LAST_CPU = usage.ru_utime + usage.ru_stime
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0,):
        raise SystemExit(f"{args} gaf afsluitcode {proc.returncode}")
    return elapsed, usage.ru_maxrss // 1024, out.decode("utf-8", "replace")


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def time_queries(searcher, cases, repeat: int, snippets: bool) -> list[float]:
    from search import resolve_filters

    times = []
    for _ in range(repeat):
        for text, filters in cases:
            flt = resolve_filters(**filters)
            start = time.perf_counter()
            searcher.search(text, flt, limit=10, snippets=snippets)
            times.append(time.perf_counter() - start)
    return times


def fts5(folder: Path, queries: list[str]) -> tuple[float, list[float]]:
    """(build seconds, query times) for SQLite FTS5 over the same files (front matter included)."""
    db = sqlite3.connect(":memory:")
    start = time.perf_counter()
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(path, text, tokenize='unicode61 remove_diacritics 2')")
    rows = ((p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.md")))
    db.executemany("INSERT INTO docs VALUES (?, ?)", rows)
    db.commit()
    build = time.perf_counter() - start
    times = []
    for _ in range(5):
        for q in queries:
            words = " OR ".join(w.strip('"-*') for w in q.split() if w.strip('"-*') and not w.startswith("-"))
            start = time.perf_counter()
            db.execute("SELECT path, snippet(docs, 1, '<b>', '</b>', '…', 12) FROM docs WHERE docs MATCH ? "
                       "ORDER BY rank LIMIT 10", (words,)).fetchall()
            times.append(time.perf_counter() - start)
    return build, times


def cold_searches(env: dict, folder: Path, runs: int, r: dict) -> None:
    """Cold `kennisbank search` (terminal output and --json) and `grep -ril`, taking turns."""
    import json

    r["matches"] = json.loads(run_process([KENNISBANK, "search", QUERY, "--json"], env)[2])["total"]
    run_process([KENNISBANK, "search", QUERY], env)  # warm-up (bytecode cache, page cache)
    grep, terminal, as_json, ratios, json_ratios, mems = [], [], [], [], [], []
    cpu: dict[str, list[float]] = {"grep": [], "terminal": [], "json": []}
    for _ in range(runs):
        g = run_process(["grep", "-ril", GREP_WORD, str(folder)])[0]
        cpu["grep"].append(LAST_CPU)
        t, mem, _ = run_process([KENNISBANK, "search", QUERY], env)
        cpu["terminal"].append(LAST_CPU)
        j, mem_json, _ = run_process([KENNISBANK, "search", QUERY, "--json"], env)
        cpu["json"].append(LAST_CPU)
        grep.append(g)
        terminal.append(t)
        as_json.append(j)
        ratios.append(t / g)
        json_ratios.append(j / g)
        mems += [mem, mem_json]
    r["grep_s"] = statistics.median(grep)
    r["cold_search_rich_s"] = statistics.median(terminal)
    r["cold_search_s"] = statistics.median(as_json)
    r["cold_ratio"] = statistics.median(ratios)
    r["cold_json_ratio"] = statistics.median(json_ratios)
    r["cold_search_mb"] = max(mems)
    r["cpu"] = {k: statistics.median(v) for k, v in cpu.items()}
    r["load_after"] = os.getloadavg()[0]


def bench(n: int, runs: int, cold_only: bool = False) -> dict:
    folder = OUT / f"p{n}"
    index = OUT / f"ix{n}"
    generate(folder, n, seed=0)
    env = dict(os.environ, KENNISBANK_PRACTICES=str(folder), KENNISBANK_INDEX=str(index))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("KENNISBANK_MEETINGS", None)  # no meetings folder beside the corpus: practices only
    r: dict = {"n": n}

    run_process([KENNISBANK, "--help"], env)  # writes the bytecode cache
    full, full_mem, _ = run_process([KENNISBANK, "index", "--full"], env)
    r["full_index_s"], r["full_index_mb"], r["full_index_cpu"] = full, full_mem, LAST_CPU
    r["load"] = os.getloadavg()[0]
    if cold_only:
        cold_searches(env, folder, runs, r)
        return r

    # one-file updates: change one practice, time the whole `kennisbank index` process; three
    # different files, each change left in place (the index collects small segments), then restored
    files = sorted(folder.glob("*.md"))
    originals = {}
    updates = []
    try:
        for k in (2, 3, 5):
            target = files[n * k // 7]
            originals[target] = target.read_bytes()
            target.write_bytes(originals[target] + b"\nExtra zin voor de benchmark: een nieuwe werkgever doet mee.\n")
            t, _mem, out = run_process([KENNISBANK, "index"], env)
            assert "1 gewijzigd" in out, out
            updates.append(t)
    finally:
        for target, original in originals.items():
            target.write_bytes(original)
    r["one_file_update_s"] = statistics.median(updates)
    run_process([KENNISBANK, "index"], env)
    r["noop_index_s"] = statistics.median(run_process([KENNISBANK, "index"], env)[0] for _ in range(3))

    from search import similar_all, store
    from search.query import IndexSearcher

    searcher = IndexSearcher(store.open_index(index))
    r["segments"] = len(searcher.searcher.reader().leaf_readers())
    try:
        time_queries(searcher, [(q, {}) for q in PLAIN], 1, True)  # warm up
        r["plain"] = time_queries(searcher, [(q, {}) for q in PLAIN], 5, snippets=False)
        r["filtered"] = time_queries(searcher, FILTERED, 5, snippets=False)
        r["prefix"] = time_queries(searcher, [(q, {}) for q in PREFIX], 5, snippets=False)
        r["highlight"] = time_queries(searcher, [(q, {}) for q in PLAIN + PREFIX], 5, snippets=True)
    finally:
        searcher.close()

    r["similar_all_s"] = None
    if n <= 1000:
        start = time.perf_counter()
        similar_all(folder, index, limit=5)
        r["similar_all_s"] = time.perf_counter() - start

    cold_searches(env, folder, runs, r)
    r["fts5_build_s"], fts_times = fts5(folder, PLAIN)
    r["fts5_p50_ms"] = percentile(fts_times, 0.5) * 1000
    return r


def ms(values: list[float], p: float) -> float:
    return percentile(values, p) * 1000


def report(results: list[dict]) -> str:
    lines = ["| meting | " + " | ".join(f"{r['n']:,}".replace(",", ".") + " praktijken" for r in results) + " | doel (10.000) |",
             "|---|" + "---|" * len(results) + "---|"]

    def row(label, fn, target=""):
        lines.append(f"| {label} | " + " | ".join(fn(r) for r in results) + f" | {target} |")

    row("volledige index (`kennisbank index --full`, heel proces)", lambda r: f"{r['full_index_s']:.1f} s", "≤ 20 s")
    row("piekgeheugen volledige index", lambda r: f"{r['full_index_mb']} MB", "≤ 400 MB")
    row(f"praktijken die `{QUERY}` vindt", lambda r: f"{r['matches']:,}".replace(",", "."), "≥ 1.000")
    row(f"koude `kennisbank search {QUERY}`, uitvoer voor de terminal (mediaan)",
        lambda r: f"{r['cold_search_rich_s']:.3f} s", "≤ 0,25 s")
    row(f"koude `kennisbank search {QUERY} --json` (mediaan)", lambda r: f"{r['cold_search_s']:.3f} s")
    row(f"`grep -ril {GREP_WORD}` (mediaan)", lambda r: f"{r['grep_s']:.3f} s")
    row("koude zoekopdracht (terminal) ÷ grep, mediaan per beurt", lambda r: f"{r['cold_ratio']:.2f}×", "≤ 2,5×")
    row("koude zoekopdracht (`--json`) ÷ grep, mediaan per beurt", lambda r: f"{r['cold_json_ratio']:.2f}×")
    row("piekgeheugen koude zoekopdracht", lambda r: f"{r['cold_search_mb']} MB")
    row("CPU-tijd (user + sys): volledige index", lambda r: f"{r['full_index_cpu']:.1f} s")
    row("CPU-tijd (mediaan): koude zoekopdracht terminal / `--json` / grep",
        lambda r: f"{r['cpu']['terminal']:.3f} / {r['cpu']['json']:.3f} / {r['cpu']['grep']:.3f} s")
    row("CPU-tijd koude zoekopdracht (terminal) ÷ CPU-tijd grep",
        lambda r: f"{r['cpu']['terminal'] / r['cpu']['grep']:.1f}×")
    row("load average (1 min) bij de start / na de zoekopdrachten",
        lambda r: f"{r['load']:.1f} / {r['load_after']:.1f}")
    if not all("plain" in r for r in results):
        return "\n".join(lines)
    row("één bestand gewijzigd (`kennisbank index`, heel proces, mediaan van 3)",
        lambda r: f"{r['one_file_update_s']:.2f} s", "≤ 0,5 s")
    row("segmenten in de index na die updates", lambda r: str(r["segments"]))
    row("niets gewijzigd (`kennisbank index`, heel proces)", lambda r: f"{r['noop_index_s']:.2f} s")
    for key, label in (("plain", "gewone woorden"), ("filtered", "met filters"), ("prefix", "met prefix (werk*)"),
                       ("highlight", "met gemarkeerde fragmenten")):
        row(f"zoeken in proces, {label}: p50 / p95",
            lambda r, k=key: f"{ms(r[k], 0.5):.1f} / {ms(r[k], 0.95):.1f} ms", "p95 ≤ 100 ms")
    row("`similar_all` (vergelijkbare praktijken van alle praktijken, in proces)",
        lambda r: "—" if r["similar_all_s"] is None else f"{r['similar_all_s']:.1f} s")
    row("SQLite FTS5: index bouwen (in proces)", lambda r: f"{r['fts5_build_s']:.2f} s")
    row("volledige index ÷ FTS5-bouw", lambda r: f"{r['full_index_s'] / r['fts5_build_s']:.0f}×")
    row("SQLite FTS5: zoeken p50", lambda r: f"{r['fts5_p50_ms']:.2f} ms")
    row("Whoosh p50 (gewone woorden) ÷ FTS5 p50", lambda r: f"{ms(r['plain'], 0.5) / r['fts5_p50_ms']:.0f}×")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="Meet de zoekfunctie op synthetische praktijken.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=7, help="aantal koude processen per meting (mediaan)")
    parser.add_argument("--cold-only", action="store_true",
                        help="alleen de volledige index en de koude zoekopdrachten meten")
    args = parser.parse_args()
    results = []
    for n in args.sizes:
        print(f"… {n} praktijken", file=sys.stderr, flush=True)
        results.append(bench(n, args.runs, args.cold_only))
    print(f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print()
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
