"""Who acts and who is acted on: the source and target noun phrases of a trigger.

Reads the dependency parse: subjects (climbing through "ordered the army to ...",
"prompting Mexico to ...", coordination and participles), passive agents ("was attacked
by"), objects (descending through "the presence of U.S. forces"), and prepositional
targets ("met with", "sanctions against"). Returns head tokens; `actors.resolve` turns
them into actors.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from dyadwatch.code.modality import grammar, intent_noun

SUBJECT_DEPS = ("nsubj", "csubj")
TARGET_PREPS = ("with", "against", "on", "to", "toward", "towards", "into", "at", "from",
                "over", "upon", "onto", "for", "between", "among", "about", "of", "in")
VERB_TARGET_PREPS = ("with", "against", "on", "to", "toward", "towards", "into", "at", "from",
                     "over", "upon", "onto", "between", "among")
THING_PREPS = ("against", "to", "toward", "towards", "into", "on", "for", "at")
NOUN_TARGET_PREPS = ("against", "on", "with", "to", "toward", "towards", "of", "from",
                     "between", "into", "over", "for", "upon")
# "sent two navy ships carrying food to Cuba": the vehicle is what is sent, not a target.
VEHICLE_HEADS = {"ship", "vessel", "boat", "plane", "aircraft", "truck", "lorry", "convoy",
                 "flight", "helicopter", "airlift", "shipment", "consignment", "cargo"}
OBJECT_DESCEND_PREPS = ("of", "against", "on", "with", "to", "toward", "towards", "from",
                        "into", "in", "for", "between", "by")
# Nouns of weapons and strikes: "killed in an Israeli air strike" names who did it.
STRIKE_NOUNS = {"strike", "airstrike", "attack", "raid", "missile", "drone", "bombing",
                "shelling", "bombardment", "ambush", "operation", "offensive", "fire"}


def tree_depth(t: Any) -> int:
    """How many steps the token is below the root of its parse ("most embedded first")."""
    d = 0
    while t.head.i != t.i and d < 50:
        t = t.head
        d += 1
    return d


def subject_of(verb: Any, depth: int = 0) -> tuple[list[Any], bool]:
    """Head tokens of the verb's agent, and whether the subject is a passive one's agent.

    Returns ([], False) when none is found.
    """
    if depth > 6:
        return [], False
    # ("was detained and deported by police": the second participle is passive too)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ == "conj" and any(c.dep_ == "agent" for c in verb.children))
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        # "a missile fired by the Houthis": the participle's agent
        objs = [g for c in verb.children if c.dep_ == "agent" for g in c.children
                if g.dep_ == "pobj"]
        if objs:
            return objs, True
    if passive:
        # "cut by hundreds of millions of dollars by the administration": the by-phrase
        # that names someone, not an amount
        for c in verb.children:
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
                objs = [g for g in c.children if g.dep_ == "pobj" and not _amount(g)]
                if objs:
                    return objs, True
        for c in verb.children:
            # "imposed on Iranian oil exports by the EU": the by-phrase hung on the noun;
            # "condemned in a statement issued by the Security Council": the issuer
            for g in (g for g in c.children if c.dep_ == "prep" and g.dep_ == "pobj"):
                for by in g.children:
                    if by.dep_ == "prep" and by.lower_ == "by":
                        objs = [o for o in by.children if o.dep_ == "pobj"]
                    elif by.dep_ == "acl" and _is_document(g):
                        objs = [o for a in by.children if a.dep_ == "agent"
                                for o in a.children if o.dep_ == "pobj"]
                    else:
                        continue
                    if objs:
                        return objs, True
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "during", "after"):
                objs = [g for g in c.children
                        if g.dep_ == "pobj" and g.lemma_.lower() in STRIKE_NOUNS]
                if objs:
                    return objs, True
        # "five soldiers were killed when a bomb planted by the ELN exploded": the one
        # behind the weapon the clause on the verb names
        wielders = [w for c in verb.children if c.dep_ == "advcl"
                    for s in c.children if s.dep_ == "nsubj" and (w := _wielder(s)) is not None]
        if wielders:
            return wielders[:1], True
        return [], True
    subs = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subs:
        return [_wielder(s) or s for s in subs] + [x for s in subs for x in _stray_forces(s)], False
    g = grammar()
    dep, gov = verb.dep_, verb.head
    if gov.i == verb.i:
        return [], False
    if dep in ("acl", "pcomp") and (noun := intent_noun(verb)) is not None:
        # "Germany has no plans to send", "Germany's plans to send": whose plans they are
        owners = [c for c in noun.children if c.dep_ == "poss"]
        if owners:
            return owners, False
        if noun.dep_ == "dobj":
            return subject_of(noun.head, depth + 1)
        return [], False
    if dep == "xcomp":
        lemma = gov.lemma_.lower()
        dobj = [c for c in gov.children if c.dep_ in ("dobj", "dative")]
        if lemma in g["order"] and dobj:
            return subject_of(gov, depth + 1)
        if dobj and (lemma in g["object_control"] or lemma in g["appeal"]):
            return dobj, False
        return subject_of(gov, depth + 1)
    if dep == "ccomp" and verb.tag_ in ("VB",) and any(c.dep_ in ("dobj",) for c in gov.children):
        # "urged Mexico to act" is sometimes parsed with a ccomp
        return [c for c in gov.children if c.dep_ == "dobj"], False
    if dep in ("conj", "advcl", "pcomp", "xcomp", "dep", "acomp"):
        return subject_of(gov, depth + 1)
    if dep == "acl":
        noun = gov
        if not _is_document(noun):
            return [noun], False
        # "a statement reaffirming ...": the statement's issuer
        issuers = [c for c in noun.children if c.dep_ in ("poss", "compound")
                   or (c.dep_ == "amod" and c.text[:1].isupper())]
        if issuers:
            return issuers, False
        if noun.dep_ in ("dobj", "attr") and noun.head.lemma_.lower() in grammar()["light"]:
            return subject_of(noun.head, depth + 1)
        if noun.dep_ in ("nsubj",):
            return [], False
        return [], False
    if dep == "relcl":
        return [gov], False
    if dep == "pcomp" or (dep == "pobj" and gov.dep_ == "prep"):
        return subject_of(gov.head, depth + 1)
    return [], False


FORCE_WORDS = {"soldiers", "troops", "forces", "police", "policemen", "militants", "fighters",
               "rebels", "guards", "army", "militia", "militiamen", "gunmen"}


def _stray_forces(subject: Any) -> list[Any]:
    """"Fighters of the CODECO militia and Congolese soldiers clashed": the parser joins the
    soldiers to the militia, but they are a second subject, a body of their own."""
    if subject.lower_ not in FORCE_WORDS:
        return []
    return [x for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children if g.dep_ == "pobj" for x in g.conjuncts
            if x.lower_ in FORCE_WORDS]


# Things that do harm on someone's behalf: "a bomb planted by the Taliban killed ...".
INSTRUMENT_NOUNS = {"bomb", "mine", "device", "explosive", "missile", "rocket", "drone", "shell",
                    "grenade", "projectile", "bullet", "landmine", "ied", "strike", "airstrike",
                    "attack", "blast", "explosion", "car", "truck"}


AMOUNT_HEADS = {"hundred", "hundreds", "thousand", "thousands", "million", "millions",
                "billion", "billions", "percent", "%", "dollar", "dollars", "euro", "euros",
                "half", "third", "quarter", "point", "points"}


def _amount(t: Any) -> bool:
    """"by 20 percent", "by hundreds of millions of dollars": how much, not who."""
    return t.like_num or t.lemma_.lower() in AMOUNT_HEADS


def _wielder(subject: Any) -> Any:
    """The agent behind an instrument subject ("a drone launched by the Houthis"), if named."""
    if subject.lemma_.lower() not in INSTRUMENT_NOUNS:
        return None
    for by in subject.children:
        # "air strikes by the Saudi-led coalition hit a market"
        if by.dep_ == "prep" and by.lower_ == "by":
            objs = [g for g in by.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    for acl in subject.children:
        if acl.dep_ == "acl" and acl.tag_ == "VBN":
            for agent in acl.children:
                if agent.dep_ == "agent":
                    objs = [g for g in agent.children if g.dep_ == "pobj"]
                    if objs:
                        return objs[0]
    return None


DOCUMENT_NOUNS = {"order", "statement", "decree", "declaration", "letter", "resolution",
                  "memo", "memorandum", "directive", "communique", "report", "note", "bill",
                  "law", "plan", "message", "proposal", "executive"}


def _is_document(noun: Any) -> bool:
    return noun.lemma_.lower() in DOCUMENT_NOUNS


def noun_source(trigger: Any) -> tuple[list[Any], Any]:
    """The agent of an event noun: "Mexico's rejection", "U.S. strikes", "attack by X", or
    the subject of the light verb it is the object of ("launched an attack").

    Returns (heads, light_verb_or_None).
    """
    for c in trigger.children:
        if c.dep_ == "poss":
            return [c], None
        if c.dep_ == "prep" and c.lower_ == "by":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs, None
    # "U.S. strikes", "Israeli raids" name the agent; "air strikes" does not
    mods = [c for c in trigger.children if c.dep_ in ("compound", "amod", "nmod")
            and (c.pos_ == "PROPN" or c.text[:1].isupper())]
    head = trigger.head
    reactors = reaction_source(trigger)
    if reactors:
        return reactors, head
    # Only a light verb hands its subject to the noun: "launched an attack", "held talks";
    # not "suspended talks after an attack", "facing a strike".
    if trigger.dep_ in ("dobj", "attr", "nsubjpass") and head.pos_ in ("VERB", "AUX") \
            and head.lemma_.lower() in _handing_verbs():
        subs, _ = subject_of(head)
        if subs:
            return subs, head
    if trigger.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB",) \
            and head.lower_ in ("with", "in", "by") and head.head.lemma_.lower() not in NOT_AGENT_VERBS \
            and not any(c.dep_ == "dobj" and c.lemma_.lower() not in ("part", "role", "place")
                        for c in head.head.children):
        # "took part in talks", not "made concessions to Kyiv in talks" (the concessions
        # are what was made)
        subs, _ = subject_of(head.head)
        if subs and not mods:
            return subs, head.head
    if mods:
        return mods, None
    return [], None


# "The strike drew condemnation from Qatar": the verb's subject is what is reacted to.
REACTION_VERBS = {"draw", "earn", "attract", "prompt", "provoke", "spark", "trigger", "elicit",
                  "bring", "receive", "win", "take", "get", "accept"}


def reaction_source(trigger: Any) -> list[Any]:
    """ "X drew sharp criticism from Germany": Germany criticises (X is the target);
    "Egypt took delivery of a batch of jets from France": France delivers."""
    head = trigger.head
    if trigger.dep_ != "dobj" or head.lemma_.lower() not in REACTION_VERBS:
        return []
    for holder in (trigger, head, *_of_chain(trigger)):
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ == "from":
                return [g for g in c.children if g.dep_ == "pobj"]
    return []


def _of_chain(noun: Any, depth: int = 3) -> list[Any]:
    """ "delivery of the first batch of jets": the nouns an "of" phrase leads down to."""
    out = []
    for _ in range(depth):
        nxt = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj"]
        if not nxt:
            break
        noun = nxt[0]
        out.append(noun)
    return out


def reacted_to(verb: Any) -> list[Any]:
    """What a reaction answers: the subject's agent ("Iran's suspension", "the killing ...
    by a gang"), or the subject itself when it is an actor."""
    out = []
    for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        agents, _ = noun_source(subj)
        out += agents or [subj]
    return out


