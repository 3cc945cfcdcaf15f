"""Quotations and who said them.

Direct quotations ("'Mexico will not accept ...,' the ministry said") are found from
quotation marks; their speaker is the subject of the speech verb outside the marks.
Indirect ones are the clause under a speech verb ("the ministry said that Mexico ...").
Speakers are resolved like any actor, so "the ministry" is MEXGOV when the article has
named the Mexican ministry.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from dyadwatch.analyze.nlp import doc_text, span_text
from dyadwatch.code.clauses import subject_of
from dyadwatch.code.modality import grammar
from dyadwatch.model import Actor, Quote

OPENING, CLOSING, STRAIGHT = "“", "”", '"'
MIN_QUOTE = 12  # shorter quoted words are scare quotes ("warmongers"), not quotations


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks of a text; a pair may
    hold several sentences ('"We are ready. But not under threats," the ministry said.')."""
    out, opened = [], None
    for i, c in enumerate(text):
        if c == OPENING or (c == STRAIGHT and opened is None):
            opened = i + 1
        elif c in (CLOSING, STRAIGHT) and opened is not None:
            if i - opened >= MIN_QUOTE:
                out.append((opened, i))
            opened = None
    return out


def direct_quotes(sent: Any, speaker_of: Callable[[Any], Actor | None], offset: int,
                  previous: Actor | None = None) -> list[tuple[Quote | None, tuple[int, int]]]:
    """Quotations touching a sentence, with their speaker; spans are sentence offsets.

    A quotation is made in the sentence where it closes, since that is where its speaker
    is named ('"We are ready. But not under threats," the ministry said.'); a sentence it
    only opens in gets (None, span), so nothing in there is taken for a reported clause.
    Its speaker is the subject of a speech verb outside the marks. `speaker_of(token)`
    resolves a subject head to an actor; `offset` is the sentence's character offset in
    the article; `previous` is the speaker of a quotation in the sentence before, who goes
    on speaking in a quotation with no speech verb of its own ('"The border will stay
    closed," the minister said. "We will let no one through."') or one said by "he".
    """
    doc, base, end_char = sent.doc, sent.start_char, sent.end_char
    spans = doc.user_data.get("dyadwatch.quotes")
    if spans is None:
        spans = doc.user_data["dyadwatch.quotes"] = quotation_spans(doc_text(doc))
    out: list[tuple[Quote | None, tuple[int, int]]] = []
    for qs, qe in spans:
        if qe < base or qs >= end_char:
            continue
        span = (max(qs, base) - base, min(qe, end_char) - base)
        if qe >= end_char:
            out.append((None, span))  # closes in a later sentence
            continue
        out.append((_direct(doc, sent, qs, qe, speaker_of, offset - base, previous), span))
    return out


def _direct(doc: Any, sent: Any, qs: int, qe: int, speaker_of: Callable[[Any], Actor | None],
            doc_offset: int, previous: Actor | None) -> Quote:
    verb = _speech_verb_outside(sent, grammar()["speech"], qs, qe)
    speaker = None
    if verb is None:
        speaker = previous
    else:
        speaker = _speaker(verb, speaker_of, previous)
    words = doc_text(doc)[qs:qe]
    text = words.strip(" ,")
    start = doc_offset + qs + len(words) - len(words.lstrip(" ,"))
    return Quote(speaker, text, verb.text if verb is not None else None, start,
                 start + len(text), True)


# "the head of the farmers' union", "a spokesman for the army": they speak for the body
SPOKESPEOPLE = {"leader", "head", "chief", "spokesman", "spokeswoman", "spokesperson",
                "representative", "member", "official", "officer", "commander", "director"}


