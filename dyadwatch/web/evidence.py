"""The evidence behind an event, cut into pieces a template can mark up safely.

Evidence spans are character offsets into the event's sentence. We cut the sentence into
plain and marked segments here (in Python, where it is testable) and let the template
escape each one, so untrusted article text never reaches the page as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from dyadwatch.model import Event, Span


@dataclass
class Segment:
    text: str
    role: str | None = None  # "source" | "verb" | "target" | None for plain text
    event_ids: list[str] = field(default_factory=list)  # for coded article sentences


def _span(event: Event, role: str) -> tuple[int, int] | None:
    """The (start, end) of a role: the evidence span, else the actor's own offsets."""
    span: Span | None = getattr(event.evidence, role, None)
    if span is not None and span.start is not None and span.end is not None:
        return span.start, span.end
    actor = event.source if role == "source" else event.target if role == "target" else None
    if actor is not None and actor.start is not None and actor.end is not None:
        return actor.start, actor.end
    return None


def sentence_segments(event: Event) -> list[Segment]:
    """The sentence cut at the source, verb and target spans (overlaps and bad spans dropped).

    >>> from dyadwatch.model import Actor, Evidence
    >>> e = Event("a-0-0", "a", 0, "Mexico rejected the plan.", None, Actor("MEX"), None,
    ...           "120", "12", 3, -4.0, None, None, None, False, "asserted",
    ...           Evidence(verb=Span("rejected", 7, 15), rule="r", source=Span("Mexico", 0, 6)), 1.0)
    >>> [(s.text, s.role) for s in sentence_segments(e)]
    [('Mexico', 'source'), (' ', None), ('rejected', 'verb'), (' the plan.', None)]
    """
    text = event.sentence
    spans = []
    for role in ("source", "verb", "target"):
        se = _span(event, role)
        if se and 0 <= se[0] < se[1] <= len(text):
            spans.append((se[0], se[1], role))
    spans.sort()
    segments: list[Segment] = []
    pos = 0
    for start, end, role in spans:
        if start < pos:
            continue  # overlapping span: keep the first, never garble the text
        if start > pos:
            segments.append(Segment(text[pos:start]))
        segments.append(Segment(text[start:end], role))
        pos = end
    if pos < len(text):
        segments.append(Segment(text[pos:]))
    return segments


def article_segments(text: str, events: Iterable[Event]) -> tuple[list[Segment], list[int]]:
    """The article text with each coded sentence marked, and the sentence indexes not found.

    Sentences are located by their text in reading order, so a sentence repeated in the
    article marks the occurrence that follows the previous coded sentence.
    """
    by_sentence: dict[int, tuple[str, list[str]]] = {}
    for e in events:
        by_sentence.setdefault(e.sentence_index, (e.sentence, []))[1].append(e.id)
    segments: list[Segment] = []
    missing: list[int] = []
    pos = 0
    for index in sorted(by_sentence):
        sentence, ids = by_sentence[index]
        start = text.find(sentence, pos) if sentence else -1
        if start < 0:
            missing.append(index)
            continue
        if start > pos:
            segments.append(Segment(text[pos:start]))
        segments.append(Segment(sentence, "coded", ids))
        pos = start + len(sentence)
    if pos < len(text):
        segments.append(Segment(text[pos:]))
    return segments, missing
