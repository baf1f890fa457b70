"""``kennisbank stale [--months N]``."""

from __future__ import annotations

import datetime as dt

import click

from ..load import display_path
from ..model import Practice
from ..settings import Settings
from ..stale import DEFAULT_MONTHS, stale_practices
from .common import load_valid, pass_settings, plural
from .terminal import echo


def contact_line(practice: Practice) -> str:
    """Who to ask whether the practice still holds."""
    c = practice.contact
    if c is None:
        return "geen contactpersoon; vraag het na bij " + ", ".join(practice.organisations)
    details = [v for v in (c.organisation, c.email, c.phone) if v]
    return c.name + (f" ({', '.join(details)})" if details else "")


@click.command(help=f"""Toon praktijken die lang niet zijn bijgewerkt.

Een praktijk is verouderd als de datum in 'updated' (of anders 'date') meer dan N
kalendermaanden geleden is (standaard {DEFAULT_MONTHS}). De oudste staat bovenaan, met de
contactpersoon die je kunt vragen of de praktijk nog klopt. Praktijken zonder datum staan
apart onder 'Geen datum'. Concepten (draft: true) worden overgeslagen.

Afsluitcode 0 (ook als er verouderde praktijken zijn); 1 als de praktijken ongeldig zijn.""")
@click.option("--months", "months", type=click.IntRange(min=0), default=DEFAULT_MONTHS, show_default=True,
              metavar="N", help="Verouderd na zoveel kalendermaanden zonder update.")
@click.option("--today", "today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="JJJJ-MM-DD",
              help="Peildatum in plaats van vandaag (handig om vooruit te kijken).")
@pass_settings
def stale(settings: Settings, months: int, today: dt.datetime | None) -> None:
    result = load_valid(settings)
    report = stale_practices(result.published, months=months, today=today.date() if today else None)

    period = plural(months, "maand", "maanden")
    if report.stale:
        click.echo(f"{plural(len(report.stale), 'praktijk is', 'praktijken zijn')} langer dan {period} "
                   f"niet bijgewerkt (peildatum {report.today.isoformat()}), oudste eerst:")
        for entry in report.stale:
            p = entry.practice
            click.echo("")
            echo(f"{entry.last_changed.isoformat()}  {p.slug}  ({plural(entry.age_months, 'maand', 'maanden')} oud)")
            echo(f"    {p.title}")
            echo(f"    Vraag na bij: {contact_line(p)}")
            echo(f"    Bestand: {display_path(p.path)}")
    else:
        click.echo(f"Geen praktijken die langer dan {period} niet zijn bijgewerkt "
                   f"(peildatum {report.today.isoformat()}).")

    if report.undated:
        click.echo("")
        click.echo(f"Geen datum ({len(report.undated)}): voeg 'date' of 'updated' toe (JJJJ-MM-DD).")
        for p in report.undated:
            click.echo("")
            echo(f"geen datum  {p.slug}")
            echo(f"    {p.title}")
            echo(f"    Vraag na bij: {contact_line(p)}")
            echo(f"    Bestand: {display_path(p.path)}")
