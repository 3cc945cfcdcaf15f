"""Negation and modality of an event's clause: asserted, future, proposed, hypothetical,
reported, denied.

"Mexico will not permit ..." is negated and future; "X proposed classifying ..." is
proposed; "X would retaliate if ..." hypothetical; "reports said X attacked ..." reported;
"X denied that its troops fired ..." denied. The word classes come from
dyadwatch/data/grammar.tsv.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dyadwatch.code.dictionary import DATA, read_tsv

GRAMMAR_CLASSES = {
    "speech", "negating", "intent", "proposal", "threat", "appeal", "order", "object_control",
    "light", "denial", "hypothetical_aux", "future_aux", "reference_noun", "reciprocal_det",
    "discard", "cessation", "mandative", "expectation",
}
NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "without"}
REPORTED_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly"}
# Clause links through which a governor's meaning reaches the clause under it.
COMPLEMENT_DEPS = {"xcomp", "ccomp", "pcomp", "advcl", "conj", "acl", "relcl", "parataxis",
                   "acomp"}


@lru_cache(maxsize=1)
def grammar() -> dict[str, frozenset[str]]:
    """Word classes by name: {"speech": {"say", "state", ...}, ...}."""
    path = DATA / "grammar.tsv"
    out: dict[str, frozenset[str]] = {}
    for _, row in read_tsv(path, ("class", "lemmas"), ("class", "lemmas")):
        out[row["class"]] = frozenset(w.strip().lower() for w in row["lemmas"].split("|"))
    missing = GRAMMAR_CLASSES - set(out)
    if missing:
        from dyadwatch.errors import DictionaryError

        raise DictionaryError(f"E015 {path} lacks word classes: {', '.join(sorted(missing))}")
    return out


@dataclass
class Clause:
    """What the words around a trigger say about it."""

    negated: bool = False
    modality: str = "asserted"
    governor: Any = None  # the governing verb that sets modality ("refused", "proposed")
    governor_class: str | None = None  # its word class
    reported_by: Any = None  # the speech verb the clause is reported under
    refusal: bool = False  # negation that refuses ("will not permit", "refused to")
    condition: bool = False  # the clause is a condition ("if China invaded")
    speculative: bool = False  # "could", "might", "may": nobody commits to it


def is_negated(token: Any) -> bool:
    """A `neg` dependent, or "no"/"never" on the trigger ("no agreement", "never attacked")."""
    for c in token.children:
        if c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ in ("det", "advmod", "neg")):
            return True
    return False


def verb_of(token: Any) -> Any:
    """The verb a noun trigger hangs on ("signed an agreement" -> signed), else the token."""
    t = token
    while t.dep_ in ("dobj", "pobj", "prep", "nsubjpass", "attr", "conj", "compound") and t.head.i != t.i:
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return token


SPECULATIVE_AUX = {"could", "might", "may"}
REFUSING_AUX = {"will", "wo", "would", "shall", "can", "ca", "could", "'ll"}


def is_condition(verb: Any) -> bool:
    """ "if China invaded Taiwan": the clause states a condition, not an event; so does
    a clause in the present of what must come first ("once Hamas releases the hostages",
    "as soon as the rebels free every hostage", "until Cambodia clears the mines")."""
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
        return True
    if verb.dep_ != "advcl" or verb.tag_ not in ("VBZ", "VBP"):
        return False
    return any((c.dep_ in ("advmod", "mark") and c.lower_ == "once")
               or (c.dep_ == "mark" and c.lower_ == "until")
               or (c.dep_ == "mark" and c.lower_ == "as" and verb.head.lower_ == "soon")
               for c in verb.children)


def aux_modality(verb: Any) -> str | None:
    g = grammar()
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass"):
            low = c.lower_
            if low in g["future_aux"] or c.lemma_.lower() in g["future_aux"]:
                return "future"
            if low in g["hypothetical_aux"]:
                return "hypothetical"
        if c.dep_ == "mark" and c.lower_ in ("if", "unless"):
            return "hypothetical"
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless")
                                    for c in verb.children):
        return "hypothetical"
    if any(c.dep_ == "advmod" and c.lower_ in REPORTED_ADVERBS for c in verb.children):
        return "reported"
    if verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children):
        going = [c for c in verb.children if c.lower_ == "going"]
        if going:
            return "future"
    return None


def analyse(trigger: Any) -> Clause:
    """Negation and modality of the event carried by `trigger` (a verb or an event noun)."""
    g = grammar()
    clause = Clause()
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else verb_of(trigger)
    clause.negated = is_negated(trigger) or (verb is not trigger and is_negated(verb))
    clause.modality = aux_modality(verb) or "asserted"
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    clause.refusal = clause.negated and bool(auxes & REFUSING_AUX)
    clause.condition = is_condition(verb)
    clause.speculative = bool(auxes & SPECULATIVE_AUX) and not clause.negated
    if {"would", "have"} <= auxes or {"would", "'ve"} <= auxes:
        # "a resolution that would have imposed an embargo": what did not happen
        clause.speculative = True
    reported = _reported_content_of(verb)
    answer = report_verb(reported) if reported is not None else None
    if answer is not None and answer.lemma_.lower() in g["denial"]:
        # "Egypt denied reports that it had supplied weapons": the content of a denied
        # report is denied
        clause.governor, clause.governor_class = answer, "denial"
        _govern(clause, "denial", answer, "ccomp")
        return clause
    if answer is not None and answer.lemma_.lower() not in CONFIRMING:
        # "declined to comment on reports that it had received a delegation": a report
        # nobody here confirms is no event
        clause.speculative = True
    if _content_noun(verb, ASKING_NOUNS) is not None:
        # "rejected Israel's demand that it disarm": what is asked is not done
        clause.speculative = True
    # Climb the clause chain: "refused to meet", "threatened to impose", "said it would".
    t = verb
    for _ in range(5):
        if t.dep_ not in COMPLEMENT_DEPS or t.head.i == t.i:
            break
        gov = t.head
        dep = complement_dep(t)
        if dep == "xcomp" and is_condition(gov):
            clause.condition = True  # "if Madrid continued to back the plan"
        noun = intent_noun(t)
        if noun is not None and clause.governor is None:
            # "had no plans to send", "has no intention of negotiating": an intent, and
            # with "no" a refusal; then on up from "had" ("Germany said it had ...")
            clause.governor, clause.governor_class = noun, "intent"
            _govern(clause, "intent", noun, "xcomp")  # "no plans" negates it already
            if is_negated(noun.head):  # "does not have plans to"
                clause.negated = not clause.negated
                clause.refusal = clause.negated
            if noun.head.i == noun.i or noun.dep_ != "dobj":
                break
            t = noun.head
            continue
        if dep in ("xcomp", "ccomp", "parataxis") and gov.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
            lemma = gov.lemma_.lower()
            cls = _governor_class(lemma, g, dep)
            if lemma in g["mandative"] and dep == "ccomp" and subjunctive(t):
                cls = "appeal"  # "insisted that Hamas disarm": a demand, not a fact
            if lemma in g["expectation"] and clause.governor is None and (
                    any(c.dep_ == "dobj" for c in gov.children)
                    or any(c.dep_ == "nsubj" for c in t.children)):
                # "diplomats expected North Korea to carry out a test": someone else's guess
                clause.speculative = True
            if cls and clause.governor is None:
                clause.governor, clause.governor_class = gov, cls
                _govern(clause, cls, gov, dep)
            elif lemma in g["speech"] and dep in ("ccomp", "parataxis"):
                clause.reported_by = gov
                if clause.modality == "hypothetical" and "would" in auxes:
                    clause.modality = "future"  # "said it would ...": reported future
                break
            if clause.modality == "asserted" and dep == "xcomp":
                clause.modality = aux_modality(gov) or "asserted"
            if dep == "xcomp" and not clause.negated and any(
                    c.dep_ == "aux" and c.lower_ in SPECULATIVE_AUX for c in gov.children):
                clause.speculative = True  # "could try to seize": as unsure as "could seize"
        if dep not in ("conj", "xcomp", "ccomp", "acomp"):
            break
        t = gov
    return clause


REPORT_NOUNS = {"report", "claim", "allegation", "accusation", "suggestion", "rumour",
                "rumor", "charge", "assertion"}
# Nouns whose "that" clause says what someone is asked to do.
ASKING_NOUNS = {"demand", "call", "request", "proposal", "ultimatum", "order", "appeal",
                "insistence", "condition", "requirement"}


def _content_noun(verb: Any, nouns: set[str]) -> Any:
    """The noun of `nouns` whose "that" clause the verb heads ("reports that it had
    supplied", "the demand that it disarm"); else None."""
    noun = verb.head
    if verb.dep_ in ("acl", "ccomp") and noun.i != verb.i and noun.pos_ == "NOUN" \
            and noun.lemma_.lower() in nouns \
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
        return noun
    return None


def _reported_content_of(verb: Any) -> Any:
    """The report noun a clause is the content of ("reports that it had supplied"), when
    that noun is a verb's object; else None."""
    noun = _content_noun(verb, REPORT_NOUNS)
    return noun if noun is not None and noun.dep_ in ("dobj", "pobj") else None


def report_verb(noun: Any) -> Any:
    """The verb a report noun hangs on: "denied reports", "declined to comment on reports"."""
    return noun.head.head if noun.dep_ == "pobj" else noun.head


# Verbs that take a report's content as true.
CONFIRMING = {"confirm", "verify", "acknowledge", "corroborate"}


# Nouns of intent: "plans to send", "no intention of negotiating".
INTENT_NOUNS = {"plan", "intention", "intent", "desire", "wish", "willingness", "readiness",
                "commitment", "interest"}


def intent_noun(t: Any) -> Any:
    """The intent noun a clause completes ("plans to send" -> plans), else None."""
    if t.dep_ == "acl" and t.tag_ == "VB":
        noun = t.head
    elif t.dep_ == "pcomp" and t.head.lower_ in ("of", "for") and t.tag_ == "VBG":
        noun = t.head.head
    else:
        return None
    return noun if noun.pos_ == "NOUN" and noun.lemma_.lower() in INTENT_NOUNS else None


GOVERNING_CLASSES = ("negating", "cessation", "intent", "threat", "proposal", "order")


SINGULAR_TAGS = {"NN", "NNP"}


def subjunctive(verb: Any) -> bool:
    """A bare verb after a demand: "insisted that Hamas disarm", "that Serbia recognise
    Kosovo" (a singular subject with a verb not in -s form), never "that it had attacked"."""
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if verb.tag_ == "VB":
        return True
    singular = any(c.dep_ == "nsubj" and c.tag_ in SINGULAR_TAGS for c in verb.children)
    # "that Iran halt enrichment": the tagger takes a bare verb for a noun or a plural
    return singular and (verb.tag_ == "VBP" or (verb.tag_ == "NN" and verb.dep_ == "ccomp"))


def complement_dep(t: Any) -> str:
    """The clause's relation to its head, with one parser slip mended: "offered on Monday
    to host talks" parses "to host" as an adverbial clause (after the inserted phrase),
    but under a governing verb it is the verb's complement, as in "offered to host"."""
    if t.dep_ == "advcl" and t.tag_ == "VB" \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
        g = grammar()
        lemma = t.head.lemma_.lower()
        if any(lemma in g[cls] for cls in GOVERNING_CLASSES):
            return "xcomp"
    return t.dep_


def _govern(clause: Clause, cls: str, gov: Any, dep: str) -> None:
    """What a governing verb does to the clause under it."""
    if cls == "negating":
        if not is_negated(gov):
            clause.negated = not clause.negated
            clause.refusal = clause.negated
        return
    if cls == "denial":
        clause.negated, clause.modality = True, "denied"
        return
    if cls == "cessation":
        # "Kyiv stopped targeting refineries": what ends is not done, nor refused
        clause.negated, clause.refusal = True, False
        return
    if cls == "proposal":
        clause.modality = "proposed"
    elif cls in ("threat", "intent") and clause.modality == "asserted":
        clause.modality = "future"
    if is_negated(gov) and cls in ("intent", "proposal", "threat", "order"):
        clause.negated = not clause.negated
        clause.refusal = clause.negated  # "did not agree to", "would not promise"


def govern_by_light_verb(clause: Clause, verb: Any) -> None:
    """ "proposed talks", "threatened sanctions", "rejected talks": the verb that an event
    noun is the object of sets the event's modality as a governing verb would."""
    if clause.governor is not None:
        return
    g = grammar()
    lemma = verb.lemma_.lower()
    for cls in ("proposal", "threat", "negating", "intent"):
        if lemma in g[cls]:
            clause.governor, clause.governor_class = verb, cls
            _govern(clause, cls, verb, "dobj")
            return


def _governor_class(lemma: str, g: dict[str, frozenset[str]], dep: str) -> str | None:
    order = ("denial", "negating", "cessation", "threat", "proposal", "appeal", "order",
             "object_control", "intent")
    for cls in order:
        if lemma in g[cls]:
            if cls in ("denial",) and dep != "ccomp":
                continue
            if cls in ("negating", "cessation", "intent", "threat", "order", "object_control") \
                    and dep != "xcomp":
                continue
            if cls == "appeal" and dep not in ("xcomp", "ccomp"):
                continue
            return cls
    return None
