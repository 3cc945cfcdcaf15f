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
from dataclasses import replace
from typing import Any

from dyadwatch.analyze.nlp import doc_text, span_text
from dyadwatch.code.actors import resolve
from dyadwatch.code.clauses import subject_of
from dyadwatch.code.modality import grammar
from dyadwatch.model import Actor, Quote

OPENING, CLOSING, STRAIGHT = "“", "”", '"'
MIN_QUOTE = 12  # shorter quoted words are scare quotes ("warmongers"), not quotations
QUOTE_MARKS = re.compile(f"[{OPENING}{CLOSING}{STRAIGHT}]")


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks of a text; a pair may
    hold several sentences ('"We are ready. But not under threats," the ministry said.')."""
    out: list[tuple[int, int]] = []
    opened = None
    for m in QUOTE_MARKS.finditer(text):  # the marks only, not every character
        i, c = m.start(), m.group()
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
    verb = _speech_verb_outside(sent, grammar()["speech"] | QUOTE_VERBS, qs, qe)
    speaker = None
    if verb is None:
        # a quotation standing alone goes on from the sentence before; one with words of
        # its own around it ('..., read a banner') is no one's we know
        text = doc_text(doc)
        outside = text[sent.start_char:qs] + text[qe:sent.end_char]
        speaker = previous if not any(c.isalnum() for c in outside) else None
    else:
        speaker = _speaker(verb, speaker_of, previous)
    words = doc_text(doc)[qs:qe]
    text = words.strip(" ,")
    start = doc_offset + qs + len(words) - len(words.lstrip(" ,"))
    return Quote(speaker, text, verb.text if verb is not None else None, start,
                 start + len(text), True)


# "the head of the farmers' union", "a spokesman for the army": they speak for the body
SPOKESPEOPLE = {"leader", "head", "chief", "spokesman", "spokeswoman", "spokesperson",
                "representative", "member", "official", "officer", "commander", "director",
                "one"}  # "one of the striking miners"
# verbs that introduce a quotation but not reported speech in general ("protesters chanted
# '...'", "called the strikes 'a flagrant violation'")
QUOTE_VERBS = frozenset({"chant", "shout", "call", "describe", "vow", "pledge", "write"})


def _speaker(verb: Any, speaker_of: Callable[[Any], Actor | None],
             previous: Actor | None) -> Actor | None:
    """The actor the subject of a speech verb stands for; "he", "she" with no antecedent of
    its own is the one who spoke just before."""
    heads, _ = subject_of(verb)
    for h in heads:
        spokesperson = h.lemma_.lower() in SPOKESPEOPLE
        found = _body(h, speaker_of, _for_whom(h)) if spokesperson else None
        if found is not None:
            return found
        found = speaker_of(h)
        if spokesperson and (found is None or found.roles == ["GOV"]):
            # "leader", "official" say little; "army chief" is specific enough already
            found = _body(h, speaker_of, [c for c in h.children
                                          if c.dep_ in ("poss", "amod", "compound")]) or found
        if found is not None:
            return found
    if any(h.pos_ == "PRON" for h in heads):
        return previous
    return None


def _for_whom(head: Any) -> list[Any]:
    return [o for p in head.children if p.dep_ == "prep" and p.lower_ in ("of", "for")
            for o in p.children if o.dep_ == "pobj"]


def _body(head: Any, speaker_of: Callable[[Any], Actor | None], words: list[Any]) -> Actor | None:
    """The body a spokesperson speaks for, from `words` around the head: "a spokesman for
    the army", "the army's spokesman", "a farmers' leader", "Burkina Faso's military
    leader" (the role from one word, the country from another)."""
    found = [a for a in map(speaker_of, words) if a is not None]
    body = next((a for a in found if a.roles != ["GOV"]), None) or next(iter(found), None)
    if body is None or body.country or body.name:
        return body
    country = next((a.country for a in found if a.country), None)
    return replace(body, code=country + body.code, country=country) if country else body


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
PLACE_PREPS = {"of", "in", "from", "for"}  # "the mayor of Kharkiv", "police in Dhaka"


def speaker_resolver(sctx: Any, quotes: list[Quote]) -> Callable[[Any], Actor | None]:
    """`speaker_of(head)`: the actor the head of a speaker's noun phrase stands for, in the
    sentence of `sctx` (an actors.SentenceContext); `quotes` are the article's so far.
    "he", "she" right after a quotation is its speaker ('The mayor said ... '...,' he
    wrote')."""
    last = _last_speaker(quotes, sctx)

    def speaker_of(head: Any) -> Actor | None:
        if head.lower_ in ("he", "she") and last is not None:
            return last
        if head.dep_ == "poss" and head.lower_ in ("its", "their"):
            # "its spokesman said": the body the story was just about
            return last or _topic(sctx) or None
        found = resolve(head, sctx)
        if not found:
            return _newcomer(head, sctx)
        return with_home_country(found[0].actor, sctx, head, last)
    return speaker_of