# Prepositions that set an event noun as the background of another event.
BACKGROUND_PREPS = {"since", "after", "following", "before", "amid", "despite", "over",
                    "against", "during", "at", "about", "on"}


def background_noun(trigger: Any) -> bool:
    """An event noun that is the topic of the sentence rather than its news: the subject
    of another verb ("Poland's closure of the border cost ..."), or set in a time or
    cause phrase ("since Russia's invasion", "a protest over the revocation of visas")."""
    if trigger.dep_ in ("nsubj", "nsubjpass", "csubj"):
        return True
    head = trigger.head
    if trigger.dep_ == "dobj" and head.lemma_.lower() in REACTING_VERBS:
        return True  # "denounced the seizure of its tanker by Estonian forces": said of
    verb = head.head if trigger.dep_ == "pobj" and head.dep_ == "prep" else head
    if trigger.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB" \
            and any(c.dep_ == "poss" and c.pos_ != "PRON" for c in trigger.children):
        # "agreed to Hamas's demand for a truce", "rejected Iran's proposal": another's
        # act answered, named, not done here (a light verb's own act has "its")
        return True
    return trigger.dep_ == "pobj" and head.lower_ in BACKGROUND_PREPS and head.head.i != trigger.i


# Verbs that react to an act named as their object: the act is what they are about.
REACTING_VERBS = {"condemn", "denounce", "criticize", "criticise", "deplore", "decry",
                  "welcome", "praise", "hail", "applaud", "protest", "investigate", "probe",
                  "discuss", "mourn", "regret", "lament"}


