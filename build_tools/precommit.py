"""Validate only the given practice files: the pre-commit hook (``python -m build_tools.precommit``).

``.pre-commit-config.yaml`` runs this for every staged ``practices/*.md``. Each file is read
and checked with the same :func:`build_tools.load.load_file` as ``kennisbank validate``;
problems are printed as ``PATH:LINE: FIELD: message`` and the exit code is 1 when there are
any. Files that are not practices (``README.md``, hidden files) are skipped, like
:func:`build_tools.load.practice_files` does. Whole-folder checks (two files with the same
slug in different subfolders) are left to ``kennisbank validate``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import KennisbankError
from .load import IGNORED_NAMES, load_file
from .vocabulary import default_vocabulary


def is_practice_file(path: Path) -> bool:
    name = path.name
    return (name.endswith(".md") and not name.startswith(".") and name.lower() not in IGNORED_NAMES
            and not any(part.startswith((".", "_")) for part in path.parent.parts if part not in (".", "..")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_tools.precommit",
        description="Controleer alleen de opgegeven praktijkbestanden (voor pre-commit).")
    parser.add_argument("files", nargs="*", type=Path, metavar="BESTAND", help="praktijkbestanden (.md)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="uitvoer als tekst of als GitHub Actions-annotaties")
    args = parser.parse_args(argv)

    files = [f for f in args.files if is_practice_file(f)]
    try:
        vocab = default_vocabulary()
        problems = []
        for path in files:
            _practice, found = load_file(path, vocab)
            problems.extend(found)
    except KennisbankError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1

    for problem in problems:
        print(problem.format_github() if args.format == "github" else problem.format())
    checked = f"{len(files)} {'praktijk' if len(files) == 1 else 'praktijken'} gecontroleerd"
    if problems:
        n = len(problems)
        print(f"{n} {'probleem' if n == 1 else 'problemen'} ({checked}). "
              "Los ze op en probeer het opnieuw; uitleg staat in CONTRIBUTING.md.")
        return 1
    if files:
        print(f"{checked}: alles in orde.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
