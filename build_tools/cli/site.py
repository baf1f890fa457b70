"""``kennisbank build`` and ``kennisbank serve``."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InvalidContentError
from ..site import DEFAULT_HOST, DEFAULT_PORT, PROJECT_CONFIG, build_site, serve_live, static_server
from .common import RETRY, Failure, pass_settings, problem_count, stop_for_problems
from .progress import shown

SITE_DIR_HELP = ("Map voor de gebouwde site (standaard: site/ van het project). Alleen een lege map of een "
                 "site die de kennisbank eerder bouwde wordt vervangen; een andere map wordt geweigerd.")


def config_option(func):
    return click.option(
        "--mkdocs-config", "config_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
        default=PROJECT_CONFIG, metavar="BESTAND",
        help="MkDocs-configuratie (standaard: mkdocs.yml van het project).")(func)


def _build(settings, site_dir: Path | None, config_file: Path):
    try:
        with shown() as progress:
            report = build_site(settings.practices, settings.index, site_dir, config_file=config_file,
                                meetings=settings.meetings, progress=progress)
    except InvalidContentError as exc:
        stop_for_problems(exc.problems, f"{problem_count(exc.problems)}: de site is niet gebouwd.", RETRY)
    if report.index_message:
        click.echo(report.index_message)
    click.echo(report.pages.summary())
    seconds = f"{report.seconds:.1f}".replace(".", ",")
    click.echo(f"Site gebouwd in {report.site_dir} ({seconds} s).")
    return report


@click.command(help="""Bouw de site: controleer de praktijken, werk de zoekindex bij, genereer de
pagina's en bouw de site met 'mkdocs build --strict'. De nieuwe site vervangt de oude pas als hij
helemaal klaar is; mislukt het bouwen, dan blijft de oude site staan.""")
@click.option("--site-dir", type=click.Path(path_type=Path, file_okay=False), default=None, metavar="MAP",
              help=SITE_DIR_HELP)
@config_option
@pass_settings
def build(settings, site_dir: Path | None, config_file: Path) -> None:
    _build(settings, site_dir, config_file)


def _served_path(config_file: Path) -> str:
    """The path ``mkdocs serve`` serves the site under: the path of ``site_url`` (``/`` without one)."""
    from urllib.parse import urlsplit

    from mkdocs.config.base import load_config

    path = urlsplit(load_config(config_file=str(config_file))["site_url"] or "/").path.strip("/")
    return f"/{path}/" if path else "/"


@click.command(help=f"""Bouw de site en bekijk hem in de browser op http://{DEFAULT_HOST}:{DEFAULT_PORT}.
Standaard herlaadt de pagina vanzelf als u een praktijk of pagina wijzigt. Stop met Ctrl+C.""")
@click.option("--site-dir", type=click.Path(path_type=Path, file_okay=False), default=None, metavar="MAP",
              help=SITE_DIR_HELP)
@click.option("--host", default=DEFAULT_HOST, show_default=True, metavar="ADRES",
              help="Adres waarop de site bereikbaar is.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535),
              metavar="POORT", help="Poort waarop de site bereikbaar is.")
@click.option("--static", "static", is_flag=True,
              help="Toon alleen de gebouwde site, zonder opnieuw bouwen en herladen bij wijzigingen.")
@config_option
@pass_settings
def serve(settings, site_dir: Path | None, host: str, port: int, static: bool, config_file: Path) -> None:
    report = _build(settings, site_dir, config_file)
    try:
        if static:
            server = static_server(report.site_dir, host, port)
            click.echo(f"De site staat op http://{host}:{server.server_address[1]}/ (stoppen met Ctrl+C).")
            try:
                server.serve_forever()
            finally:
                server.server_close()
        else:
            click.echo(f"De site staat op http://{host}:{port}{_served_path(config_file)} en herlaadt bij wijzigingen (stoppen met Ctrl+C).")
            serve_live(settings.practices, settings.index, config_file=config_file, host=host, port=port,
                       meetings=settings.meetings)
    except KeyboardInterrupt:
        click.echo("Gestopt.")
    except OSError as exc:
        raise Failure(f"kan de site niet tonen op {host}:{port} ({exc.strerror or exc}). "
                      "Is de poort al in gebruik? Kies een andere met --port.") from None