def object_heads(trigger: Any) -> list[Any]:
    """Direct and indirect objects of a verb, passive subjects, and their inner actors."""
    out = [c for c in trigger.children if c.dep_ in ("dative", "iobj")]
    out += [c for c in trigger.children if c.dep_ in ("dobj", "obj", "nsubjpass", "oprd")]
    if not out:
        # "tortured and killed two police officers": the object the coordinated verbs share
        out = [o for c in trigger.children if c.dep_ == "conj" and c.pos_ == "VERB"
               and c.i == trigger.i + 2 and trigger.doc[trigger.i + 1].lower_ in ("and", "or")
               for o in c.children if o.dep_ in ("dobj", "obj")]
    if not out and trigger.dep_ == "conj" and trigger.tag_ == "VBN" and trigger.head.tag_ == "VBN":
        # "was detained and deported by police": the passive subject the participles share
        out = [c for c in trigger.head.children if c.dep_ == "nsubjpass"]
    if not any(c.dep_ in ("dobj", "obj") for c in trigger.children):
        # "would not allow foreign troops to operate": the small clause's subject
        for c in trigger.children:
            if c.dep_ in ("ccomp", "xcomp"):
                subjects = [g for g in c.children if g.dep_ == "nsubj"]
                if not subjects and c.pos_ == "NOUN":
                    # a noun misparsed as a clause: "allowed UN aid convoys into the city";
                    # "declared 12 embassy staff persona non grata" (one noun, too)
                    subjects = [c] + [g for g in c.children if g.dep_ == "compound"
                                      and g.pos_ == "NOUN"]
                out += subjects
    return out


