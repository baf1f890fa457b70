"""Deterministic generator of synthetic, valid Dutch-like practices for benchmarks.

API::

    from benchmarks.generate import generate
    paths = generate(Path("out/1000"), 1000, seed=0)

CLI::

    python benchmarks/generate.py N DIR [--seed S]

The same ``(n, seed)`` always gives byte-identical files. Every file passes
``kennisbank validate``: canonical region names and theme ids from the project's
vocabularies, years 2010..2023, titles and descriptions within the length limits.
Existing ``*.md`` files in DIR with generated names are overwritten; other files are left alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:  # allow `python benchmarks/generate.py` from anywhere
    sys.path.insert(0, str(_ROOT))

from build_tools.vocabulary import default_vocabulary  # noqa: E402

ACTIVITIES = [
    "fietsenwerkplaats", "groenonderhoud", "schoonmaak", "catering", "kringloopwinkel", "montage",
    "verpakking", "logistiek", "textielsortering", "houtbewerking", "drukkerij", "wasserij",
    "zorgboerderij", "leerrestaurant", "reparatiecafé", "postbezorging", "beveiliging", "metaalbewerking",
    "energiecoaching", "zonnepanelenmontage", "kinderopvang", "facilitaire dienst", "recycling",
    "bloemenkwekerij", "kantinebeheer", "digitalisering", "archivering", "autowasserette",
]
NOUNS = [
    "werkgevers", "leerwerkplekken", "statushouders", "jongeren", "medewerkers", "deelnemers",
    "gemeenten", "jobcoaches", "werkbegeleiders", "consulenten", "scholen", "zorgaanbieders",
    "wijkteams", "opdrachtgevers", "ondernemers", "vrijwilligers", "trajecten", "detacheringen",
    "praktijkverklaringen", "certificaten", "werkplaatsen", "productielijnen", "bedrijven", "regio's",
]
ADJECTIVES = [
    "financiële", "regionale", "duurzame", "inclusieve", "beschutte", "sociale", "praktische",
    "nieuwe", "lokale", "gezamenlijke", "flexibele", "intensieve", "structurele", "kleinschalige",
    "economische", "circulaire", "begeleide", "passende",
]
VERBS = [
    "begeleiden", "ontwikkelen", "plaatsen", "scholen", "detacheren", "ondersteunen", "organiseren",
    "verbinden", "opleiden", "coachen", "financieren", "bemiddelen", "meten", "evalueren",
]
PLACES = [
    "Almelo", "Hengelo", "Enschede", "Zwolle", "Deventer", "Apeldoorn", "Arnhem", "Nijmegen", "Tilburg",
    "Breda", "Eindhoven", "Helmond", "Venlo", "Roermond", "Heerlen", "Maastricht", "Middelburg", "Goes",
    "Leeuwarden", "Assen", "Emmen", "Groningen", "Alkmaar", "Den Helder", "Zaandam", "Haarlem",
    "Amsterdam", "Hilversum", "Gouda", "Leiden", "Delft", "Rotterdam", "Dordrecht", "Utrecht",
    "Amersfoort", "Ede", "Almere", "Lelystad", "Doetinchem", "Tiel",
]
ORG_PREFIX = ["Werkbedrijf", "SW-bedrijf", "Stichting", "Participatiebedrijf", "Werkplein", "Gemeente",
              "Leerwerkbedrijf", "Coöperatie", "Sociaal Werkbedrijf", "Werkvoorzieningschap"]
ORG_SUFFIX = ["Werkt", "Samen", "Actief", "Plus", "Vooruit", "Groep", "Dienstverlening", "Regio", "Oost",
              "West", "Noord", "Zuid"]
FIRST_NAMES = ["Anouk", "Bram", "Ceren", "Daan", "Els", "Fatima", "Gert", "Hanneke", "Ingrid", "Joost",
               "Karin", "Lars", "Mohammed", "Noor", "Pieter", "Rianne", "Sanne", "Thijs", "Wim", "Yara"]
LAST_NAMES = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos",
              "Vos", "Peters", "Hendriks", "Dekker", "van Dijk", "Kramer", "Yilmaz", "El Amrani"]
TAGS = ["leren op de werkplek", "praktijkleren", "loonkostensubsidie", "jobcarving", "taaltraining",
        "werkfit", "participatiewet", "banenafspraak", "sectorplan", "mbo", "entree-opleiding",
        "inburgering", "groen", "techniek", "zorg", "horeca", "logistiek", "circulair", "schoonmaak"]
SENTENCES = [
    "{Place} zocht een manier om {nouns} beter te {verb}.",
    "Het werkbedrijf en {org} besloten samen {adj} {nouns} te {verb}.",
    "In de {activity} leren {nouns} het vak in de praktijk.",
    "Na een half jaar hadden {num} {nouns} een vaste plek gevonden.",
    "De aanpak vraagt om {adj} afspraken met {nouns} en gemeenten.",
    "Een jobcoach helpt de {nouns} bij de overstap naar een reguliere werkgever.",
    "De {activity} draait op {adj} opdrachten van lokale {nouns}.",
    "Gemeenten betalen mee vanuit het budget voor {adj} ondersteuning.",
    "Wie begint, krijgt een werkplek in de {activity} en een vaste begeleider.",
    "We meten elk kwartaal hoeveel {nouns} doorstromen naar ander werk.",
    "De samenwerking met {org} maakt het mogelijk om {nouns} te {verb}.",
    "Het grootste knelpunt bleek de {adj} financiering op de lange termijn.",
    "Deelnemers halen een praktijkverklaring voor het werk in de {activity}.",
    "Voor {nouns} met een grote afstand tot de arbeidsmarkt is dit een eerste stap.",
]
HEADINGS = ["Aanleiding", "Aanpak", "Resultaten", "Lessen", "Contact"]
THIS_YEAR = min(dt.date.today().year, 2023)


def _org(rng: random.Random) -> str:
    return f"{rng.choice(ORG_PREFIX)} {rng.choice(PLACES)} {rng.choice(ORG_SUFFIX)}"


def _sentence(rng: random.Random, orgs: list[str]) -> str:
    template = rng.choice(SENTENCES)
    return template.format(
        Place=rng.choice(PLACES), nouns=rng.choice(NOUNS), verb=rng.choice(VERBS), adj=rng.choice(ADJECTIVES),
        activity=rng.choice(ACTIVITIES), org=rng.choice(orgs), num=rng.randint(3, 80),
    )


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (safe for colons, accents and quotes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def practice_text(rng: random.Random, index: int, regions: list[str], themes: list[str]) -> tuple[str, str]:
    """(slug, file text) of one synthetic practice."""
    activity = rng.choice(ACTIVITIES)
    place = rng.choice(PLACES)
    noun = rng.choice(NOUNS)
    title = f"{activity.capitalize()} voor {noun} in {place}"
    slug_words = f"{activity} {noun} {place} {index}"
    from build_tools.slugs import slugify

    slug = slugify(slug_words)
    orgs = sorted({_org(rng) for _ in range(rng.randint(1, 3))})
    description = (f"{orgs[0]} laat {noun} werken in de {activity} en werkt daarbij samen met "
                   f"{rng.choice(NOUNS)} uit de regio {place}.")
    region = rng.sample(regions, k=1 if rng.random() < 0.85 else 2)
    practice_themes = rng.sample(themes, k=rng.randint(1, 3))
    year = rng.randint(2010, THIS_YEAR)
    date = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    tags = rng.sample(TAGS, k=rng.randint(0, 4))
    contact_name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"

    lines = ["---", f"title: {_quote(title)}", f"description: {_quote(description)}"]
    lines.append("region: [" + ", ".join(_quote(r) for r in region) + "]")
    lines.append("themes: [" + ", ".join(practice_themes) + "]")
    lines.append("organisations:")
    lines.extend(f"  - {_quote(o)}" for o in orgs)
    lines.append(f"year: {year}")
    lines.append(f"status: {rng.choice(['lopend', 'afgerond'])}")
    if rng.random() < 0.5:
        lines.append(f"funding: {_quote('Sectorplan ' + str(rng.randint(2013, 2020)))}")
    lines.append("contact:")
    lines.append(f"  name: {_quote(contact_name)}")
    lines.append(f"  organisation: {_quote(orgs[0])}")
    lines.append(f"date: {date.isoformat()}")
    if tags:
        lines.append("tags: [" + ", ".join(_quote(t) for t in tags) + "]")
    lines.append("---")
    lines.append("")
    for heading in HEADINGS[:-1]:
        lines.append(f"## {heading}")
        lines.append("")
        lines.append(" ".join(_sentence(rng, orgs) for _ in range(rng.randint(3, 7))))
        lines.append("")
    lines.append("## Contact")
    lines.append("")
    lines.append(f"{contact_name}, {orgs[0]}.")
    return slug, "\n".join(lines) + "\n"


def generate(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` valid synthetic practices into ``folder`` (created if needed); return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    vocab = default_vocabulary()
    regions = list(vocab.region_names)
    themes = list(vocab.theme_ids)
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        slug, text = practice_text(rng, i, regions, themes)
        path = folder / f"{slug}.md"
        data = text.encode("utf-8")
        # Leave identical files untouched so that mtimes (and an index over the folder) stay valid.
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Genereer N synthetische, geldige praktijken in MAP.")
    parser.add_argument("n", type=int, help="aantal praktijken")
    parser.add_argument("folder", type=Path, help="doelmap")
    parser.add_argument("--seed", type=int, default=0, help="startwaarde van de toevalsgenerator (standaard 0)")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N moet 0 of groter zijn")
    paths = generate(args.folder, args.n, args.seed)
    print(f"{len(paths)} praktijken geschreven in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
