"""Document-level event type: the main PLOVER type of a story.

A story's headline says what it is about: the type of the event in the headline's main
clause comes first, whether or not the dictionaries know who acted (`unattributed_types`,
its "gist"); then the headline's coded events; then the body, where each event weighs
1 / (1 + its sentence index): the lead counts most, and a type coded again and again
further down can still win; then the gist of the body's first sentence. Headlines are
written in title case ("Cuba Tightens the Screws on Media"), which the parser reads as a
row of names; `headline_sentence` puts every word that is not a name the dictionaries know
back in lower case first. A story's type follows PLOVER's story conventions where they
differ from the sentence-level crosswalk (`STORY_TYPES`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from dyadwatch.code import negation
from dyadwatch.code.cameo import cameo_table
from dyadwatch.code.clauses import background_noun, noun_source, tree_depth
from dyadwatch.code.dictionary import load_actor_dictionary
from dyadwatch.code.modality import analyse, govern_by_light_verb
from dyadwatch.code.verbs import load_verb_matcher
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


def unattributed_types(text: str, dictionaries: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(story type, pattern rule) of the event patterns in `text`, whoever acts, the main
    clause's first.

    "Eight Killed in Bomb Explosion", "Nationwide Curfew Imposed After Protests": a
    headline often names what happened and not who did it, so the coder, which needs an
    actor, finds no event. The verb patterns still say what kind of story it is; negation
    and modality count as in the coder ("Rebels Agree to Stop Fighting" is an intent,
    "Police Did Not Fire" nothing), and an appeal, a condition or speculation is no fact.
    The event nearest the root of the sentence is what the sentence is about ("Opposition
    Concedes After Meeting With Prime Minister" is a concession); an event noun set in a
    time or cause phrase ("since the invasion") is background.
    """
    return gists([text], dictionaries)[0]


def gists(texts: Iterable[str], dictionaries: Iterable[str] = (),
          first_sentence: bool = False) -> list[list[tuple[str, str]]]:
    """`unattributed_types` of many texts, parsed together; with `first_sentence`, of
    each text's first sentence only (a story's lead)."""
    from dyadwatch.analyze import parse

    matcher = load_verb_matcher(tuple(dictionaries))
    out = []
    for doc in parse(list(texts)):
        span = next(iter(doc.sents), doc[0:0]) if first_sentence else doc
        out.append(_gist(span, matcher))
    return out


def _gist(span: Any, matcher: Any) -> list[tuple[str, str]]:
    table = cameo_table()
    found: list[tuple[int, int, str, str]] = []
    if len(span):
        triggers = [(t, c) for t in span
                    if (c := _headline_passive(t, matcher) or matcher.candidates(t))]
        triggers.sort(key=lambda tc: (-tree_depth(tc[0]), tc[0].i))
        governors: set[int] = set()
        events = {t.i for t, _ in triggers}
        for trigger, candidates in triggers:
            if trigger.i in governors or _not_news(trigger):
                continue
            clause = analyse(trigger)
            if trigger.pos_ in ("NOUN", "PROPN"):
                # "Officials Promise Arrests": the light verb sets the noun's modality
                _, light = noun_source(trigger)
                if light is not None:
                    govern_by_light_verb(clause, light)
            if clause.condition or clause.speculative or clause.governor_class == "appeal":
                continue
            pattern = candidates[0]
            outcome = negation.apply(pattern.cameo, clause.negated, clause.modality,
                                     governor_class=clause.governor_class,
                                     refusal=clause.refusal)
            if outcome.cameo is None:
                continue
            depth = tree_depth(trigger)
            if trigger.dep_ == "nsubj" and trigger.head.i in events:
                depth -= 1  # "Aid Arrives in Gaza", "Talks Begin": the event is the subject
            if clause.governor is not None:
                governors.add(clause.governor.i)
                depth = min(depth, tree_depth(clause.governor))
            kind = _type_of(outcome.cameo, table[outcome.cameo].plover_type)
            if kind:
                found.append((depth, trigger.i, kind, pattern.rule))
    return [(kind, rule) for _, _, kind, rule in sorted(found)]


