"""``kennisbank export``."""

from __future__ import annotations

import sys

import click

from ..export import FORMATS, MEETING, PRACTICE, TYPES, export_bytes
from ..settings import Settings
from .common import load_valid, load_valid_with_meetings, pass_settings


@click.command(help="""Schrijf alle gepubliceerde praktijken (of met --type bijeenkomst alle
bijeenkomsten) als open data naar de standaarduitvoer. De site biedt dezelfde bestanden aan als
download (pagina Open data).

JSON: een lijst met per praktijk of bijeenkomst alle velden (regio's als officiële namen, thema's
en soorten als id) en de tekst. Een bijeenkomst heeft daarnaast has_report: true als er een
verslag is (een kop ## Verslag).

CSV: geschikt voor Nederlandse Excel. Het scheidingsteken is een puntkomma, omdat
Nederlandse Excel de komma als decimaalteken gebruikt; de codering is UTF-8 met BOM, zodat
Excel letters als ë en é goed toont. Meerdere waarden in één cel staan gescheiden door ' | '.
Een cel die begint met =, +, -, @, een tab of een regelterugloop krijgt een ' ervoor, zodat Excel
er geen formule van maakt.

Het veld 'path' is het pad vanaf de map boven de praktijkenmap, bijvoorbeeld practices/x.md
(bij bijeenkomsten: meetings/x.md).

\b
Voorbeelden:
  kennisbank export --format csv > praktijken.csv
  kennisbank export --format json --type bijeenkomst > bijeenkomsten.json""")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="json of csv.")
@click.option("--type", "kind", type=click.Choice(TYPES), default=PRACTICE, show_default=True,
              help="Wat u exporteert: praktijk of bijeenkomst.")
@pass_settings
def export(settings: Settings, fmt: str, kind: str) -> None:
    if kind == MEETING:
        _practices, meetings = load_valid_with_meetings(settings)
        if settings.meetings is None:
            click.echo("Geen map met bijeenkomsten: maak een map meetings/ naast de map met praktijken, "
                       "of kies er een met --meetings MAP.", err=True)
        data = export_bytes(MEETING, fmt, meetings.meetings, settings.meetings)
    else:
        data = export_bytes(PRACTICE, fmt, load_valid(settings).practices, settings.practices)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
