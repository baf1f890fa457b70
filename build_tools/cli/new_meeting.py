"""``kennisbank new-meeting``: scaffold a valid meeting file, interactively or fully by options."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from ..files import display_path
from ..scaffold import AnswerError, split_multi
from ..settings import Settings
from ..validate import DESCRIPTION_LEN, TITLE_LEN
from .common import checked_answer as _checked, handle_errors, pass_settings


def _fail(messages: list[str]) -> None:
    for message in messages:
        click.echo(f"Fout: {message}", err=True)
    sys.exit(1)


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
@handle_errors
def new_meeting(settings: Settings, yes: bool, slug: str | None, **options: Any) -> None:
    from ..load import load_practices
    from ..meetings import scaffold as ms
    from ..meetings.kinds import default_kinds
    from ..meetings.load import refs_for
    from ..scaffold import choice_list, resolve_choices

    folder = settings.meetings
    if folder is None:
        _fail(["er is geen map met bijeenkomsten; maak de map meetings/ naast de map met praktijken, "
               "of kies er een met --meetings MAP"])
    if not folder.is_dir():
        _fail([f"De map met bijeenkomsten bestaat niet: {display_path(folder)}"])
    practices = load_practices(settings.practices)
    refs = refs_for(practices)
    kinds = default_kinds()

    given = _given_from_options(options, ms.as_date)
    if yes:
        missing = [name for name in ms.REQUIRED_ANSWERS if name not in given]
        if "location" not in given and "online" not in given:
            missing.append("location")
        if missing:
            flags = {"region": "--region", "organisers": "--organiser", "location": "--location of --online"}
            _fail(["met --yes moeten alle verplichte antwoorden als optie worden gegeven; ontbreekt: "
                   + ", ".join(flags.get(m, f"--{m}") for m in missing)])

    # Everything given as an option is checked first, so a script gets every problem at once.
    answers: dict[str, Any] = {}
    problems: list[str] = []
    for name, value in given.items():
        try:
            answers[name] = ms.front_matter_value(name, ms.check_answer(name, value, refs, answers))
        except AnswerError as exc:
            problems.extend(f"{name}: {m}" for m in exc.messages)
    if slug is not None:
        try:
            slug = ms.check_meeting_slug(slug, folder)
        except AnswerError as exc:
            problems.extend(f"slug: {m}" for m in exc.messages)
    if problems:
        _fail(problems)

    def ask(name: str, question: str, convert: Callable[[str], Any] = lambda t: t, optional: bool = False) -> None:
        if name in answers or (optional and yes):
            return

        def check(text: str) -> Any:
            if optional and not text.strip():
                return None
            return ms.front_matter_value(name, ms.check_answer(name, convert(text), refs, answers))
        value = click.prompt(question, err=True, default="" if optional else None, show_default=False,
                             value_proc=_checked(check))
        if value not in (None, "", []):
            answers[name] = value

    ask("title", f"Titel van de bijeenkomst ({TITLE_LEN[0]}–{TITLE_LEN[1]} tekens)")
    ask("description", f"Samenvatting in één zin ({DESCRIPTION_LEN[0]}–{DESCRIPTION_LEN[1]} tekens)")
    if "kind" not in answers:
        click.echo("Soorten bijeenkomsten:", err=True)
        for number, kind in enumerate(kinds.kinds, start=1):
            click.echo(f"  {number}. {kind.label} ({kind.id})", err=True)
        ask("kind", "Soort: nummer of naam",
            lambda t: kinds.ids[int(t) - 1] if t.strip().isdigit() and 1 <= int(t) <= len(kinds.ids) else t)
    ask("date", "Datum (JJJJ-MM-DD)", ms.as_date)
    ask("end", "Laatste dag, als de bijeenkomst meer dagen duurt (JJJJ-MM-DD; leeg: één dag)", ms.as_date,
        optional=True)
    ask("start_time", "Begintijd (UU:MM; leeg: geen tijd)", optional=True)
    if "start_time" in answers:
        ask("end_time", "Eindtijd (UU:MM; leeg: geen eindtijd)", optional=True)
    if "region" not in answers:
        click.echo("Arbeidsmarktregio's:", err=True)
        for number, (_value, shown) in enumerate(choice_list("region"), start=1):
            click.echo(f"  {number:>2}. {shown}", err=True)
        ask("region", "Regio('s): nummer(s) of naam, meerdere gescheiden door komma's",
            lambda t: resolve_choices(t, "region"))
    if "location" not in answers and "online" not in answers:
        name = click.prompt("Naam van de locatie (leeg: online)", default="", show_default=False, err=True).strip()
        if name:
            answers["location"] = {"name": name}
            city = click.prompt("Plaats", default="", show_default=False, err=True).strip()
            if city:
                answers["location"]["city"] = city
            answers["location"] = ms.front_matter_value("location", ms.check_answer(
                "location", answers["location"], refs, answers))
        else:
            ask("online", "Link van de online bijeenkomst (leeg: de link volgt later)",
                lambda t: t.strip() or True)
            answers.setdefault("online", True)
    ask("organisers", "Organisator(en), meerdere gescheiden door ;", lambda t: split_multi(t, separators=";"))
    ask("practices", "Praktijken die aan bod komen (bestandsnamen zonder .md, gescheiden door komma's; leeg: geen)",
        lambda t: split_multi(t), optional=True)
    ask("registration", "Aanmelden via (https://... of e-mailadres; leeg: geen)", optional=True)

    if slug is None:
        proposal = ms.propose_slug(answers["title"], answers.get("date"), folder)
        slug = proposal if yes else click.prompt(
            "Bestandsnaam (slug, zonder .md)", default=proposal, err=True,
            value_proc=_checked(lambda t: ms.check_meeting_slug(t, folder)))
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