def _last_speaker(quotes: list[Quote], sctx: Any) -> Actor | None:
    last = quotes[-1] if quotes else None
    if last is not None and last.sentence_index == sctx.sentence - 1 and last.speaker:
        return last.speaker
    return None


def with_home_country(actor: Actor, sctx: Any, head: Any = None,
                      last: Actor | None = None) -> Actor:
    """ "a police spokesman said": a role with no country speaks for, in this order, the
    place its phrase names ("the mayor of Kharkiv"), the country of the one quoted just
    before, of the actor the sentence before was about ("The Venezuelan government accused ... '...,' Foreign Minister Yvan
    Gil said"), the dateline's country, the country the article's actors most often
    belong to, then the country of a place the sentence names. Named bodies with no
    country (the WHO, Human Rights Watch) stay as they are."""
    if actor.country or actor.name or not set(actor.roles) & DOMESTIC:
        return actor
    ctx = sctx.article
    counts = ctx.country_counts.most_common(1)
    country = (_place_country(head) if head is not None else None) \
        or (last.country if last is not None else None) or _topic_country(sctx) \
        or ctx.dateline_country or (counts[0][0] if counts else None) \
        or sctx.place_country
    if not country:
        return actor
    return replace(actor, code=country + actor.code, country=country)


def _place_country(head: Any) -> str | None:
    """The country of a place in the speaker's phrase or hung on its speech verb ("a rebel
    commander said in Idlib")."""
    holders = [head] + ([head.head] if head.dep_ in ("nsubj", "pobj") else [])
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for obj in prep.children:
                place = _place(obj)
                if place is not None:
                    return place
    return None


def _place(token: Any) -> str | None:
    from dyadwatch.code.places import resolve as resolve_place

    if token.ent_type_ not in ("GPE", "LOC") and token.tag_ != "NNP":
        return None
    words = [t for t in token.subtree if t.tag_ in ("NNP", "NNPS") or t.ent_type_]
    name = " ".join(t.text for t in words if t.i <= token.i) or token.text
    place = resolve_place(name)
    return place.country if place is not None else None


def _topic_country(sctx: Any) -> str | None:
    """The country of the first actor the sentence before named (its subject, in news)."""
    topic = _topic(sctx)
    return topic.country if topic is not None else None


def _topic(sctx: Any) -> Actor | None:
    """The first actor of the nearest of the two sentences before that names one (a
    quotation may fill the one in between)."""
    recent = _recent(sctx, 2)
    for back in (1, 2):
        for m in recent:
            if m.sentence == sctx.sentence - back and m.paragraph >= sctx.paragraph - 1 \
                    and (m.actor.country or m.actor.name):
                return m.actor
    return None


def _recent(sctx: Any, sentences: int) -> list[Any]:
    """The article's mentions from the last `sentences` sentences up to this one, in order
    (read from the end: an article's history grows long)."""
    out = []
    for m in reversed(sctx.article.history):
        if m.sentence < sctx.sentence - sentences:
            break
        out.append(m)
    return out[::-1]


def _newcomer(head: Any, sctx: Any) -> Actor | None:
    """ "Ecuador's president declared a state of emergency. '...,' Daniel Noboa said.": a
    person the dictionary does not know, named right after a person was named by role,
    is that person."""
    if head.pos_ != "PROPN":
        return None
    # "Kenyan President William Ruto met ... '...,' Ruto said": named with the title before
    for m in reversed(sctx.article.history):
        if m.actor.country and m.actor.text and head.text in m.actor.text.split() \
                and (m.sentence, m.token) < (sctx.sentence, head.i):
            return m.actor
    if head.ent_type_ != "PERSON":
        return None
    recent = [m for m in _recent(sctx, 1) if m.personal and m.actor.country
              and (m.sentence, m.token) < (sctx.sentence, head.i)]
    return recent[-1].actor if recent else None


def previous_speaker(quotes: list[Quote], sctx: Any) -> Actor | None:
    """Who goes on speaking in this sentence: the speaker of a quotation in the sentence
    before, else the actor that sentence was about ("Peru's interior minister announced a
    curfew. 'Nobody will be allowed on the streets.'")."""
    return _last_speaker(quotes, sctx) or _topic(sctx)
