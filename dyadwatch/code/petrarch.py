"""PETRARCH/TABARI-format dictionaries a user already owns: actors, agents and verbs.

Years of work live in these files (country and person dictionaries with dated codes,
role words, verb patterns), so a user can bring them along with `--dictionary FILE`.
The format is documented with PETRARCH2 (docs/source/dictionaries.rst there) and
summarised in dyadwatch/data/README.md. In brief:

    MEXICO_  [MEX]                 actor: phrase words joined by `_`, code in brackets
    +MEXICAN_                      a synonym of the entry above
    ANDRES_MANUEL_LOPEZ_OBRADOR_
        [MEXGOV 181201-240930]     a dated code: `>D` from D, `<D` until D, `D-D` between
    CARTEL {CARTELS} [~CRM]        agent: a role word, its plural, its role suffix
    --- APPEAL [020] ---           verb block: verbs below it, then `- * (FOR AID) [023]`

Real dictionaries carry small mistakes (a seven-digit date, a code on a line of its own
with no phrase): PETRARCH reads past them, and so do we, logging one warning per file
with the count and the first few lines, so one bad line never costs the rest.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dyadwatch.code.dictionary import ActorEntry, PhraseIndex, code_parts
from dyadwatch.errors import DictionaryError

if TYPE_CHECKING:
    from dyadwatch.code.verbs import VerbPattern

log = logging.getLogger(__name__)

CODE = re.compile(r"\[([^\]]*)\]")
VERB_BLOCK = re.compile(r"^-{3}\s+(\S+)\s+\[([^\]]*)\]\s*-{3}|^#{3}\s+(\S+)\s+#{3}")
SUBSTITUTION = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
DATE = re.compile(r"^\d{6}$|^\d{8}$")
COMMENT = re.compile(r"(?:^|(?<=[\s\]]))[#;]")
PARTICLES = {"up", "down", "off", "out", "in", "on", "over", "back", "away", "forward",
             "through", "about", "around", "along", "aside", "apart", "together"}
STOPWORDS = {"a", "an", "the", "of", "to", "that", "and", "or", "with", "for", "its", "their",
             "his", "her", "be", "is", "was", "will", "not", "no", "as", "by", "on", "in"}
SHORT = 5  # phrases of at most this many letters are matched by case ("US" is not "us")


@dataclass
class Problems:
    """Lines skipped while reading one file, reported once."""

    path: Path
    lines: list[str] = field(default_factory=list)

    def add(self, lineno: int, what: str) -> None:
        self.lines.append(f"{self.path}:{lineno}: {what}")

    def report(self) -> None:
        if self.lines:
            shown = "; ".join(self.lines[:3])
            log.warning("W010 %s: skipped %d line(s) PETRARCH would also ignore: %s%s",
                        self.path, len(self.lines), shown, " ..." if len(self.lines) > 3 else "")


@dataclass
class ActorRecord:
    """One actor record: its phrases and its (code, from, until) restrictions."""

    lineno: int
    phrases: list[str]
    default: str | None = None
    dated: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Lines without comments (`#`, `;`, `<!-- -->`), keeping leading whitespace."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            yield from _clean(fh)
    except OSError as exc:
        raise DictionaryError(f"E014 cannot read dictionary file {path}: {exc}") from exc


def _clean(fh: Iterator[str]) -> Iterator[tuple[int, str]]:
    for lineno, raw in enumerate(fh, 1):
        line = re.sub(r"<!--.*?-->", "", raw.rstrip("\n\r"))
        comment = COMMENT.search(line)
        if comment:
            line = line[:comment.start()]
        if line.strip():
            yield lineno, line


def kind(path: Path) -> str | None:
    """'actors', 'agents' or 'verbs' for a PETRARCH/TABARI file; None for anything else."""
    codes = agents = 0
    for seen, (_, line) in enumerate(_lines(path)):
        if "\t" in line.strip() and "[" not in line:
            return None  # a tab-separated table, not a PETRARCH file
        if VERB_BLOCK.match(line) or line.startswith(("- ", "&")):
            return "verbs"
        for code in CODE.findall(line):
            if "~" in code:
                agents += 1
            elif re.match(r"^[A-Z0-9]{3,}", code.strip()) or code.strip() == "---":
                codes += 1
        if seen >= 400 or codes + agents >= 20:
            break
    if agents > codes:
        return "agents"
    return "actors" if codes else None


def is_petrarch(path: Path) -> bool:
    """True when the file is a PETRARCH/TABARI actor, agent or verb dictionary."""
    return path.is_file() and kind(path) is not None


# ---------------------------------------------------------------- actors and agents


def _date(text: str) -> str:
    """YYMMDD or YYYYMMDD -> YYYY-MM-DD (two-digit years: 00-30 are 20xx, as in PETRARCH)."""
    if not DATE.match(text):
        raise ValueError(f"'{text}' is not a YYMMDD or YYYYMMDD date")
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{2000 + yy if yy <= 30 else 1900 + yy}{text[2:]}"
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"


def _restriction(body: str) -> tuple[str, str | None, str | None]:
    """`MEXGOV 181201-240930` -> (code, from, until); a bare code has no dates."""
    parts = body.split()
    code = parts[0]
    if len(parts) == 1:
        return code, None, None
    span = "".join(parts[1:])
    if span.startswith(">"):
        return code, _date(span[1:]), None
    if span.startswith("<"):
        return code, None, _date(span[1:])
    start, _, end = span.partition("-")
    return code, _date(start), _date(end)


def _phrase(text: str) -> str:
    """`UNITED_STATES_` -> `UNITED STATES` (underscores and spaces both join words)."""
    return " ".join(w for w in re.split(r"[_\s]+", text.replace("{", " ").replace("}", " ")) if w)


def read_actors(path: Path, problems: Problems) -> list[ActorRecord]:
    """Actor records in file order; a record ends where the next primary phrase starts."""
    records: list[ActorRecord] = []
    for lineno, line in _lines(path):
        stripped = line.strip()
        codes = CODE.findall(stripped)
        text = CODE.sub(" ", stripped).strip()
        if stripped.startswith("+"):
            if records and text[1:].strip():
                records[-1].phrases.append(_phrase(text[1:]))
            continue
        if line[0].isspace() or stripped.startswith("["):
            if not records:
                problems.add(lineno, "a code before any phrase")
                continue
            _add_codes(records[-1], codes, lineno, problems, dated_only=True)
            continue
        record = ActorRecord(lineno, [_phrase(text)] if text else [])
        records.append(record)
        _add_codes(record, codes, lineno, problems, dated_only=False)
    return records


def _add_codes(record: ActorRecord, codes: list[str], lineno: int, problems: Problems,
               dated_only: bool) -> None:
    for body in codes:
        body = body.strip()
        if not body or body.startswith("---"):
            continue
        try:
            code, start, end = _restriction(body)
        except ValueError as exc:
            problems.add(lineno, str(exc))
            continue
        if not re.match(r"^[A-Z0-9]{3,}$", code):
            problems.add(lineno, f"'{code}' is not an actor code")
        elif start or end or (dated_only and record.default is not None):
            record.dated.append((code, start, end))
        elif record.default is None and not dated_only:
            record.default = code
        else:
            record.dated.append((code, None, None))


def _entries(record: ActorRecord) -> list[ActorEntry]:
    """Dated entries first, the undated default last, so the date decides when it can."""
    name = record.phrases[0].title() if record.phrases else ""
    dated = [c for c in record.dated if c[1] or c[2]]
    undated = [c[0] for c in record.dated if not (c[1] or c[2])]
    defaults = ([record.default] if record.default else []) + undated
    person = bool(dated)
    out = []
    for code, start, end in dated + [(c, None, None) for c in defaults[:1]]:
        country, roles = code_parts(code)
        kind_ = "person" if person else "country" if country == code else "org"
        out.append(ActorEntry(kind_, code, name, country, roles, start, end, personal=person))
    return out


def add_phrase(index: PhraseIndex, phrase: str, entry: ActorEntry, proper: bool = True) -> None:
    """Index an all-capitals PETRARCH phrase in the case forms running text uses.

    Names (`proper`) need a capital initial, and short ones ("US", "UN", "IRAN") must be
    in capitals or have a capital initial, so "us" and "un" in running text stay words;
    role words (agents) match in any case.
    """
    if not proper:
        index.add(phrase.lower(), entry, exact=False)
        return
    title = " ".join(w[:1].upper() + w[1:].lower() for w in phrase.split())
    if len(re.sub(r"[^A-Za-z]", "", phrase)) <= SHORT:
        index.add(phrase.upper(), entry, exact=True)
        index.add(title, entry, exact=True)
    else:
        index.add(title, entry)


def load_actors(index: PhraseIndex, path: Path) -> int:
    """Add a PETRARCH actor or agent file to `index`; returns the number of phrases added.

    Verb files are left to the verb loader (returns 0), so one `--dictionary` list can
    hold every kind of file.
    """
    what = kind(path)
    if what == "agents":
        return load_agents(index, path)
    if what != "actors":
        return 0
    problems = Problems(path)
    added = 0
    for record in read_actors(path, problems):
        entries = _entries(record)
        if not entries or not record.phrases:
            continue
        for phrase in record.phrases:
            for entry in entries:
                add_phrase(index, phrase, entry)
            added += 1
    problems.report()
    return added


def _agent_forms(root: str, plural: str | None, subs: dict[str, list[str]]) -> list[str]:
    """The singular and plural forms of an agent phrase, substitutions expanded."""
    marker = re.search(r"![A-Z]+!", root)
    if marker:
        return [root.replace(marker.group(0), s) for s in subs.get(marker.group(0), [])]
    forms = [root]
    if plural is not None:
        forms += [p for p in plural.split() if p]
    elif not root.endswith("_"):
        word = root.rstrip("_")
        forms.append(word[:-1] + "IES" if word.endswith("Y") and word[-2:-1] not in "AEIOU"
                     else word + "ES" if word.endswith(("SS", "SH", "CH", "X")) else word + "S")
    return forms


def load_agents(index: PhraseIndex, path: Path) -> int:
    """Role words: `POLICE!PERSON! [~COP]`, `CARTEL [~CRM]`, `HUMAN_RIGHTS_GROUP [NGO~]`."""
    problems = Problems(path)
    subs: dict[str, list[str]] = {}
    added = 0
    for lineno, line in _lines(path):
        m = SUBSTITUTION.match(line.strip())
        if m:
            subs[m.group(1)] = [s.strip() for s in m.group(2).split(",") if s.strip()]
            continue
        codes = CODE.findall(line)
        if not codes:
            problems.add(lineno, "an agent without a [~CODE]")
            continue
        code = codes[0].replace("~", "").strip()
        if not re.match(r"^(?:[A-Z]{3})+$", code):
            problems.add(lineno, f"'{codes[0]}' is not an agent code")
            continue
        head = line.split("[", 1)[0]
        plural = None
        brace = re.search(r"\{([^}]*)\}", head)
        if brace:
            plural = brace.group(1)
            head = head[:brace.start()] + head[brace.end():]
        roles = tuple(code[i:i + 3] for i in range(0, len(code), 3))
        personal = "!PERSON!" in head or bool(re.search(r"(MAN|WOMAN|ER|OR|IST)_?\s*$", head))
        for form in _agent_forms(head.strip(), plural, subs):
            phrase = _phrase(form)
            if phrase:
                entry = ActorEntry("agent", code, phrase.lower(), None, roles, personal=personal)
                add_phrase(index, phrase, entry, proper=False)
                added += 1
    problems.report()
    return added


# ---------------------------------------------------------------- verbs


@dataclass
class _Block:
    code: str | None
    verbs: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # lemma, particle, code


def _cameo(code: str, table: dict) -> str | None:
    """`042:043` -> 042 (the source's side); `:173` -> 173; unknown codes: nearest parent."""
    first, _, second = code.partition(":")
    code = (first or second).strip()
    while code and code not in table:
        code = code[:-1] if len(code) > 2 else ""
    return code or None


def load_verbs(path: Path) -> list[VerbPattern]:
    """Verb patterns from a PETRARCH verb dictionary, as dyadwatch verb patterns.

    `- * (FOR AID) [023]` under APPEAL becomes trigger `appeal`, particle `for`, object
    `aid`. What the matcher cannot express is skipped and counted: words before the verb
    (a constraint on the subject), null codes (`[---]`), and codes CAMEO lacks.
    """
    from dyadwatch.code.cameo import cameo_table

    if kind(path) != "verbs":
        return []
    table = cameo_table()
    problems = Problems(path)
    synsets: dict[str, list[str]] = {}
    current_set: str | None = None
    block: _Block | None = None
    out: list[VerbPattern] = []
    for lineno, line in _lines(path):
        s = line.strip()
        header = VERB_BLOCK.match(s)
        if header:
            code = header.group(2)
            block, current_set = _Block(_cameo(code, table) if code and "---" not in code
                                        else None), None
            continue
        if s.startswith("&") and block is None:
            current_set = s.split()[0].rstrip("_")
            synsets[current_set] = []
            continue
        if s.startswith("+") and current_set:
            synsets[current_set].append(_phrase(s[1:]).lower())
            continue
        if block is None:
            if not s.startswith("+"):
                block = _Block(None)  # an old-style file without block headers
            else:
                continue
        if s.startswith("-"):
            out.extend(_pattern(s[1:], block, synsets, table, path, lineno, problems))
        elif not s.startswith("+"):
            out.extend(_verb_line(s, block, table, path, lineno))
    problems.report()
    return out


def _verb_line(s: str, block: _Block, table: dict, path: Path, lineno: int) -> list[VerbPattern]:
    """`CLARIFY {CLARIFIES CLARIFIED} [040]`: a verb of the block, coded alone if it has a code."""
    from dyadwatch.code.verbs import VerbPattern

    codes = CODE.findall(s)
    words = _phrase(re.sub(r"\{[^}]*\}", " ", CODE.sub(" ", s))).lower().split()
    if not words:
        return []
    own = _cameo(codes[0], table) if codes and "---" not in codes[0] else None
    particle = words[1] if len(words) > 1 else None
    block.verbs.append((words[0], particle, own))
    code = own or block.code
    if not code:
        return []
    rule = f"{path.name}:{lineno} {words[0]}" + (f" {particle}" if particle else "")
    return [VerbPattern(code, words[0], "V", particle, frozenset(), frozenset(), rule)]


def _pattern(body: str, block: _Block, synsets: dict[str, list[str]], table: dict, path: Path,
             lineno: int, problems: Problems) -> list[VerbPattern]:
    from dyadwatch.code.verbs import VerbPattern

    codes = CODE.findall(body)
    if not codes or "---" in codes[-1]:
        return []
    code = _cameo(codes[-1], table)
    if code is None:
        problems.add(lineno, f"'{codes[-1]}' is not a CAMEO code")
        return []
    text = CODE.sub(" ", body)
    before, star, after = text.partition("**") if "**" in text else text.partition("*")
    if not star or any(w not in ("$", "+", "^", "%") for w in before.split()):
        return []  # words before the verb constrain its subject: not expressible here
    particle, objects = _objects(after, synsets)
    if objects is None:
        problems.add(lineno, "a synset used before it is defined")
        return []
    out = []
    for lemma, own_particle, _ in block.verbs:
        if own_particle:
            continue
        rule = f"{path.name}:{lineno} {lemma}" + (f" {particle}" if particle else "") + (
            f" +{'|'.join(sorted(objects))}" if objects else "")
        out.append(VerbPattern(code, lemma, "V", particle, frozenset(objects), frozenset(), rule))
    return out


def _objects(after: str, synsets: dict[str, list[str]]) -> tuple[str | None, set[str] | None]:
    """The particle and object head words of what follows the verb in a pattern."""
    particle: str | None = None
    bare: list[str] = []
    grouped: list[str] = []
    tokens = re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", after)
    for i, tok in enumerate(tokens):
        if tok.startswith("("):
            words = re.findall(r"\{[^}]*\}|\S+", tok[1:-1])
            if words and particle is None and not words[0].startswith(("&", "{")):
                particle = words[0].lower()
                words = words[1:]
            grouped.extend(words)
        elif i == 0 and tok.lower() in PARTICLES and particle is None:
            particle = tok.lower()
        else:
            bare.append(tok)
    heads: set[str] = set()
    for tok in (bare or grouped):
        if tok.startswith("&"):
            members = synsets.get(tok.rstrip("_"))
            if members is None:
                return particle, None
            heads.update(m.split()[-1] for m in members if m)
        elif tok.startswith("{"):
            words = _phrase(tok[1:-1]).lower().split()
            heads.update(words[-1:])
        else:
            word = tok.strip("_").lower()
            if re.match(r"^[a-z][a-z'-]*$", word) and word not in STOPWORDS:
                heads.add(word)
    return particle, {_singular(h) for h in heads} | heads


def _singular(word: str) -> str:
    """A naive singular so "sanctions" in a pattern finds the lemma "sanction"."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word
