"""Validate only the given practice files: the pre-commit hook (``python -m build_tools.precommit``).

``.pre-commit-config.yaml`` runs this for every staged ``practices/*.md``. Each file goes
through the same file rule (:mod:`build_tools.files`) and the same reading and checks
(:func:`build_tools.load.load_paths`) as ``kennisbank validate``; problems are printed as
``PATH:LINE: FIELD: message`` and the exit code is 1 when there are any. Files that are not
practices (``README.md``, hidden files) are skipped. Whole-folder checks (two files with the
same slug in different subfolders) are left to ``kennisbank validate``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import KennisbankError
from .load import load_paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_tools.precommit",
        description="Controleer alleen de opgegeven praktijkbestanden (voor pre-commit).")
    parser.add_argument("files", nargs="*", type=Path, metavar="BESTAND", help="praktijkbestanden (.md)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="uitvoer als tekst of als GitHub Actions-annotaties")
    args = parser.parse_args(argv)

    try:
        result = load_paths(args.files)
    except KennisbankError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    problems = result.problems

    for problem in problems:
        print(problem.format_github() if args.format == "github" else problem.format())
    checked = f"{result.files} {'praktijk' if result.files == 1 else 'praktijken'} gecontroleerd"
    if problems:
        n = len(problems)
        print(f"{n} {'probleem' if n == 1 else 'problemen'} ({checked}). "
              "Los ze op en probeer het opnieuw; uitleg staat in CONTRIBUTING.md.")
        return 1
    if result.files:
        print(f"{checked}: alles in orde.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
