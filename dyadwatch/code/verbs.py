"""Verb and noun patterns (dyadwatch/data/verbs.tsv) compiled into a lemma-keyed matcher."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dyadwatch.code.cameo import cameo_table
from dyadwatch.code.dictionary import DATA, _check, read_tsv

FLAGS = {"reciprocal", "notarget", "control"}
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

    def candidates(self, token: Any) -> list[VerbPattern]:
        """Patterns whose trigger, particle and object fit `token`, most specific first."""
        pos = "V" if token.pos_ in ("VERB", "AUX") else "N" if token.pos_ in ("NOUN", "PROPN") else None
        if pos is None:
            return []
        patterns = self.by_trigger.get((token.lemma_.lower(), pos))
        if not patterns:
            return []
        particles, words = _dependents(token)
        out = [
            p for p in patterns
            if (p.particle is None or p.particle in particles)
            and (not p.objects or not p.objects.isdisjoint(words))
        ]
        return out


def _dependents(token: Any) -> tuple[set[str], set[str]]:
    """Particles/prepositions on the trigger, and lemmas in its objects (two levels down)."""
    particles: set[str] = set()
    words: set[str] = set()
    for child in token.children:
        dep = child.dep_
        if dep in PARTICLE_DEPS:
            particles.add(child.lower_)
        if dep in OBJECT_DEPS or dep == "prep":
            words.add(child.lemma_.lower())
            words.add(child.lower_)
            for grand in child.children:
                if grand.dep_ in OBJECT_DEPS or grand.dep_ in ("prep", "poss"):
                    words.add(grand.lemma_.lower())
                    words.add(grand.lower_)
                    for great in grand.children:
                        if great.dep_ in ("pobj", "compound", "amod", "dobj"):
                            words.add(great.lemma_.lower())
    return particles, words


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
    return compile_patterns(patterns)


def _is_verb_tsv(path: Path) -> bool:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                return line.startswith("cameo\t")
    return False