def _speaker(verb: Any, speaker_of: Callable[[Any], Actor | None],
             previous: Actor | None) -> Actor | None:
    """The actor the subject of a speech verb stands for; "he", "she" with no antecedent of
    its own is the one who spoke just before."""
    heads, _ = subject_of(verb)
    for h in heads:
        if h.lemma_.lower() in SPOKESPEOPLE:
            for prep in (c for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "for")):
                body = next((a for a in map(speaker_of, prep.children) if a), None)
                if body is not None:
                    return body
        found = speaker_of(h)
        if found is not None:
            return found
    if any(h.pos_ == "PRON" for h in heads):
        return previous
    return None


def _speech_verb_outside(sent: Any, speech: frozenset[str], qs: int, qe: int) -> Any:
    """A speech verb of the sentence outside the quotation [qs, qe) (Doc offsets)."""
    for t in sent:
        if qs - 1 <= t.idx <= qe:
            continue
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in speech:
            return t
    return None


def indirect_quotes(sent: Any, speaker_of: Callable[[Any], Actor | None], offset: int,
                    inside: list[tuple[int, int]], previous: Actor | None = None) -> list[Quote]:
    """ "X said (that) ...", "according to X, ...": the reported clause, when X is an actor
    ("he added that ..." is the previous speaker's)."""
    out = _according_to(sent, speaker_of, offset, inside)
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
        speaker = _speaker(t, speaker_of, previous)
        if speaker is None:
            continue
        span = list(clauses[0].subtree)
        start, end = span[0].idx - base, span[-1].idx + len(span[-1]) - base
        if any(s <= start < e for s, e in inside):
            continue  # the clause is a direct quotation already
        words = [w for w in span if w.dep_ != "mark" or w.i != span[0].i]
        start = words[0].idx - base
        out.append(Quote(speaker, span_text(sent)[start:end], t.text, offset + start, offset + end,
                         False))
    return out


def _according_to(sent: Any, speaker_of: Callable[[Any], Actor | None], offset: int,
                  inside: list[tuple[int, int]]) -> list[Quote]:
    """ "According to the UN, more than 500,000 people have fled": the rest of the
    sentence is the source's claim."""
    if "ccording to" not in span_text(sent):  # cheap test first: most sentences have none
        return []
    base = sent.start_char
    for t in sent:
        if t.lower_ != "according" or t.i + 1 >= sent.end or t.nbor().lower_ != "to":
            continue
        objects = [c for c in t.nbor().children if c.dep_ == "pobj"] or \
            [c for c in t.children if c.dep_ == "pobj"]
        speaker = next((a for a in map(speaker_of, objects) if a), None)
        if speaker is None:
            return []
        last = max(w.i for o in objects for w in o.subtree)
        if t.i > sent.start:  # "..., according to police": the words before it
            words = [w for w in sent if w.i < t.i]
        else:  # "According to the UN, ...": the words after its name
            words = [w for w in sent if w.i > last]
        while words and words[0].is_punct:
            words = words[1:]
        while words and words[-1].is_punct:
            words = words[:-1]
        if not words:
            return []
        start = words[0].idx - base
        stop = words[-1].idx + len(words[-1]) - base
        text = span_text(sent)[start:stop].strip(" ,.")
        if any(s <= start < e for s, e in inside) or len(text) < MIN_QUOTE:
            return []
        return [Quote(speaker, text, "according to", offset + start, offset + start + len(text),
                      False)]
    return []


DOMESTIC = {"GOV", "MIL", "COP", "OPP", "LEG", "JUD", "LAB", "BUS", "EDU", "MED", "CVL", "REB",
            "SPY", "HLH", "HRI", "PTY", "ELI", "AGR", "NGO"}


def with_home_country(actor: Actor, country_counts: Counter[str]) -> Actor:
    """ "a police spokesman said": a role with no country speaks for the country the
    article is about (the one its actors most often belong to), as a reporter means it."""
    if actor.country or not country_counts or not set(actor.roles) & DOMESTIC:
        return actor
    country = country_counts.most_common(1)[0][0]
    return replace(actor, code=country + actor.code, country=country)
