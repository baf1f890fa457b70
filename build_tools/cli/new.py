"""``kennisbank new``: scaffold a valid practice file, interactively or fully by options."""

from __future__ import annotations

from typing import Any

import click

from .. import scaffold
from ..load import display_path
from ..scaffold import Answers
from ..settings import Settings
from ..validate import DESCRIPTION_LEN, MIN_YEAR, TITLE_LEN
from ..vocabulary import Vocabulary, default_vocabulary
from .common import Failure, Question, ask_missing, check_options, checked_answer, pass_settings, refuse_missing

#: The --yes error names these options for the answers they give.
FLAGS = {"region": "--region", "themes": "--theme", "organisations": "--organisation"}


def questions(vocab: Vocabulary) -> tuple[Question, ...]:
    """What ``new`` asks for, in order."""
    def answer(name: str, convert=lambda text: text):
        return lambda text: scaffold.check_answer(name, convert(text), vocab)

    def choose(kind: str):
        return lambda text: scaffold.resolve_choices(text, kind, vocab)

    def shown(heading: str, kind: str):
        return lambda: (heading, [text for _value, text in scaffold.choice_list(kind)])

    several = "nummer(s) of naam, meerdere gescheiden door komma's"
    return (
        Question("title", f"Titel van de praktijk ({TITLE_LEN[0]}–{TITLE_LEN[1]} tekens)", answer("title")),
        Question("description", f"Samenvatting in één zin ({DESCRIPTION_LEN[0]}–{DESCRIPTION_LEN[1]} tekens)",
                 answer("description")),
        Question("region", f"Regio('s): {several}", choose("region"),
                 choices=shown("Arbeidsmarktregio's:", "region")),
        Question("themes", f"Thema('s): {several}", choose("themes"), choices=shown("Thema's:", "themes")),
        Question("organisations", "Organisatie(s), meerdere gescheiden door ;",
                 answer("organisations", lambda text: scaffold.split_multi(text, separators=";"))),
        Question("year", f"Startjaar ({MIN_YEAR} tot nu)", answer("year", scaffold.as_year)),
    )


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
def new(settings: Settings, title: str | None, description: str | None, regions: tuple[str, ...],
        themes: tuple[str, ...], organisations: tuple[str, ...], year: str | None, slug: str | None,
        yes: bool) -> None:
    vocab = default_vocabulary()
    folder = settings.practices
    if not folder.is_dir():
        raise Failure(f"De map met praktijken bestaat niet: {display_path(folder)}")

    given = {
        "title": title,
        "description": description,
        "region": scaffold.clean_list(regions),
        "themes": scaffold.clean_list(themes),
        "organisations": scaffold.clean_list(organisations),
        "year": scaffold.as_year(year) if year is not None else None,
    }
    if yes:
        refuse_missing(scaffold.missing_answers(given), FLAGS)
    answers: dict[str, Any] = {}
    slug = check_options(given, lambda name, value: scaffold.check_answer(name, value, vocab), answers, slug,
                         lambda text: scaffold.check_slug(text, folder))
    ask_missing(questions(vocab), answers)
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
                                value_proc=checked_answer(lambda t: scaffold.check_slug(t, folder)))

    path = scaffold.write_practice(folder, Answers(**answers, slug=slug), vocab=vocab)
    click.echo(f"Aangemaakt: {display_path(path)}")
    click.echo("Vul nu de tekst aan onder de kopjes (vervang de schuingedrukte aanwijzingen),")
    click.echo("controleer met 'kennisbank validate' en dien de praktijk in (zie CONTRIBUTING.md).")

