"""``kennisbank export``."""

from __future__ import annotations

import sys

import click

from ..export import to_csv, to_json
from ..settings import Settings
from .common import load_valid, pass_settings


@click.command(help="""Schrijf alle gepubliceerde praktijken als open data naar de standaarduitvoer.

JSON: een lijst met per praktijk alle velden (regio's als officiële namen, thema's als id) en
de tekst.

CSV: geschikt voor Nederlandse Excel. Het scheidingsteken is een puntkomma, omdat
Nederlandse Excel de komma als decimaalteken gebruikt; de codering is UTF-8 met BOM, zodat
Excel letters als ë en é goed toont. Meerdere waarden in één cel staan gescheiden door ' | '.
Een cel die begint met =, +, -, @, een tab of een regelterugloop krijgt een ' ervoor, zodat Excel
er geen formule van maakt.

Het veld 'path' is het pad vanaf de map boven de praktijkenmap, bijvoorbeeld practices/x.md.

Voorbeeld: kennisbank export --format csv > praktijken.csv""")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), required=True, help="json of csv.")
@pass_settings
def export(settings: Settings, fmt: str) -> None:
    practices = load_valid(settings).practices
    if fmt == "json":
        sys.stdout.buffer.write(to_json(practices, settings.practices).encode("utf-8"))
    else:
        sys.stdout.buffer.write(to_csv(practices, settings.practices).encode("utf-8-sig"))
    sys.stdout.buffer.flush()
