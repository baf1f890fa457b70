"""``kennisbank new-meeting``: scaffold a valid meeting file, interactively or fully by options."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..files import display_path
from ..scaffold import split_multi
from ..settings import Settings
from ..validate import DESCRIPTION_LEN, TITLE_LEN
from .common import Failure, Question, ask_missing, check_options, checked_answer, pass_settings, refuse_missing

#: The --yes error names these options for the answers they give.
FLAGS = {"region": "--region", "organisers": "--organiser", "location": "--location of --online"}


def questions(check: Callable[[str, Any], Any], kinds) -> tuple[Question, ...]:
    """What ``new-meeting`` asks for, in order; ``check(field, value)`` checks one answer."""
    from ..meetings.scaffold import as_date
    from ..scaffold import choice_list, resolve_choices

    def answer(name: str, convert: Callable[[str], Any] = lambda text: text) -> Callable[[str], Any]:
        return lambda text: check(name, convert(text))

    def kind_number(text: str) -> str:
        ids = kinds.ids
        return ids[int(text) - 1] if text.strip().isdigit() and 1 <= int(text) <= len(ids) else text

    def ask_location(answers: dict[str, Any]) -> None:
        name = click.prompt("Naam van de locatie (leeg: online)", default="", show_default=False, err=True).strip()
        if name:
            location = {"name": name}
            city = click.prompt("Plaats", default="", show_default=False, err=True).strip()
            if city:
                location["city"] = city
            answers["location"] = check("location", location)
        else:
            ask_missing([online], answers)
            answers.setdefault("online", True)

    # Empty is a valid answer here: online, the link follows later (ask_location then sets True).
    online = Question("online", "Link van de online bijeenkomst (leeg: de link volgt later)",
                      answer("online", lambda text: text.strip() or True), optional=True)
    return (
        Question("title", f"Titel van de bijeenkomst ({TITLE_LEN[0]}–{TITLE_LEN[1]} tekens)", answer("title")),
        Question("description", f"Samenvatting in één zin ({DESCRIPTION_LEN[0]}–{DESCRIPTION_LEN[1]} tekens)",
                 answer("description")),
        Question("kind", "Soort: nummer of naam", answer("kind", kind_number),
                 choices=lambda: ("Soorten bijeenkomsten:", [f"{k.label} ({k.id})" for k in kinds.kinds])),
        Question("date", "Datum (JJJJ-MM-DD)", answer("date", as_date)),
        Question("end", "Laatste dag, als de bijeenkomst meer dagen duurt (JJJJ-MM-DD; leeg: één dag)",
                 answer("end", as_date), optional=True),
        Question("start_time", "Begintijd (UU:MM; leeg: geen tijd)", answer("start_time"), optional=True),
        Question("end_time", "Eindtijd (UU:MM; leeg: geen eindtijd)", answer("end_time"), optional=True,
                 when=lambda answers: "start_time" in answers),
        Question("region", "Regio('s): nummer(s) of naam, meerdere gescheiden door komma's",
                 answer("region", lambda text: resolve_choices(text, "region")),
                 choices=lambda: ("Arbeidsmarktregio's:", [text for _value, text in choice_list("region")])),
        Question("location", "", answer("location"), when=lambda answers: "online" not in answers,
                 ask=ask_location),
        Question("organisers", "Organisator(en), meerdere gescheiden door ;",
                 answer("organisers", lambda text: split_multi(text, separators=";"))),
        Question("practices",
                 "Praktijken die aan bod komen (bestandsnamen zonder .md, gescheiden door komma's; leeg: geen)",
                 answer("practices", split_multi), optional=True),
        Question("registration", "Aanmelden via (https://... of e-mailadres; leeg: geen)", answer("registration"),
                 optional=True),
    )


@click.command(help="""Maak een nieuw bestand voor een bijeenkomst aan in de map met bijeenkomsten.

Zonder opties vraagt de opdracht alles wat nodig is en controleert elk antwoord meteen met
dezelfde regels als 'kennisbank validate'. Met --yes wordt er niets gevraagd en is een
ontbrekend antwoord een fout. Een bestaand bestand wordt nooit overschreven.

Verplicht: titel, samenvatting, soort, datum, regio, organisator, en een locatie (--location)
of --online.