def phrase_holders(trigger: Any) -> list[Any]:
    """The verb and its active objects: where a phrase saying whom, whence or what for may
    hang ("sent ships to shadow Chinese vessels", "received jets from the Netherlands")."""
    return [trigger] + [o for o in object_heads(trigger) if o.dep_ != "nsubjpass"]


# Verbs whose subject is not the agent of an event noun in their prepositional phrase.
NOT_AGENT_VERBS = {"face", "suffer", "survive", "condemn", "criticize", "criticise", "welcome",
                   "praise", "protest", "deny", "discuss", "investigate", "blame", "accuse",
                   "repel", "repulse", "thwart", "foil", "fend", "call"}


@lru_cache(maxsize=1)
def _handing_verbs() -> frozenset[str]:
    """Verbs whose subject is the agent of the event noun they take as object."""
    g = grammar()
    return g["light"] | g["proposal"] | g["threat"] | g["negating"] | g["intent"]


def each_other(trigger: Any) -> bool:
    """ "blamed each other", "accused one another": the subjects act on one another."""
    for c in trigger.subtree:
        if c.lower_ == "other" and any(g.lower_ == "each" for g in c.children):
            return c.head.i == trigger.i or c.head.head.i == trigger.i
        if c.lower_ == "another" and any(g.lower_ == "one" for g in c.children):
            return c.head.i == trigger.i or c.head.head.i == trigger.i
    return False


