"""``kennisbank show SLUG``."""

from __future__ import annotations

import sys

import click

from ..errors import UnknownSlugError
from ..model import Practice
from ..vocabulary import default_vocabulary
from .common import load_valid, pass_settings
from .terminal import console as plain_console
from .terminal import echo, plain


def practice_header(practice: Practice) -> list[tuple[str, str]]:
    """Label/value rows of the info panel, in Dutch, with labels for themes."""
    vocab = default_vocabulary()
    rows = [
        ("Regio", ", ".join(practice.region)),
        ("Thema's", ", ".join(vocab.theme(t).label for t in practice.themes)),
        ("Organisaties", ", ".join(practice.organisations)),
        ("Startjaar", str(practice.year)),
    ]
    if practice.status:
        rows.append(("Status", practice.status))
    if practice.funding:
        rows.append(("Financiering", practice.funding))
    if practice.contact:
        c = practice.contact
        rows.append(("Contact", ", ".join(v for v in (c.name, c.organisation, c.email, c.phone) if v)))
    for link in practice.links:
        rows.append(("Link", f"{link.title} <{link.url}>"))
    if practice.tags:
        rows.append(("Trefwoorden", ", ".join(practice.tags)))
    if practice.date:
        rows.append(("Toegevoegd", practice.date.isoformat()))
    if practice.updated:
        rows.append(("Bijgewerkt", practice.updated.isoformat()))
    if practice.draft:
        rows.append(("Concept", "ja (niet gepubliceerd)"))
    rows.append(("Bestand", practice.path.as_posix()))
    return rows


@click.command(help="""Toon één praktijk: de gegevens, de beschrijving en vergelijkbare praktijken.

SLUG is de bestandsnaam zonder .md, bijvoorbeeld 'fietsenwerkplaats-twente'.
De vergelijkbare praktijken komen uit de zoekindex (die zo nodig eerst wordt bijgewerkt).
Afsluitcode 1 als er geen praktijk met die slug is (met suggesties).""")
@click.argument("slug")
@pass_settings
def show(settings, slug: str) -> None:
    result = load_valid(settings)
    try:
        practice = result.get(slug.removesuffix(".md"))
    except UnknownSlugError as exc:
        echo(f"Fout: geen praktijk met slug '{exc.slug}'.", err=True)
        if exc.suggestions:
            echo("Bedoelde je: " + ", ".join(exc.suggestions) + "?", err=True)
        else:
            click.echo("Zoek met 'kennisbank search WOORDEN' of bekijk de map met praktijken.", err=True)
        sys.exit(1)

    from rich.markdown import Markdown
    from rich.table import Table

    from ..textutil import printable

    console = plain_console()
    console.print(plain(practice.title, "bold"))
    console.print(plain(practice.description))
    console.print()
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for label, value in practice_header(practice):
        table.add_row(plain(label), plain(value))
    console.print(table)
    console.print()
    # Links show their address: a terminal hyperlink would hide where it points.
    console.print(Markdown(printable(practice.body), hyperlinks=False))
    if not practice.draft:
        print_similar(console, settings, practice.slug, result)


def similar_rows(settings, slug: str, result) -> list[tuple[str, str]]:
    """(slug, title) of practices like this one, from the search index; empty when unavailable."""
    from ..errors import KennisbankError

    try:
        from search import similar

        found = similar(result, settings.index, slug, limit=5)
    except KennisbankError as exc:
        click.echo(f"Let op: vergelijkbare praktijken niet beschikbaar ({exc}).", err=True)
        return []
    rows = []
    for other, _score in found:
        try:
            rows.append((other, result.get(other).title))
        except UnknownSlugError:
            continue
    return rows


def print_similar(console, settings, slug: str, result) -> None:
    from rich.text import Text

    rows = similar_rows(settings, slug, result)
    if not rows:
        return
    console.print()
    console.print(plain("Vergelijkbare praktijken", "bold"))
    for other, title in rows:
        console.print(Text.assemble("  • ", plain(title), plain(f"  (kennisbank show {other})", "dim")))