def _headline_passive(t: Any, matcher: Any) -> list[Any]:
    """Headlines drop "is" and "are": in "Nationwide Curfew Imposed After Protests" the
    parser reads "imposed" as describing the curfew, and in "Restrictions Lifted on
    Charity" as something the restrictions did; either way the verb is a passive, and the
    noun it hangs on (or its subject, when it has no object) is what the pattern's object
    words are looked for in."""
    if t.dep_ == "acl" and t.tag_ == "VBN" and t.head.dep_ == "ROOT":
        noun = t.head
    elif t.dep_ == "ROOT" and t.tag_ in ("VBD", "VBN") and not any(
            c.dep_ in ("dobj", "attr", "ccomp", "xcomp") for c in t.children):
        noun = next((c for c in t.children if c.dep_ == "nsubj"), None)
    else:
        return []
    if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
        return []
    words = {noun.lemma_.lower(), noun.lower_}
    for c in noun.children:  # "Nationwide Curfew", "Dozens of Captives Released"
        if c.dep_ in ("compound", "amod"):
            words.add(c.lemma_.lower())
        elif c.dep_ == "prep" and c.lower_ == "of":
            words.update(g.lemma_.lower() for g in c.children if g.dep_ == "pobj")
    patterns = matcher.by_trigger.get((t.lemma_.lower(), "V"), [])
    return [p for p in patterns if not p.particle and p.objects and not p.objects.isdisjoint(words)]


def _not_news(trigger: Any) -> bool:
    """A participle describing a noun ("detained activists") or an event noun in the
    background ("protests since the invasion"). An event noun as a subject is the news
    of a headline ("Talks Begin in Oslo", "Riots Break Out Across the Capital")."""
    if trigger.dep_ in ("amod", "compound") and trigger.pos_ in ("VERB", "ADJ"):
        return True
    return trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "pobj" \
        and background_noun(trigger)


def salient_type(events: Iterable[Event]) -> str | None:
    """The main PLOVER type among events: each weighs 1/(1 + its sentence index); ties go
    to the type coded first."""
    weight: dict[str, float] = {}
    for event in events:
        kind = story_type(event)
        if kind:
            weight[kind] = weight.get(kind, 0.0) + 1.0 / (1 + event.sentence_index)
    return max(weight, key=lambda t: weight[t]) if weight else None  # dicts keep first-seen order


# Where a story's type differs from the sentence-level crosswalk in cameo.tsv. PLOVER types
# a story by what was conceded, imposed or done, and its CONCEDE covers promises to yield
# (CAMEO 035x: "Rebels Agree to Stop Fighting", "Mayor Promises to End Curfew"), easing a
# curfew or a state of emergency (0813, 0814) or economic sanctions (085), and ceasefires
# and de-escalation (087, 0871); stepping down (0831) is a RETREAT; a conviction (116)
# and sanctions or embargoes imposed (163) are SANCTION.
STORY_TYPES = {"0813": "CONCEDE", "0814": "CONCEDE", "085": "CONCEDE", "087": "CONCEDE",
               "0871": "CONCEDE", "0831": "RETREAT", "116": "SANCTION", "163": "SANCTION"}


def story_type(event: Event) -> str | None:
    """The PLOVER type an event gives its story."""
    return _type_of(event.cameo, event.plover_type)


def _type_of(cameo: str, plover_type: str | None) -> str | None:
    """A code's story type: STORY_TYPES, else its PLOVER type. An appeal (CAMEO 02) has
    no PLOVER type of its own, as PLOVER dropped the category; a story about an appeal
    ("Cameroon asks France for military aid") is a REQUEST story, which PLOVER defines as
    all requests."""
    if cameo.startswith("035"):
        return "CONCEDE"
    if cameo in STORY_TYPES:
        return STORY_TYPES[cameo]
    if plover_type:
        return plover_type
    return "REQUEST" if cameo[:2] == "02" else None


def document_type(body: Iterable[Event], headline: Iterable[Event] = (),
                  headline_gist: list[str] | None = None,
                  lead_gist: list[str] | None = None) -> str | None:
    """The story's type: the headline's, else the body's, else the lead sentence's.

    `headline_gist` and `lead_gist` are the `unattributed_types` of the headline and of
    the body's first sentence, main clause first. The headline's main clause names the
    story's event ("Workers End Strike After Government Promises Better Pay" is a strike
    ended, not a promise), whether or not the dictionaries know who acted; its coded
    events count when it has no gist.
    """
    if headline_gist:
        return headline_gist[0]
    return salient_type(headline) or salient_type(body) or (lead_gist[0] if lead_gist
                                                            else None)
