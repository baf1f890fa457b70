"""Validation of hostile practice files: the work per file must grow linearly with its size.

    .venv/bin/python benchmarks/bench_validate.py

Reads and checks (:func:`build_tools.frontmatter.parse` + :func:`build_tools.validate.check`)
files with very long tag and region lists, thousands of unknown keys and deep nesting, and
prints the time per file. Before the limits of issue 8 a file with 20,000 tags took about 5 s
and one with 100,000 tags did not finish (quadratic de-duplication and one "bedoelde je"
suggestion per unknown value).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools.frontmatter import parse  # noqa: E402
from build_tools.validate import check  # noqa: E402
from build_tools.vocabulary import default_vocabulary  # noqa: E402

BASE = ("title: Werkfit in de wijk\n"
        "description: Een voorbeeld van een praktijk die aan alle regels voldoet.\n"
        "region: Twente\nthemes: [beschut-werk]\norganisations: [Werkbedrijf Voorbeeld]\nyear: 2016\n")


def case(extra: str) -> bytes:
    return ("---\n" + BASE + extra + "\n---\n\n## Aanleiding\n\nTekst.\n").encode("utf-8")


CASES = {
    "20.000 trefwoorden": case("tags: [" + ", ".join(f"t{i}" for i in range(20_000)) + "]"),
    "100.000 trefwoorden": case("tags: [" + ", ".join(f"t{i}" for i in range(100_000)) + "]"),
    "100.000 onbekende regio's": case("funding: x").replace(
        b"region: Twente", ("region: [" + ", ".join(f"Regio{i}" for i in range(100_000)) + "]").encode()),
    "5.000 onbekende velden": case("\n".join(f"regoin{i}: x" for i in range(5_000))),
    "300 geneste [": case("tags: " + "[" * 300 + "]" * 300),
}


def main() -> None:
    vocab = default_vocabulary()
    print("| bestand | grootte | tijd | eerste melding |")
    print("|---|---:|---:|---|")
    for name, raw in CASES.items():
        start = time.perf_counter()
        parsed = parse(raw, "bench.md")
        check(parsed, "bench", Path("bench.md"), vocab)
        seconds = time.perf_counter() - start
        first = parsed.problems[0].message if parsed.problems else "geen"
        print(f"| {name} | {len(raw) / 1024:,.0f} KB | {seconds:.2f} s | {first[:60]} |")


if __name__ == "__main__":
    main()
