"""Document-level event type: the main PLOVER type of a story.

A story's headline says what it is about, so the headline's coded event type comes first;
the body decides when the headline codes nothing. In the body each event weighs
1 / (1 + its sentence index): the lead counts most, and a type coded again and again
further down can still win. Headlines are written in title case ("Cuba Tightens the
Screws on Media"), which the parser reads as a row of names; `headline_sentence` puts
every word that is not a name the dictionaries know back in lower case first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dyadwatch.code.dictionary import load_actor_dictionary
from dyadwatch.model import Event

NAME_KINDS = {"country", "adjective", "metonym", "person", "org", "region", "alias"}
WORD = re.compile(r"^([\"'‘“(\[]*)(.*?)([\"'’”)\].,:;!?]*)$")


def headline_sentence(title: str, dictionaries: Iterable[str] = ()) -> str:
    """ "Cuba Tightens the Screws on Media Freedoms" -> "Cuba tightens the screws on media
    freedoms." Names the dictionaries know (the packaged ones and the user's
    `dictionaries`), acronyms and the first word keep their case."""
    words = title.split()
    if not words:
        return ""
    parts = [WORD.match(w).groups() for w in words]  # type: ignore[union-attr]
    cores = [core for _, core, _ in parts]
    keep = {0}
    for m in load_actor_dictionary(tuple(dictionaries)).index.match(cores):
        if any(e.kind in NAME_KINDS for e in m.entries):
            keep.update(range(m.start, m.end))
    out = []
    for i, (lead, core, trail) in enumerate(parts):
        if i not in keep and core[:1].isupper() and not core.isupper() \
                and not any(ch.isdigit() for ch in core):
            core = core.lower()
        out.append(lead + core + trail)
    text = " ".join(out)
    return text if text[-1:] in ".!?" else text + "."


def salient_type(events: Iterable[Event]) -> str | None:
    """The main PLOVER type among events: each weighs 1/(1 + its sentence index); ties go
    to the type coded first."""
    weight: dict[str, float] = {}
    for event in events:
        kind = story_type(event)
        if kind:
            weight[kind] = weight.get(kind, 0.0) + 1.0 / (1 + event.sentence_index)
    return max(weight, key=lambda t: weight[t]) if weight else None  # dicts keep first-seen order


def story_type(event: Event) -> str | None:
    """The PLOVER type an event gives its story. An appeal (CAMEO 02) has no PLOVER type
    of its own, as PLOVER dropped the category; a story about an appeal ("Cameroon asks
    France for military aid") is a REQUEST story, which PLOVER defines as all requests."""
    if event.plover_type:
        return event.plover_type
    return "REQUEST" if event.cameo_root == "02" else None


def document_type(body: Iterable[Event], headline: Iterable[Event] = ()) -> str | None:
    """The story's type: the headline's when it codes one, else the body's."""
    return salient_type(headline) or salient_type(body)
