"""``kennisbank index``."""

from __future__ import annotations

import click

from ..errors import InvalidContentError
from ..settings import Settings
from .common import pass_settings, plural, problem_count, stop_for_problems
from .progress import shown


@click.command(help="""Bouw de zoekindex of werk hem bij.

De bijeenkomsten (zie --meetings) komen er ook in. Alleen toegevoegde, gewijzigde en
verwijderde praktijken en bijeenkomsten worden verwerkt (herkend aan de inhoud van het
bestand); met --full wordt de index helemaal opnieuw opgebouwd. Concepten (draft: true)
komen niet in de index.

Afsluitcode 0: de index is bijgewerkt; 1: er zijn ongeldige praktijken of bijeenkomsten (de meldingen staan
op stderr, de index blijft zoals hij was).""")
@click.option("--full", is_flag=True, help="Bouw de index helemaal opnieuw op in plaats van alleen bij te werken.")
@pass_settings
def index(settings: Settings, full: bool) -> None:
    from search import update_index

    try:
        with shown() as progress:
            report = update_index(settings.practices, settings.index, full=full, meetings=settings.meetings,
                                  progress=progress)
    except InvalidContentError as exc:
        stop_for_problems(exc.problems, f"{problem_count(exc.problems)}; de zoekindex is niet bijgewerkt. "
                                        "Los de problemen op ('kennisbank validate' toont ze ook).")
    click.echo(report.message)
    if report.drafts:
        click.echo(f"{plural(report.drafts, 'concept', 'concepten')} niet opgenomen (draft: true).")
