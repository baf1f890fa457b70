"""Dutch for click's own messages (usage, errors, help headings).

click marks its strings with ``gettext``; rather than shipping a compiled catalogue we give
click's modules a translating ``_``/``ngettext`` backed by this table. Untranslated strings
fall through unchanged.
"""

from __future__ import annotations

import importlib

DUTCH = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Probeer '{command} {option}' voor hulp.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "Did you mean {possibility}?": "Bedoelde je {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Bedoelde je een van: {possibilities}?)",
    "Missing command.": "Geef een opdracht.",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende waarde",
    "Missing argument '{param}'.": "Ontbrekend argument '{param}'.",
    "Missing option '{param}'.": "Ontbrekende optie '{param}'.",
    "Missing parameter: {param_name}": "Ontbrekende waarde: {param_name}",
    "Missing {param_type}": "Ontbrekend: {param_type}",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "Option {name!r} requires an argument.": "Optie {name!r} heeft een waarde nodig.",
    "Option {name!r} requires {nargs} arguments.": "Optie {name!r} heeft {nargs} waarden nodig.",
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args})",
    "{value!r} is not {choice}.": "{value!r} is niet {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} is niet een van {choices}.",
    # At most 40 characters of the value: a 5,000-digit --year is not echoed in full.
    "{value!r} is not a valid {number_type}.": "{value!r:.40} is geen geldig {number_type}.",
    "{value} is not in the range {range}.": "{value} valt buiten het bereik {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "Directory": "Map",
    "File": "Bestand",
    "Path": "Pad",
    "Aborted!": "Afgebroken.",
    "Repeat for confirmation": "Herhaal ter bevestiging",
    "Error: invalid input": "Fout: ongeldige invoer",
    "default: {default}": "standaard: {default}",
    "env var: {var}": "omgevingsvariabele: {var}",
    "required": "verplicht",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "Confirm the action without prompting.": "Bevestig zonder te vragen.",
    "Do you want to continue?": "Wil je doorgaan?",
}

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils", "_termui_impl")


def _gettext(message: str) -> str:
    return DUTCH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


#: click names its number types in messages ("'abc' is not a valid integer range").
_TYPE_NAMES = {"IntParamType": "geheel getal", "IntRange": "geheel getal",
               "FloatParamType": "getal", "FloatRange": "getal"}


def install() -> None:
    """Make click speak Dutch (idempotent)."""
    import click.types

    for class_name, dutch in _TYPE_NAMES.items():
        setattr(getattr(click.types, class_name), "name", dutch)
    for name in _MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - module layout differs per click version
            continue
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext
