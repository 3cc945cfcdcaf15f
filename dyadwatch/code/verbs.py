"""Verb and noun patterns (dyadwatch/data/verbs.tsv) compiled into a lemma-keyed matcher."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from dyadwatch.analyze.nlp import irregular_verb_lemmas
from dyadwatch.code.cameo import cameo_table
from dyadwatch.code.clauses import VEHICLE_HEADS, for_clause
from dyadwatch.code.dictionary import DATA, _check, read_tsv

FLAGS = {"reciprocal", "notarget", "control", "mandate", "converse", "intransitive",
         "transitive", "experiencer"}
# Verb particles that are adverbs, not prepositions: their nouns read differently.
ADVERB_PARTICLES = {"back", "down", "up", "out", "off", "over", "away", "in"}
# Dependents whose lemmas a pattern's object words may be found among.
OBJECT_DEPS = {"dobj", "obj", "attr", "oprd", "pobj", "xcomp", "compound", "amod", "npadvmod",
               "dative", "nsubjpass", "acomp", "advmod", "prt", "conj", "nmod", "ccomp"}
PARTICLE_DEPS = {"prt", "prep", "advmod", "agent", "dative"}


@dataclass(frozen=True)
class VerbPattern:
    cameo: str
    trigger: str
    pos: str  # V or N
    particle: str | None
    objects: frozenset[str]
    flags: frozenset[str]
    rule: str  # evidence id: "verbs.tsv:LINE trigger ..."

    @property
    def specificity(self) -> int:
        return (1 if self.particle else 0) + (2 if self.objects else 0)


@dataclass
class VerbMatcher:
    by_trigger: dict[tuple[str, str], list[VerbPattern]]
    # (word, pos) -> patterns by another base form: most nouns are no trigger, and are
    # looked up again in every sentence that has them
    _form_cache: dict[tuple[str, str], list[VerbPattern]] = field(
        default_factory=dict, repr=False, compare=False)

    def candidates(self, token: Any) -> list[VerbPattern]:
        """Patterns whose trigger, particle and object fit `token`, most specific first.

        A pattern's object words are looked for in the trigger's object ("rejected the
        presence of troops"); through a preposition only when the pattern names one or the
        trigger is a noun ("accused of corruption", "deployment of troops").
        """
        pos = "V" if token.pos_ in ("VERB", "AUX") else "N" if token.pos_ in ("NOUN", "PROPN") else None
        if pos is None:
            return []
        patterns = self.by_trigger.get((token.lemma_.lower(), pos))
        if not patterns:
            patterns = self._by_form(token.lower_, pos)
        if not patterns:
            return []
        particles, objects, prep_words = _dependents(token)
        # "workers struck" (a strike) against "Israel struck a school" (an attack)
        has_object = any(c.dep_ in ("dobj", "obj") for c in token.children)
        out = []
        for p in patterns:
            if p.particle is not None and p.particle not in particles:
                continue
            if ("intransitive" in p.flags and has_object) or (
                    "transitive" in p.flags and not has_object):
                continue
            if p.objects:
                pool = objects | prep_words if (p.particle or pos == "N") else objects
                if p.objects.isdisjoint(pool):
                    continue
            out.append(p)
        return out

    def _by_form(self, word: str, pos: str) -> list[VerbPattern]:
        cached = self._form_cache.get((word, pos))
        if cached is not None:
            return cached
        found: list[VerbPattern] = []
        forms = _forms(word) + (list(irregular_verb_lemmas(word)) if pos == "V" else [])
        for form in forms:
            found = self.by_trigger.get((form, pos)) or []
            if found:
                break
        if len(self._form_cache) < 100_000:
            self._form_cache[(word, pos)] = found
        return found


NP_WORD_DEPS = {"compound", "amod", "poss", "nmod", "dobj", "pobj", "conj", "appos", "nummod",
                "npadvmod", "acomp", "prt"}


def _add_np(t: Any, words: set[str]) -> None:
    """A noun phrase's head and modifiers, and its "of" complement ("presence of troops")."""
    cargo = _cargo(t)
    if cargo and t.lemma_.lower() in VEHICLE_HEADS:
        # "sent navy ships carrying food": an aid shipment, not a naval deployment
        words.update(cargo)
        return
    words.update(cargo)
    words.add(t.lemma_.lower())
    words.add(t.lower_)
    hyphen = [c for c in t.lefts if c.dep_ == "punct" and c.text == "-"]
    if hyphen and hyphen[-1].i == t.i - 1 and t.i >= 2:
        # "a sit-in", "a cease-fire": the tokenizer splits what the patterns write whole
        words.add(f"{t.doc[t.i - 2].lower_}-{t.lower_}")
    for c in t.children:
        if c.dep_ in NP_WORD_DEPS:
            words.add(c.lemma_.lower())
            words.add(c.lower_)
        elif c.dep_ == "prep" and (c.lower_ == "of" or (c.lower_ == "in" and t.lemma_.lower()
                                                           in AMOUNT_HEADS)):
            # "the presence of troops"; "2 billion euros in funds", "$400 million in aid"
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                # "200 tonnes of rice and medical supplies": every conjunct counts
                for n in (g, *(x for x in g.children if x.dep_ == "conj")):
                    words.add(n.lemma_.lower())
                    words.add(n.lower_)
                    words.update(x.lemma_.lower() for x in n.children
                                 if x.dep_ in ("compound", "amod"))


AMOUNT_HEADS = {"euro", "dollar", "pound", "yuan", "yen", "rupee", "million", "billion", "$",
                "trillion", "franc", "ruble", "rouble", "peso"}


def _cargo(t: Any) -> set[str]:
    """What a vehicle carries: "ships carrying food", "planes loaded with tents"."""
    out: set[str] = set()
    for c in t.children:
        if c.dep_ != "acl" or c.tag_ not in ("VBG", "VBN"):
            continue
        for g in c.children:
            if g.dep_ == "prep" and g.lower_ == "with":
                g = next((x for x in g.children if x.dep_ == "pobj"), g)
            elif g.dep_ != "dobj":
                continue
            out.update(n.lemma_.lower() for n in (g, *g.conjuncts))
    return out


def _forms(word: str) -> list[str]:
    """Base forms a word may have when the lemmatizer errs ("staged" -> "stag")."""
    out = [word]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", "e"), ("ing", ""), ("ed", "e"),
                         ("ed", ""), ("es", ""), ("s", ""), ("d", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.append(word[: -len(suffix)] + repl)
    return out


def _dependents(token: Any) -> tuple[set[str], set[str], set[str]]:
    """Particles on the trigger, words in its objects, and words behind its prepositions."""
    particles: set[str] = set()
    objects: set[str] = set()
    prep_words: set[str] = set()
    for child in token.children:
        dep = child.dep_
        if dep in PARTICLE_DEPS:
            particles.add(child.lower_)
        if dep in ("prep", "agent") or (dep == "dative" and child.pos_ == "ADP"):
            for g in child.children:
                if g.dep_ in ("pobj", "pcomp"):
                    _add_np(g, prep_words)
                elif g.dep_ == "prep":
                    # "walked out of talks", "pulled out of the deal": two prepositions
                    prep_words.update(n.lemma_.lower() for n in g.children if n.dep_ == "pobj")
        elif for_clause(child):
            # "called for Israel to halt its offensive": "for" opens a clause
            particles.add("for")
            prep_words.add(child.lemma_.lower())
            for g in child.children:
                if g.dep_ == "dobj":
                    _add_np(g, prep_words)
        elif dep in OBJECT_DEPS:
            _add_np(child, objects)
            if dep in ("ccomp", "xcomp"):
                # "allow foreign troops to operate": the small clause's subject is the object.
                for g in child.children:
                    if g.dep_ in ("nsubj", "dobj"):
                        _add_np(g, objects)
    return particles, objects, prep_words


def load_patterns(path: Path) -> list[VerbPattern]:
    table = cameo_table()
    cols = ("cameo", "trigger", "pos", "particle", "object", "flags")
    out = []
    for lineno, row in read_tsv(path, cols, ("cameo", "trigger")):
        code = row["cameo"]
        _check(code in table, path, lineno, f"'{code}' is not a CAMEO code (see cameo.tsv)")
        pos = row.get("pos") or "V"
        _check(pos in ("V", "N"), path, lineno, f"pos must be V or N, not '{pos}'")
        flags = frozenset(f for f in row.get("flags", "").replace(",", " ").split() if f)
        _check(flags <= FLAGS, path, lineno, f"unknown flag(s) {sorted(flags - FLAGS)}")
        objects = frozenset(o.strip().lower() for o in row.get("object", "").split("|") if o.strip())
        particle = row.get("particle") or None
        rule = f"{path.name}:{lineno} {row['trigger']}" + (f" {particle}" if particle else "") + (
            f" +{'|'.join(sorted(objects))}" if objects else "")
        out.append(VerbPattern(code, row["trigger"].lower(), pos, particle, objects, flags, rule))
    return out


def compile_patterns(patterns: Iterable[VerbPattern]) -> VerbMatcher:
    by: dict[tuple[str, str], list[VerbPattern]] = {}
    for p in patterns:
        by.setdefault((p.trigger, p.pos), []).append(p)
    for items in by.values():
        items.sort(key=lambda p: -p.specificity)
    return VerbMatcher(by)


@lru_cache(maxsize=8)
def load_verb_matcher(extra: tuple[str, ...] = ()) -> VerbMatcher:
    from dyadwatch.code import petrarch

    patterns = load_patterns(DATA / "verbs.tsv")
    for p in extra:
        path = Path(p)
        if path.suffix == ".tsv" and _is_verb_tsv(path):
            patterns += load_patterns(path)
        elif petrarch.is_petrarch(path) and hasattr(petrarch, "load_verbs"):
            patterns += petrarch.load_verbs(path)
    return compile_patterns(patterns + nominal_patterns(patterns))


@lru_cache(maxsize=1)
def nominalisations() -> dict[str, str]:
    """verb -> its event noun, from data/nominalisations.tsv."""
    return {row["verb"].lower(): row["noun"].lower()
            for _, row in read_tsv(DATA / "nominalisations.tsv", ("verb", "noun"),
                                   ("verb", "noun"))}


def nominal_patterns(patterns: list[VerbPattern]) -> list[VerbPattern]:
    """Noun patterns derived from verb patterns: "withdraw from the court" also codes
    "its withdrawal from the court". A noun with patterns of its own is left alone, and
    verb particles that are not prepositions ("pull back") have no noun form here."""
    nouns = nominalisations()
    own = {p.trigger for p in patterns if p.pos == "N"}
    out = []
    for p in patterns:
        noun = nouns.get(p.trigger)
        if p.pos != "V" or noun is None or noun in own or p.particle in ADVERB_PARTICLES:
            continue
        out.append(VerbPattern(p.cameo, noun, "N", p.particle, p.objects, p.flags,
                               f"{p.rule} (as '{noun}')"))
    return out


def _is_verb_tsv(path: Path) -> bool:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                return line.startswith("cameo\t")
    return False
