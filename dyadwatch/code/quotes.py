"""Quotations and who said them.

Direct quotations ("'Mexico will not accept ...,' the ministry said") are found from
quotation marks; their speaker is the subject of the speech verb outside the marks.
Indirect ones are the clause under a speech verb ("the ministry said that Mexico ...").
Speakers are resolved like any actor, so "the ministry" is MEXGOV when the article has
named the Mexican ministry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from dyadwatch.code.clauses import subject_of
from dyadwatch.code.modality import grammar
from dyadwatch.model import Actor, Quote

QUOTED = re.compile(r"[\"“]([^\"“”]{12,}?)[\"”]")


def direct_quotes(sent: Any, speaker_of: Callable[[Any], Actor | None],
                  offset: int) -> list[tuple[Quote, tuple[int, int]]]:
    """Quotations in a sentence with their speaker; spans are sentence offsets.

    `speaker_of(token)` resolves a subject head to an actor; `offset` is the sentence's
    character offset in the article.
    """
    out = []
    text = sent.text
    speech = grammar()["speech"]
    for m in QUOTED.finditer(text):
        start, end = m.span(1)
        verb = _speech_verb_outside(sent, speech, m.start(), m.end())
        speaker = None
        if verb is not None:
            heads, _ = subject_of(verb)
            for h in heads:
                speaker = speaker_of(h)
                if speaker:
                    break
        quote = Quote(speaker, m.group(1).strip(" ,"), verb.text if verb is not None else None,
                      offset + start, offset + end, True)
        out.append((quote, (start, end)))
    return out


def _speech_verb_outside(sent: Any, speech: frozenset[str], qs: int, qe: int) -> Any:
    base = sent.start_char
    for t in sent:
        pos = t.idx - base
        if qs <= pos < qe:
            continue
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in speech:
            return t
    return None


def indirect_quotes(sent: Any, speaker_of: Callable[[Any], Actor | None], offset: int,
                    inside: list[tuple[int, int]]) -> list[Quote]:
    """ "X said (that) ...": the reported clause, when X is an actor."""
    out = []
    speech = grammar()["speech"]
    base = sent.start_char
    for t in sent:
        if t.pos_ != "VERB" or t.lemma_.lower() not in speech:
            continue
        if any(s <= t.idx - base < e for s, e in inside):
            continue
        clauses = [c for c in t.children if c.dep_ == "ccomp"]
        if not clauses:
            continue
        heads, _ = subject_of(t)
        speaker = next((a for a in map(speaker_of, heads) if a), None)
        if speaker is None:
            continue
        span = list(clauses[0].subtree)
        start, end = span[0].idx - base, span[-1].idx + len(span[-1]) - base
        if any(s <= start < e for s, e in inside):
            continue  # the clause is a direct quotation already
        words = [w for w in span if w.dep_ != "mark" or w.i != span[0].i]
        start = words[0].idx - base
        out.append(Quote(speaker, sent.text[start:end], t.text, offset + start, offset + end,
                         False))
    return out