Afsluitcode 0: aangemaakt; 1: ongeldig of ontbrekend antwoord, of het bestand bestaat al.""")
@click.option("--title", metavar="TITEL", help=f"Titel ({TITLE_LEN[0]}–{TITLE_LEN[1]} tekens).")
@click.option("--description", metavar="TEKST",
              help=f"Samenvatting in één zin ({DESCRIPTION_LEN[0]}–{DESCRIPTION_LEN[1]} tekens).")
@click.option("--kind", metavar="SOORT",
              help="kennisuitwisseling, samenwerking-sociaal-domein of procesondersteuning.")
@click.option("--date", metavar="JJJJ-MM-DD", help="De (eerste) dag.")
@click.option("--end", metavar="JJJJ-MM-DD", help="De laatste dag van een meerdaagse bijeenkomst.")
@click.option("--start-time", metavar="UU:MM", help="Begintijd.")
@click.option("--end-time", metavar="UU:MM", help="Eindtijd.")
@click.option("--region", "regions", multiple=True, metavar="REGIO", help="Regio of 'Landelijk'; herhaal voor meer.")
@click.option("--location", metavar="NAAM", help="Naam van de locatie.")
@click.option("--city", metavar="PLAATS", help="Plaats van de locatie.")
@click.option("--address", metavar="ADRES", help="Adres van de locatie.")
@click.option("--online", metavar="LINK", help="'true' of de link van de online bijeenkomst.")
@click.option("--organiser", "organisers", multiple=True, metavar="NAAM", help="Organisator; herhaal voor meer.")
@click.option("--practice", "practices", multiple=True, metavar="SLUG",
              help="Praktijk die aan bod komt (bestandsnaam zonder .md); herhaal voor meer.")
@click.option("--registration", metavar="LINK", help="Aanmeldlink (https://...) of e-mailadres.")
@click.option("--slug", metavar="SLUG", help="Bestandsnaam zonder .md (standaard: titel en jaar).")
@click.option("--yes", "-y", is_flag=True, help="Niets vragen: ontbrekende antwoorden zijn een fout.")
@pass_settings
def new_meeting(settings: Settings, yes: bool, slug: str | None, **options: Any) -> None:
    from ..load import load_practices
    from ..meetings import scaffold as ms
    from ..meetings.kinds import default_kinds
    from ..meetings.load import refs_for

    folder = settings.meetings
    if folder is None:
        raise Failure("er is geen map met bijeenkomsten; maak de map meetings/ naast de map met praktijken, "
                      "of kies er een met --meetings MAP")
    if not folder.is_dir():
        raise Failure(f"De map met bijeenkomsten bestaat niet: {display_path(folder)}")
    practices = load_practices(settings.practices)
    refs = refs_for(practices)
    kinds = default_kinds()

    given = _given_from_options(options, ms.as_date)
    if yes:
        missing = [name for name in ms.REQUIRED_ANSWERS if name not in given]
        if "location" not in given and "online" not in given:
            missing.append("location")
        refuse_missing(missing, FLAGS)

    # Everything given as an option is checked first, so a script gets every problem at once.
    def check(name: str, value: Any) -> Any:
        """One answer, checked against the answers so far, in the shape written to the file."""
        return ms.front_matter_value(name, ms.check_answer(name, value, refs, answers))

    answers: dict[str, Any] = {}
    slug = check_options(given, check, answers, slug, lambda text: ms.check_meeting_slug(text, folder))
    ask_missing(questions(check, kinds), answers, skip_optional=yes)

    if slug is None:
        proposal = ms.propose_slug(answers["title"], answers.get("date"), folder)
        slug = proposal if yes else click.prompt(
            "Bestandsnaam (slug, zonder .md)", default=proposal, err=True,
            value_proc=checked_answer(lambda t: ms.check_meeting_slug(t, folder)))
    path = ms.write_meeting(folder, slug, answers, refs)
    click.echo(f"Aangemaakt: {display_path(path)}")
    click.echo("Vul het programma aan, controleer met 'kennisbank validate' en zet na afloop het verslag "
               "onder ## Verslag (zie CONTRIBUTING.md).")


def _given_from_options(options: dict[str, Any], as_date: Callable[[Any], Any]) -> dict[str, Any]:
    """The answers given as options, in front-matter shape (only those given)."""
    given: dict[str, Any] = {}
    for name in ("title", "description", "kind", "registration"):
        if options.get(name):
            given[name] = options[name]
    for name in ("date", "end"):
        if options.get(name):
            given[name] = as_date(options[name])
    for option, name in (("start_time", "start_time"), ("end_time", "end_time")):
        if options.get(option):
            given[name] = options[option]
    for option, name in (("regions", "region"), ("organisers", "organisers"), ("practices", "practices")):
        values = [v.strip() for v in options.get(option) or () if v and v.strip()]
        if values:
            given[name] = values
    if options.get("location"):
        given["location"] = {k: v for k, v in (("name", options["location"]), ("address", options.get("address")),
                                               ("city", options.get("city"))) if v}
    if options.get("online"):
        given["online"] = True if options["online"].strip().lower() in ("true", "ja") else options["online"].strip()
    return given
