"""``kennisbank agenda``."""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from ..settings import Settings
from .common import load_valid_with_meetings, pass_settings, plural


@click.command(help="""Toon de bijeenkomsten: de komende (vandaag en later, eerstvolgende eerst) of met
--past de afgelopen (meest recente eerst). Concepten (draft: true) staan er niet bij.

De bijeenkomsten staan in de map meetings/ naast de map met praktijken (of --meetings MAP,
of $KENNISBANK_MEETINGS). --region mag u herhalen (een van deze regio's); regio's en soorten
mag u schrijven zoals in een bijeenkomst (hoofdletters, afkortingen en namen mogen).

\b
Voorbeelden:
  kennisbank agenda
  kennisbank agenda --region Twente --region Achterhoek
  kennisbank agenda --kind procesondersteuning --past
  kennisbank agenda --json

Afsluitcode 0: getoond (ook als er geen bijeenkomsten zijn); 1: ongeldige inhoud; 2: verkeerd
gebruik.""")
@click.option("--region", "regions", multiple=True, metavar="REGIO",
              help="Alleen bijeenkomsten in deze arbeidsmarktregio (herhaal voor meer regio's).")
@click.option("--kind", metavar="SOORT",
              help="Alleen deze soort: kennisuitwisseling, samenwerking-sociaal-domein of procesondersteuning.")
@click.option("--past", "show_past", is_flag=True, help="De afgelopen bijeenkomsten in plaats van de komende.")
@click.option("--json", "as_json", is_flag=True, help="Uitvoer als JSON (voor scripts).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), hidden=True,
              help="Doe alsof het vandaag deze datum is (voor tests).")
@pass_settings
def agenda(settings: Settings, regions: tuple[str, ...], kind: str | None, show_past: bool, as_json: bool,
           today: dt.datetime | None) -> None:
    from ..meetings import agenda as lib
    from ..meetings.kinds import default_kinds
    from ..vocabulary import default_vocabulary

    try:
        wanted_regions, kind_id = lib.resolve_filters(regions, kind, default_vocabulary(), default_kinds())
    except lib.UnknownAgendaFilterError as exc:
        raise click.UsageError(f"{exc.option}: {exc}") from None
    _practices, meetings = load_valid_with_meetings(settings)
    day = today.date() if today else dt.date.today()
    chosen = lib.select(meetings.meetings, day, regions=wanted_regions, kind=kind_id, show_past=show_past)

    if as_json:
        sys.stdout.write(json.dumps(lib.to_json_dict(chosen), ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
        return
    if settings.meetings is None:
        click.echo("Geen map met bijeenkomsten: maak een map meetings/ naast de map met praktijken, "
                   "of kies er een met --meetings MAP.", err=True)
    which = "afgelopen" if show_past else "komende"
    if not chosen:
        click.echo(f"Geen {which} bijeenkomsten" + (" met deze keuze." if regions or kind else "."))
        return
    click.echo(f"{plural(len(chosen), f'{which} bijeenkomst', f'{which} bijeenkomsten')}:".capitalize())
    kinds = default_kinds()
    for meeting in chosen:
        click.echo("")
        click.echo(lib.when(meeting) + ("  (gaat niet door)" if meeting.cancelled else ""))
        click.echo(f"  {meeting.title}")
        details = [kinds.get(meeting.kind).label, ", ".join(meeting.region)]
        if lib.where(meeting):
            details.append(lib.where(meeting))
        click.echo("  " + " · ".join(details))
        if meeting.practices:
            click.echo(f"  Praktijken: {', '.join(meeting.practices)}")
        if not show_past and meeting.registration and not meeting.cancelled:
            click.echo(f"  Aanmelden: {meeting.registration}")
        click.echo(f"  {lib.display_path(meeting.path)}")
