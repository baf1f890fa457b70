"""``kennisbank stats``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

import click

from ..stats import coverage, meeting_counts
from ..vocabulary import default_vocabulary
from .common import load_valid_with_meetings, pass_settings, plural


@click.command(help="""Toon de dekking: aantal praktijken per arbeidsmarktregio en per thema,
en de regio's zonder praktijken; daarna het aantal bijeenkomsten per soort en per regio, komend
en afgelopen. Concepten (draft: true) tellen niet mee.

De bijeenkomsten staan in de map meetings/ naast de map met praktijken (of --meetings MAP, of
$KENNISBANK_MEETINGS).""")
@click.option("--json", "as_json", is_flag=True, help="Uitvoer als JSON.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), hidden=True,
              help="Doe alsof het vandaag deze datum is (voor tests).")
@pass_settings
def stats(settings, as_json: bool, today: dt.datetime | None) -> None:
    from ..meetings.kinds import default_kinds

    vocab, kinds = default_vocabulary(), default_kinds()
    loaded, meetings = load_valid_with_meetings(settings)
    cov = coverage(loaded.practices, vocab)
    counts = meeting_counts(meetings.meetings, vocab, kinds, today.date() if today else dt.date.today())
    if as_json:
        click.echo(json.dumps({**cov.to_dict(), "meetings": counts.to_dict()}, ensure_ascii=False, indent=2))
        return
    width = max(len(name) for name in vocab.region_names)
    labels = {t.id: f"{t.label} ({t.id})" for t in vocab.themes}
    theme_width = max(len(label) for label in labels.values())
    click.echo(f"Dekking: {plural(cov.total, 'praktijk', 'praktijken')}")
    click.echo("")
    _table("Per regio:", cov.by_region.items(), width)
    click.echo("")
    _table("Per thema:", ((labels[t], n) for t, n in cov.by_theme.items()), theme_width)
    click.echo("")
    empty = cov.empty_regions
    regions_total = len(vocab.labour_market_regions)
    if empty:
        click.echo(f"Regio's zonder praktijken ({len(empty)} van {regions_total}):")
        for name in empty:
            click.echo(f"  {name}")
    else:
        click.echo(f"Alle {regions_total} regio's hebben minstens één praktijk.")
    if cov.empty_themes:
        click.echo("")
        click.echo("Thema's zonder praktijken: " + ", ".join(cov.empty_themes))

    click.echo("")
    if settings.meetings is None:
        click.echo("Bijeenkomsten: geen map met bijeenkomsten (maak een map meetings/ naast de map met "
                   "praktijken, of kies er een met --meetings MAP).")
        return
    summary = f"Bijeenkomsten: {counts.total}"
    if counts.total:
        summary += f" ({counts.upcoming} komende, {counts.past} afgelopen"
        if counts.cancelled:
            summary += f"; {counts.cancelled} {'gaat' if counts.cancelled == 1 else 'gaan'} niet door"
        summary += ")"
    click.echo(summary)
    if not counts.total:
        return
    kind_labels = {k.id: f"{k.label} ({k.id})" for k in kinds.kinds}
    kind_width = max(len(label) for label in kind_labels.values())
    click.echo("")
    _table("Per soort:", ((kind_labels[k], n) for k, n in counts.by_kind.items()), kind_width)
    click.echo("")
    _table("Per regio (regio's met bijeenkomsten):", ((r, n) for r, n in counts.by_region.items() if n), width)


def _table(heading: str, rows: Iterable[tuple[str, int]], width: int) -> None:
    """A heading, then one line per row: the name left-aligned to ``width``, the number right."""
    click.echo(heading)
    for name, count in rows:
        click.echo(f"  {name:<{width}}  {count:>4}")
