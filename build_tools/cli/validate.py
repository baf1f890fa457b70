"""``kennisbank validate``."""

from __future__ import annotations

import sys

import click

from ..meetings.load import load_meetings_for
from ..settings import Settings
from .common import echo_problems, load_shown, pass_settings, problems_summary


@click.command(help="""Controleer alle praktijken en bijeenkomsten.

De bijeenkomsten staan in de map meetings/ naast de map met praktijken (of --meetings MAP);
de praktijken die een bijeenkomst noemt, moeten in de map met praktijken staan.

Toont elk probleem als 'PAD:REGEL: VELD: melding' en daarna een samenvatting.
Met --format github verschijnt elk probleem als annotatie bij het bestand in een pull request.

Afsluitcode 0: alles in orde; 1: er zijn problemen gevonden.""")
@click.option("--format", "fmt", type=click.Choice(["text", "github"]), default="text", show_default=True,
              help="Uitvoer als tekst of als GitHub Actions-annotaties.")
@pass_settings
def validate(settings: Settings, fmt: str) -> None:
    result = load_shown(settings)
    meetings = load_meetings_for(result, settings.meetings)
    echo_problems(result.problems + meetings.problems, fmt=fmt)
    click.echo(problems_summary(result, meetings))
    sys.exit(0 if result.ok and not meetings.problems else 1)
