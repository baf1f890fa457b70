"""``kennisbank stats``."""

from __future__ import annotations

import json

import click

from ..stats import coverage
from ..vocabulary import default_vocabulary
from .common import load_valid, pass_settings, plural


@click.command(help="""Toon de dekking: aantal praktijken per arbeidsmarktregio en per thema,
en de regio's zonder praktijken. Concepten (draft: true) tellen niet mee.""")
@click.option("--json", "as_json", is_flag=True, help="Uitvoer als JSON.")
@pass_settings
def stats(settings, as_json: bool) -> None:
    vocab = default_vocabulary()
    cov = coverage(load_valid(settings).practices, vocab)
    if as_json:
        click.echo(json.dumps(cov.to_dict(), ensure_ascii=False, indent=2))
        return
    width = max(len(name) for name in vocab.region_names)
    labels = {t.id: f"{t.label} ({t.id})" for t in vocab.themes}
    theme_width = max(len(label) for label in labels.values())
    click.echo(f"Dekking: {plural(cov.total, 'praktijk', 'praktijken')}")
    click.echo("")
    click.echo("Per regio:")
    for name, count in cov.by_region.items():
        click.echo(f"  {name:<{width}}  {count:>4}")
    click.echo("")
    click.echo("Per thema:")
    for theme_id, count in cov.by_theme.items():
        click.echo(f"  {labels[theme_id]:<{theme_width}}  {count:>4}")
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
