"""``kennisbank new``: scaffold a valid practice file, interactively or fully by options."""

from __future__ import annotations

import sys
from typing import Any

import click

from .. import scaffold
from ..load import display_path
from ..scaffold import AnswerError, Answers
from ..settings import Settings
from ..validate import DESCRIPTION_LEN, MIN_YEAR, TITLE_LEN
from ..vocabulary import default_vocabulary
from .common import checked_answer as _checked, handle_errors, pass_settings


def _show_choices(kind: str) -> None:
    options = scaffold.choice_list(kind)
    width = len(str(len(options)))
    for number, (_value, shown) in enumerate(options, start=1):
        click.echo(f"  {number:>{width}}. {shown}", err=True)


def _fail(message: str) -> None:
    click.echo(f"Fout: {message}", err=True)
    sys.exit(1)


@click.command(help=f"""Maak een nieuw praktijkbestand aan in de map met praktijken.

Zonder opties vraagt de opdracht alles wat nodig is, en controleert elk antwoord meteen met
dezelfde regels als 'kennisbank validate'. Met opties kan alles in één keer (voor scripts);
met --yes wordt er niets gevraagd en is een ontbrekend antwoord een fout.

Het nieuwe bestand krijgt de kopjes Aanleiding, Aanpak, Resultaten, Lessen en Contact met
korte aanwijzingen, en de datum van vandaag. Een bestaand bestand wordt nooit overschreven.

Afsluitcode 0: aangemaakt; 1: ongeldig antwoord, ontbrekend antwoord (met --yes) of het
bestand bestaat al.""")
@click.option("--title", metavar="TITEL", help=f"Titel van de praktijk ({TITLE_LEN[0]}–{TITLE_LEN[1]} tekens).")
@click.option("--description", metavar="TEKST",
              help=f"Samenvatting in één zin ({DESCRIPTION_LEN[0]}–{DESCRIPTION_LEN[1]} tekens).")
@click.option("--region", "regions", multiple=True, metavar="REGIO",
              help="Arbeidsmarktregio of 'Landelijk'; herhaal voor meer regio's.")
@click.option("--theme", "themes", multiple=True, metavar="THEMA",
              help="Thema (id of naam); herhaal voor meer thema's.")
@click.option("--organisation", "organisations", multiple=True, metavar="NAAM",
              help="Betrokken organisatie; herhaal voor meer organisaties.")
@click.option("--year", metavar="JAAR", help=f"Startjaar ({MIN_YEAR} tot nu).")
@click.option("--slug", metavar="SLUG",
              help="Bestandsnaam zonder .md (standaard: afgeleid van de titel).")
@click.option("--yes", "-y", is_flag=True, help="Niets vragen: ontbrekende antwoorden zijn een fout.")
@pass_settings
@handle_errors
def new(settings: Settings, title: str | None, description: str | None, regions: tuple[str, ...],
        themes: tuple[str, ...], organisations: tuple[str, ...], year: str | None, slug: str | None,
        yes: bool) -> None:
    vocab = default_vocabulary()
    folder = settings.practices
    if not folder.is_dir():
        _fail(f"De map met praktijken bestaat niet: {display_path(folder)}")

    given = {
        "title": title,
        "description": description,
        "region": scaffold.clean_list(regions),
        "themes": scaffold.clean_list(themes),
        "organisations": scaffold.clean_list(organisations),
        "year": scaffold.as_year(year) if year is not None else None,
    }
    if yes:
        missing = scaffold.missing_answers(given)
        if missing:
            options = {"region": "--region", "themes": "--theme", "organisations": "--organisation"}
            names = ", ".join(options.get(m, f"--{m}") for m in missing)
            _fail(f"met --yes moeten alle verplichte antwoorden als optie worden gegeven; ontbreekt: {names}")

    # Options that were given are checked first: a script gets every problem at once.
    answers: dict[str, Any] = {}
    problems: list[str] = []
    for name, value in given.items():
        if value in (None, "", []):
            continue
        try:
            answers[name] = scaffold.check_answer(name, value, vocab)
        except AnswerError as exc:
            problems.extend(f"{name}: {m}" for m in exc.messages)
    if slug is not None:
        try:
            slug = scaffold.check_slug(slug, folder)
        except AnswerError as exc:
            problems.extend(f"slug: {m}" for m in exc.messages)
    if problems:
        for problem in problems:
            click.echo(f"Fout: {problem}", err=True)
        sys.exit(1)

    # Ask for whatever is still missing, checking each answer as it is given.
    if "title" not in answers:
        answers["title"] = click.prompt(
            f"Titel van de praktijk ({TITLE_LEN[0]}–{TITLE_LEN[1]} tekens)", err=True,
            value_proc=_checked(lambda t: scaffold.check_answer("title", t, vocab)))
    if "description" not in answers:
        answers["description"] = click.prompt(
            f"Samenvatting in één zin ({DESCRIPTION_LEN[0]}–{DESCRIPTION_LEN[1]} tekens)", err=True,
            value_proc=_checked(lambda t: scaffold.check_answer("description", t, vocab)))
    if "region" not in answers:
        click.echo("Arbeidsmarktregio's:", err=True)
        _show_choices("region")
        answers["region"] = click.prompt(
            "Regio('s): nummer(s) of naam, meerdere gescheiden door komma's", err=True,
            value_proc=_checked(lambda t: scaffold.resolve_choices(t, "region", vocab)))
    if "themes" not in answers:
        click.echo("Thema's:", err=True)
        _show_choices("themes")
        answers["themes"] = click.prompt(
            "Thema('s): nummer(s) of naam, meerdere gescheiden door komma's", err=True,
            value_proc=_checked(lambda t: scaffold.resolve_choices(t, "themes", vocab)))
    if "organisations" not in answers:
        answers["organisations"] = click.prompt(
            "Organisatie(s), meerdere gescheiden door ;", err=True,
            value_proc=_checked(lambda t: scaffold.check_answer(
                "organisations", scaffold.split_multi(t, separators=";"), vocab)))
    if "year" not in answers:
        answers["year"] = click.prompt(
            f"Startjaar ({MIN_YEAR} tot nu)", err=True,
            value_proc=_checked(lambda t: scaffold.check_answer("year", scaffold.as_year(t), vocab)))
    if slug is None:
        proposal = scaffold.propose_slug(answers["title"], folder)
        if yes:
            # Without questions, a practice with the same title is an existing file: refuse
            # (exit 1) and name a free slug, rather than silently writing a "-2" file.
            slug = scaffold.propose_slug(answers["title"])
            if scaffold.existing_file(folder, slug) is not None:
                raise scaffold.AnswerError("slug", [
                    f"er bestaat al een praktijk '{slug}' ({display_path(scaffold.existing_file(folder, slug))}); "
                    f"kies een andere bestandsnaam met --slug, bijvoorbeeld --slug {proposal}"])
        else:
            slug = click.prompt("Bestandsnaam (slug, zonder .md)", default=proposal, err=True,
                                value_proc=_checked(lambda t: scaffold.check_slug(t, folder)))

    path = scaffold.write_practice(folder, Answers(**answers, slug=slug), vocab=vocab)
    click.echo(f"Aangemaakt: {display_path(path)}")
    click.echo("Vul nu de tekst aan onder de kopjes (vervang de schuingedrukte aanwijzingen),")
    click.echo("controleer met 'kennisbank validate' en dien de praktijk in (zie CONTRIBUTING.md).")

