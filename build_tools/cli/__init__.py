"""The ``kennisbank`` command: a thin click layer over the library.

Subcommands live one per module and are imported only when used, so that
``kennisbank search`` does not pay for the site builder's imports.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from pathlib import Path

import click

from ..errors import KennisbankError
from ..settings import INDEX_ENV, MEETINGS_ENV, PRACTICES_ENV, Settings
from . import i18n

i18n.install()

#: name -> (module, attribute, one-line help shown in ``kennisbank --help``)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "validate": ("validate", "validate", "Controleer alle praktijken."),
    "index": ("index", "index", "Bouw of werk de zoekindex bij."),
    "search": ("search", "search", "Zoek in de praktijken."),
    "show": ("show", "show", "Toon één praktijk."),
    "new": ("new", "new", "Maak een nieuw praktijkbestand aan."),
    "export": ("export", "export", "Alle praktijken als open data (JSON of CSV)."),
    "stats": ("stats", "stats", "Dekking: praktijken per regio en thema."),
    "stale": ("stale", "stale", "Praktijken die lang niet zijn bijgewerkt."),
    "agenda": ("agenda", "agenda", "De komende (of afgelopen) bijeenkomsten."),
    "new-meeting": ("new_meeting", "new_meeting", "Maak een nieuw bestand voor een bijeenkomst aan."),
    "build": ("site", "build", "Controleer, indexeer en bouw de site in site/."),
    "serve": ("site", "serve", "Bekijk de site op http://127.0.0.1:8000."),
}

#: Short commands that only read (and bring the search index up to date, which is finished
#: when they return): they run without Python's cyclic garbage collector, and their process
#: ends without Python's clean-up of every module and object; together about a seventh of a
#: cold ``kennisbank search`` (see :func:`main`).
QUICK_EXIT = frozenset({"search"})

OPTIONS_METAVAR = "[OPTIES]"
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module_name, attribute, _help = COMMANDS[name]
        module = importlib.import_module(f"{__name__}.{module_name}")
        command = getattr(module, attribute)
        command.options_metavar = OPTIONS_METAVAR
        return command

    def invoke(self, ctx: click.Context):
        """Run the subcommand: the one place where a library error becomes 'Fout: …' and exit 1."""
        from .common import Failure

        try:
            value = super().invoke(ctx)
        except KennisbankError as exc:
            raise Failure(str(exc)) from exc
        self.finished = ctx.invoked_subcommand
        return value

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, short) for name, (_m, _a, short) in COMMANDS.items()]
        with formatter.section(i18n.DUTCH["Commands"]):
            formatter.write_dl(rows)


@click.group(name="kennisbank", cls=LazyGroup, context_settings=CONTEXT_SETTINGS, options_metavar=OPTIONS_METAVAR,
             subcommand_metavar="OPDRACHT [ARGUMENTEN]...")
@click.option(
    "--practices", "practices", type=click.Path(path_type=Path, file_okay=False), default=None,
    metavar="MAP",
    help=f"Map met praktijkbestanden (standaard: practices/ van het project, of ${PRACTICES_ENV}).",
)
@click.option(
    "--index", "index", type=click.Path(path_type=Path, file_okay=False), default=None, metavar="MAP",
    help=f"Map voor de zoekindex (standaard: een cachemap van het project, of ${INDEX_ENV}).",
)
@click.option(
    "--meetings", "meetings", type=click.Path(path_type=Path, file_okay=False), default=None, metavar="MAP",
    help=f"Map met bijeenkomsten (standaard: ${MEETINGS_ENV}, of de map meetings/ naast de map met praktijken).",
)
@click.option("--quiet", "-q", "quiet", is_flag=True,
              help="Toon geen voortgang, ook niet op een terminal (zonder terminal verschijnt die nooit).")
@click.version_option(package_name="kennisbank", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, practices: Path | None, index: Path | None, meetings: Path | None,
        quiet: bool) -> None:
    """Kennisbank goede praktijken van sociale werkbedrijven.

    Controleer, doorzoek en publiceer de praktijken. Gebruik 'kennisbank OPDRACHT --help'
    voor de opties van een opdracht.
    """
    from .terminal import tolerate_unencodable

    from .progress import QUIET

    tolerate_unencodable()
    if ctx.invoked_subcommand not in QUICK_EXIT:
        gc.enable()  # paused by main() while Python imported the command
    ctx.meta[QUIET] = quiet
    ctx.obj = Settings.resolve(practices, index, meetings)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point (library errors: see :meth:`LazyGroup.invoke`).

    The cyclic garbage collector waits while the command's modules are imported (they make
    many objects that all live on; collecting finds nothing) and, for a command of
    :data:`QUICK_EXIT`, until the end: its memory is small and freed by reference counting.
    After such a command succeeded, the output is flushed and the process ends at once
    (``os._exit``): nothing is left to close, and Python's own clean-up would only free memory
    the system frees anyway."""
    gc.disable()
    cli.finished = None
    try:
        cli.main(args=argv, prog_name="kennisbank", standalone_mode=True)
    except SystemExit as exc:
        if cli.finished in QUICK_EXIT and exc.code in (None, 0):
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except OSError:  # a closed pipe: Python's own clean-up reports it as usual
                raise exc from None
            os._exit(0)
        raise