def descend(obj: Any) -> list[Any]:
    """Inside an object: "the presence of U.S. forces" -> forces; "sanctions on Iran" -> Iran."""
    out = []
    for c in obj.children:
        if c.dep_ == "prep" and c.lower_ in OBJECT_DESCEND_PREPS:
            out += [g for g in c.children if g.dep_ == "pobj" and g.lower_ not in SETTING_NOUNS
                    and not (c.lower_ == "in" and g.ent_type_ == "GPE" and _city(g))
                    and not (c.lower_ == "with" and g.lemma_.lower() in WEAPON_WORDS)]
        elif c.dep_ == "acl" and c.lemma_.lower() == "belong":
            # "trucks belonging to a North Macedonian haulier": whose they are
            out += [g for p in c.children if p.dep_ == "prep" and p.lower_ == "to"
                    for g in p.children if g.dep_ == "pobj"]
        elif c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() not in GO_BETWEEN:
            # "a tariff on steel imported from the United States"; "the changes proposed
            # by the ruling party", "prisoners held by the government": whose they are
            # (not "a deal brokered by Washington": the broker is no party)
            out += [g for p in c.children if (p.dep_ == "prep" and p.lower_ == "from")
                    or p.dep_ == "agent" for g in p.children if g.dep_ == "pobj"]
    return out


def for_clause(t: Any) -> bool:
    """A clause "for" opens, hanging on a verb: "called for Israel to halt its offensive"."""
    return t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for"
                                     for m in t.children)


GO_BETWEEN = {"broker", "mediate", "host", "sponsor", "facilitate", "arrange", "organize",
              "organise", "negotiate"}
# What an attack is made with: "struck a refinery with long-range drones".
WEAPON_WORDS = INSTRUMENT_NOUNS | {"artillery", "weapon", "gun", "tank", "jet", "aircraft",
                                   "warplane", "helicopter", "mortar", "munition"}
# "on the sidelines of the NATO summit", "on the eve of": a setting, not a party.
SETTING_NOUNS = {"sideline", "sidelines", "margin", "margins", "eve", "occasion", "side"}


def city_token(t: Any) -> bool:
    """A token naming a town or city (not a country)."""
    return t.pos_ == "PROPN" and _city(t)


def _city(t: Any) -> bool:
    """A town named as where something is ("talks in Caracas"): not a country's name."""
    from dyadwatch.code import places

    place = places.resolve(t.text, [])
    return place is not None and place.feature_type == "city"


def prep_targets(trigger: Any, preps: tuple[str, ...]) -> list[Any]:
    out = []
    # "handed four villages back to Azerbaijan": the phrase may hang on the particle
    holders = [trigger] + [c for c in trigger.children if c.dep_ in ("advmod", "prt")
                           and c.lower_ in ("back", "over", "out", "away")]
    for c in (c for h in holders for c in h.children):
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            objs = [g for g in c.children if g.dep_ == "pobj" and g.lower_ not in SETTING_NOUNS]
            # "walked out of talks with the gangs": a particle parsed as a preposition
            out += objs or [o for g in c.children if g.dep_ == "prep" and g.lower_ == "of"
                            for o in g.children if o.dep_ == "pobj"]
        elif "for" in preps and for_clause(c):
            # "called for Israel to halt its offensive": the one the clause asks to act
            out += [g for g in c.children if g.dep_ == "nsubj"]
    return out
