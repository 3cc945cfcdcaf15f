"""Noun phrases into actors: dictionary matches, roles, and in-article references.

A noun phrase's head decides what it is: a named person or organisation, a country or
its metonym (Washington, the Kremlin), or a role word (ministry, troops) whose country
comes from its modifiers (Mexican, U.S., of Mexico) or, for a definite reference
("the ministry", "he", "the country", "both nations"), from what the article said before.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from dyadwatch.analyze.nlp import span_text
from dyadwatch.code.dictionary import ActorEntry, Match
from dyadwatch.model import Actor

# Dependents that stay inside a noun phrase when reading its actor.
NP_DEPS = {"compound", "amod", "nmod", "poss", "det", "flat", "nummod", "quantmod", "npadvmod",
           "case", "punct", "appos"}
PERSONAL_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
SELF_PRONOUNS = {"we", "us", "our", "ours"}
THING_PRONOUNS = {"it", "its"}
GROUP_PRONOUNS = {"they", "them", "their"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom", "whose"}
DEFINITE = {"the", "this", "that", "these", "those", "its", "their", "his", "her"}
COUNTRY_WORDS = {"country", "nation", "state", "republic", "kingdom", "capital"}
PAIR_WORDS = {"countries", "nations", "sides", "governments", "neighbors", "neighbours",
              "states", "capitals", "allies", "leaders", "parties", "administrations",
              "ministers", "presidents", "premiers", "delegations", "militaries", "armies",
              "men", "women", "counterparts", "heads", "officials"}
CONTEXT_ROLES = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "CRM", "OPP", "INS"}
BLOC_WORDS = {"bloc", "alliance", "union", "fund", "agency", "commission", "council", "bank",
              "court", "tribunal", "body", "organization", "organisation"}
INTERGOVERNMENTAL_ROLES = {"IGO"}
NON_STATE_ROLES = {"REB", "CRM", "OPP", "INS", "IGO", "NGO", "PTY", "BUS", "MED", "LAB"}
# "the group", "the bloc", "the agency": an organisation named earlier in the article.
ORGANISATION_WORDS = {"group", "organization", "organisation", "movement", "militia", "bloc",
                      "alliance", "union", "fund", "agency", "body", "court", "bank", "cartel",
                      "coalition", "party", "council", "commission", "tribunal"}


@dataclass
class Mention:
    actor: Actor
    personal: bool
    via: str  # dictionary | reference | speaker | context
    sentence: int
    token: int  # head token index in the paragraph Doc
    paragraph: int = 0
    foreign: bool = False  # "foreign troops": the country is the other side's
    head: str = ""  # the head word's lemma: "the ministry" refers back to a ministry
    regional: bool = False  # "Latin American cartels": no one country, on purpose
    subject: bool = False  # the main clause's subject: what "he" most likely points back to


@dataclass
class ArticleContext:
    """What the article has said so far: actors in order, acronyms it defined."""

    date: str | None
    dateline_country: str | None = None
    history: list[Mention] = field(default_factory=list)
    aliases: dict[str, Actor] = field(default_factory=dict)
    country_counts: Counter = field(default_factory=Counter)
    # events coded so far, as (sentence, CAMEO root, source): "condemned the arrests"
    # points back to whoever made them
    acts: list[tuple[int, str, Mention]] = field(default_factory=list)

    def remember(self, m: Mention) -> None:
        self.history.append(m)
        self.count(m)

    def count(self, m: Mention) -> None:
        if m.actor.country:
            self.country_counts[m.actor.country] += 1

    def before(self, paragraph: int, sentence: int, token: int) -> list[Mention]:
        return [m for m in self.history
                if (m.paragraph, m.sentence, m.token) < (paragraph, sentence, token)]

    def other_country(self, exclude: str | None) -> str | None:
        for country, _ in self.country_counts.most_common():
            if country != exclude:
                return country
        return None


@dataclass
class SentenceContext:
    article: ArticleContext
    matches: dict[int, Match]  # token index -> the dictionary match covering it
    paragraph: int
    sentence: int
    country_names: dict[str, str]
    words: list[str] = field(default_factory=list)  # the sentence's token texts
    # the sentence's tokens, made once: iterating a spaCy Span builds new Token objects
    tokens: list[Any] = field(default_factory=list)
    place_country: str | None = None  # the one country the sentence's places lie in
    site_country: str | None = None  # the same, for places that are not actors here
    # Per-sentence caches: the same noun phrase is read for memory, sources and targets.
    np_cache: dict[int, list[Any]] = field(default_factory=dict)
    resolved: dict[tuple[int, tuple[int, ...], bool], list[Mention]] = field(default_factory=dict)
    span: Any = None  # the sentence (a spaCy Span), when the caller has it
    _text: str | None = field(default=None, repr=False)

    def np_tokens(self, head: Any) -> list[Any]:
        found = self.np_cache.get(head.i)
        if found is None:
            found = self.np_cache[head.i] = np_tokens(head)
        return found

    def sentence_of(self, token: Any) -> tuple[int, str]:
        """(character offset, text) of the token's sentence: `token.sent` builds two new
        Spans on every read, and every mention needs its sentence."""
        span = self.span
        if span is None or not span.start <= token.i < span.end:
            span = token.sent
            return span.start_char, span_text(span)
        if self._text is None:
            self._text = span_text(span)
        return span.start_char, self._text


def entry_actor(entry: ActorEntry, text: str, date: str | None) -> Actor:
    roles = list(entry.roles)
    if entry.kind == "country":
        return Actor(entry.country + "GOV", entry.name, entry.country, ["GOV"], text)
    return Actor(entry.code, entry.name, entry.country, roles, text)


def pick(entries: tuple[ActorEntry, ...], date: str | None) -> ActorEntry:
    """The entry valid on `date` (people change roles); else the most recent one."""
    valid = [e for e in entries if e.valid_on(date)]
    if valid:
        return valid[0]
    return max(entries, key=lambda e: e.valid_until or "9999")


def np_tokens(head: Any) -> list[Any]:
    """The head and the modifiers that describe it (not relative clauses, not "to Mexico")."""
    out = [head]
    lemma = head.lemma_.lower()
    # "negotiators from Argentina", "gunmen from the cartel": people named by their origin
    from_ok = lemma in GROUP_HEADS or lemma in GOVERNMENT_PEOPLE
    # "a spokesman for Pakistan's foreign office" speaks for it
    for_ok = lemma in ("spokesman", "spokeswoman", "spokesperson")
    stack = [c for c in head.children
             if c.dep_ in NP_DEPS or _of(c) or (from_ok and c.dep_ == "prep" and c.lower_ == "from")
             or (for_ok and c.dep_ == "prep" and c.lower_ == "for")]
    while stack:
        t = stack.pop()
        out.append(t)
        # below the head, coordinated modifiers belong too: "Russian and Belarusian forces"
        stack.extend(c for c in t.children
                     if c.dep_ in NP_DEPS or _of(c) or c.dep_ in ("pobj", "conj", "cc"))
    out.sort(key=lambda t: t.i)
    return out


def _of(t: Any) -> bool:
    return t.dep_ == "prep" and t.lower_ == "of"


def resolve(head: Any, ctx: SentenceContext, speaker: list[Mention] | None = None,
            modifiers_only: bool = False) -> list[Mention]:
    """Actors a noun phrase stands for: one, several (coordination, "both countries"), or none."""
    key = (head.i, tuple(id(m) for m in speaker or ()), modifiers_only)
    cached = ctx.resolved.get(key)
    if cached is not None:
        return list(cached)
    out = _resolve(head, ctx, speaker, modifiers_only)
    ctx.resolved[key] = out
    return list(out)


def _resolve(head: Any, ctx: SentenceContext, speaker: list[Mention] | None,
             modifiers_only: bool) -> list[Mention]:
    head = counted(head)
    heads = [head] + [c for c in head.conjuncts if c.i > head.i]
    for a in (c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"
              and any(g.dep_ == "conj" for g in c.children)):
        # "Argentina, Brazil and Uruguay" parsed as Brazil in apposition to Argentina;
        # "Chile's president, Gabriel Boric, and Argentina's Javier Milei": the name
        # is the head's own, the ones joined to it are others
        heads += [x for x in ((a,) if head.pos_ == "PROPN" else ()) + a.conjuncts
                  if x not in heads]
    out: list[Mention] = []
    for h in heads:
        found = _resolve_one(h, ctx, speaker or [], modifiers_only)
        if h is head and not modifiers_only and len(found) == 1 \
                and found[0].actor.roles == ["GOV"]:
            # "the mayor, an opposition politician, ...": the apposition says which side
            sides = [r for a in h.children if a.dep_ == "appos" and a.pos_ == "NOUN"
                     for m in _resolve_one(a, ctx, speaker or [], False)
                     for r in m.actor.roles if r in ("OPP", "REB")]
            if sides:
                found = [with_role(found[0], sides[0])]
        if out and out[0].actor.country and h is not head:
            # "Venezuelan police and soldiers": the soldiers are Venezuelan too
            found = [_with_country(m, out[0].actor.country, ctx) for m in found]
        out.extend(found)
    return out


# "thousands of farmers", "dozens of protesters", "a group of soldiers": the people counted
QUANTITY_HEADS = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "scores",
                  "million", "millions", "tens", "crowd", "crowds", "group", "groups",
                  "number", "handful", "several", "some", "many", "most", "all", "none",
                  "majority", "minority", "hundreds of thousands", "batch", "contingent",
                  "team", "unit", "squad", "band", "convoy", "coalition", "alliance",
                  "federation", "association", "network",
                  # "two days of drills", "months of protests": what went on that long
                  "day", "days", "week", "weeks", "month", "months", "hour", "hours",
                  "round", "rounds", "wave", "waves", "series"}


def counted(head: Any) -> Any:
    """The noun a quantity stands for: "thousands of farmers" -> farmers."""
    if head.lemma_.lower() not in QUANTITY_HEADS and head.lower_ not in QUANTITY_HEADS:
        return head
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN"):
                    return counted(g)
    return head


def _with_country(m: Mention, country: str, ctx: SentenceContext) -> Mention:
    a = m.actor
    if not role_only(a) or m.foreign or m.regional:
        return m
    return in_country(m, country, ctx, m.via)


def with_role(m: Mention, role: str) -> Mention:
    """The same country's (or no country's) body in `role`, at the same words."""
    a = m.actor
    actor = Actor((a.country or "") + role, a.name, a.country, [role], a.text, a.start, a.end)
    return Mention(actor, m.personal, m.via, m.sentence, m.token, m.paragraph, m.foreign,
                   m.head, m.regional, m.subject)


def role_only(a: Actor) -> bool:
    """A bare role ("troops", "the government") of no country and no name; "NGOIRC" and
    "IGOUNO" spell roles too, but name a body."""
    return not a.country and not a.name and a.code == "".join(a.roles)


def in_country(m: Mention, country: str, ctx: SentenceContext, via: str) -> Mention:
    """A role-only mention ("troops", "the opposition") as that role of `country`."""
    a = m.actor
    actor = Actor(country + "".join(a.roles), ctx.country_names.get(country), country,
                  list(a.roles), a.text, a.start, a.end)
    return Mention(actor, m.personal, via, m.sentence, m.token, m.paragraph, head=m.head)


def _mention(actor: Actor, ctx: SentenceContext, head: Any, via: str, personal: bool,
             foreign: bool = False) -> Mention:
    sent_start, sent_text = ctx.sentence_of(head)
    span_tokens = [t for t in ctx.np_tokens(head) if t.dep_ not in ("det", "punct")] or [head]
    start = span_tokens[0].idx - sent_start
    end = span_tokens[-1].idx + len(span_tokens[-1]) - sent_start
    a = Actor(actor.code, actor.name, actor.country, list(actor.roles),
              sent_text[start:end], start, end)
    return Mention(a, personal, via, ctx.sentence, head.i, ctx.paragraph, foreign,
                   head.lemma_.lower())


# Protests stand for the people protesting: "gave in to the protests", "cracked down on
# demonstrations in Nairobi".
PROTEST_NOUNS = {"protest", "demonstration", "rally", "march", "sit-in", "uprising", "riot",
                 "unrest", "protester", "demonstrator"}


def counted_people(h: Any, ctx: SentenceContext) -> list[Mention]:
    """"Strikes killed 27 across Gaza", "killed at least 12": a bare number of victims are
    people, of no country yet (where it happened says whose)."""
    if h.tag_ != "CD" or any(c.dep_ == "prep" and c.lower_ == "of" for c in h.children):
        return []
    return [_role_mention("CVL", ctx, h, "context")]


def protesters(h: Any, ctx: SentenceContext, speaker: list[Mention]) -> list[Mention]:
    """Who a protest is by: the group named before it ("farmers' protests", "student-led
    protests"), or else people of no country yet."""
    if noun_lemma(h) not in PROTEST_NOUNS:
        return []
    named = [m for m in resolve(h, ctx, speaker, modifiers_only=True)
             if set(m.actor.roles) - {"GOV"}]
    return named or [_role_mention("CVL", ctx, h, "context")]


# People who work for a body: "prosecutors at the International Criminal Court".
STAFF_HEADS = {"official", "prosecutor", "investigator", "researcher", "expert", "staff",
               "diplomat", "employee", "spokesman", "spokeswoman", "spokesperson", "judge",
               "inspector", "monitor", "observer", "analyst", "economist", "lawyer"}


WORKER_HEADS = {"engineer", "worker", "employee", "contractor", "technician", "guard", "driver",
                "pilot", "crew", "staffer", "consultant"}


def _staff_of(h: Any, ctx: SentenceContext) -> Mention | None:
    """Staff "at" or "with" a named body speak and act for it; people "working for" a
    firm or body are its ("two engineers working for a Chinese company")."""
    lemma = noun_lemma(h)
    if lemma not in STAFF_HEADS | WORKER_HEADS | PEOPLE_NOUNS:
        return None
    for p in (p for a in h.children if a.dep_ == "acl" and a.lemma_.lower() in ("work", "employ")
              for p in a.children if p.dep_ in ("prep", "agent")
              and p.lower_ in ("for", "by", "at", "with")):
        for g in (g for g in p.children if g.dep_ == "pobj"):
            found = [m for m in resolve(g, ctx) if m.actor.country or m.actor.name]
            if len(found) == 1:
                return _mention(found[0].actor, ctx, h, "dictionary", h.tag_ != "NNS")
    if lemma not in STAFF_HEADS:
        return None
    for p in (c for c in h.children if c.dep_ == "prep" and c.lower_ in ("at", "with")):
        for g in (g for g in p.children if g.dep_ == "pobj"):
            m = ctx.matches.get(g.i)
            entry = pick(m.entries, ctx.article.date) if m else None
            if entry is not None and entry.kind == "org":
                # (a researcher is "she"; prosecutors are "they", like the court)
                return _mention(entry_actor(entry, h.text, ctx.article.date), ctx, h,
                                "dictionary", h.tag_ != "NNS")
    return None


def _leader_of(h: Any, ctx: SentenceContext, speaker: list[Mention]) -> Mention | None:
    """"The leader of an opposition party", "a member of the ruling party": a person of a
    body that is not a government acts for that body."""
    if noun_lemma(h) not in VOICE_HEADS | {"member", "chairman", "chairwoman", "founder"}:
        return None
    for g in (g for p in h.children if p.dep_ == "prep" and p.lower_ == "of"
              for g in p.children if g.dep_ == "pobj"):
        found = resolve(g, ctx, speaker)
        if len(found) == 1 and found[0].actor.roles and set(found[0].actor.roles) & (
                {"OPP", "REB", "CRM", "LAB", "NGO", "BUS", "MED"}):
            return _mention(found[0].actor, ctx, h, "dictionary", h.tag_ != "NNS")
    return None


def _counterpart_roles(h: Any, ctx: SentenceContext, speaker: list[Mention]) -> list[str]:
    """The roles of the subject of the clause a counterpart is named in ("his", "their")."""
    from dyadwatch.code.clauses import subject_of

    verb = next((a for a in h.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return ["GOV"]
    # ("was visited by his Peruvian counterpart": the one visited)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] or \
        subject_of(verb)[0]
    found = [m for s in subjects[:1] if s.i != h.i
             for m in resolve(s, ctx, speaker) if m.actor.roles]
    return list(found[0].actor.roles) if found else ["GOV"]


def _role_mention(role: str, ctx: SentenceContext, h: Any, via: str = "dictionary") -> Mention:
    """A bare role of no country yet, which the context may give one."""
    return _mention(Actor(role, None, None, [role]), ctx, h, via, False)


def _resolve_one(h: Any, ctx: SentenceContext, speaker: list[Mention],
                 modifiers_only: bool) -> list[Mention]:
    low = h.lower_
    if h.pos_ == "PRON" or low in RELATIVE_PRONOUNS:
        return _pronoun(h, ctx, speaker)
    date = ctx.article.date
    head_match = ctx.matches.get(h.i)
    if not modifiers_only and h.pos_ == "NOUN" and any(c.dep_ in ("prep", "acl")
                                                     for c in h.children) \
            and (body := _staff_of(h, ctx) or _leader_of(h, ctx, speaker)):
        return [body]
    if head_match and not modifiers_only:
        entry = pick(head_match.entries, date)
        if entry.kind in ("person", "org", "alias"):
            actor = entry_actor(entry, h.text, date)
            country = _national(h, head_match, ctx) if entry.kind == "org" and \
                not entry.country and actor.roles[:1] == ["NGO"] else None
            if country:
                # "the Lebanese Red Cross": the national society, that country's charity
                actor = Actor(country + "NGO", ctx.country_names.get(country), country,
                              ["NGO"], h.text)
            found = [_mention(actor, ctx, h, "dictionary", entry.personal)]
            return found + _coordinated_countries(h, head_match, found[0], ctx)
        if entry.kind in ("country", "metonym"):
            return [_mention(entry_actor(entry, h.text, date), ctx, h, "dictionary", False)]
        if entry.kind == "adjective" and (h.tag_ in ("NNPS", "NNS") or (
                h.tag_ == "NNP" and h.lower_.endswith("ans"))):  # "Georgians" tagged NNP
            return [_mention(Actor(entry.country + "CVL", entry.name, entry.country, ["CVL"]),
                             ctx, h, "dictionary", False)]
    if h.text in ctx.article.aliases and not modifiers_only:
        return [_mention(ctx.article.aliases[h.text], ctx, h, "dictionary", False)]
    found = _compose(h, head_match, ctx, speaker, modifiers_only)
    if not found and not modifiers_only and not head_match:
        found = _unlisted_body(h, ctx)
    if not modifiers_only and any(c.dep_ == "amod" and c.lower_ in ("ruling", "governing")
                                  for c in h.children):
        # "the ruling Georgian Dream party", "the ruling ZANU-PF": the party in power
        # acts for the government
        if not found and h.text[:1].isupper():
            found = [_role_mention("GOV", ctx, h)]
        found = [with_role(m, "GOV") if m.actor.roles == ["OPP"] else m for m in found]
    return found


# Words that say what kind of body an organisation the dictionaries do not list is:
# "the Awami League" is a party, "the Hindu Rights Committee" a group of activists.
PARTY_WORDS = {"party", "league", "front", "movement", "alliance", "congress", "union"}
NGO_WORDS = {"foundation", "watch", "committee", "institute", "network", "association",
             "society", "council", "centre", "center", "coalition"}


def _led(t: Any) -> bool:
    """A word before "-led": who leads, not what the head is ("an army-led government")."""
    doc = t.doc
    return t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 2].lower_ == "led"


def _stance(t: Any) -> bool:
    """A country word after "pro-" or "anti-": a stance, not a nationality."""
    doc = t.doc
    return t.i >= 2 and doc[t.i - 1].text in ("-", "–") and doc[t.i - 2].lower_ in (
        "pro", "anti")


def _unlisted_body(h: Any, ctx: SentenceContext) -> list[Mention]:
    """An organisation named in the text but in no dictionary, by the word that ends its
    name: a party (OPP), or an association (NGO); its country comes from the context."""
    if h.pos_ != "PROPN":
        return []
    if h.ent_type_ != "ORG":
        return []
    words = {t.lower_ for t in h.subtree if t.ent_type_ == "ORG"}
    role = "OPP" if words & PARTY_WORDS else "NGO" if words & NGO_WORDS else None
    if role is None or h.lower_ not in PARTY_WORDS | NGO_WORDS:
        return []
    return [_role_mention(role, ctx, h)]


def _national(h: Any, match: Match, ctx: SentenceContext) -> str | None:
    """The country a demonym or a possessor before a name gives it ("Turkey's Red Crescent")."""
    for t in ctx.np_tokens(h):
        m = ctx.matches.get(t.i)
        if m is None or m is match or t.dep_ not in ("amod", "compound", "poss", "nmod"):
            continue
        e = pick(m.entries, ctx.article.date)
        if e.kind in ("country", "adjective") and e.country:
            return e.country
    return None


def _coordinated_countries(h: Any, match: Match, m: Mention,
                           ctx: SentenceContext) -> list[Mention]:
    """"Chinese and Indian troops": a national body named whole ("Indian troops") shares
    its role with the other nationalities coordinated before it."""
    a = m.actor
    if not a.country or a.code != a.country + "".join(a.roles):
        return []
    out = []
    inside = {t.i for t in h.subtree if ctx.matches.get(t.i) is match}
    for t in (h.doc[i] for i in inside):
        for c in t.conjuncts:
            if c.i in inside or not (cm := ctx.matches.get(c.i)):
                continue
            e = pick(cm.entries, ctx.article.date)
            if e.kind == "adjective" and c.pos_ == "ADJ" and e.country \
                    and e.country != a.country:
                out.append(_mention(Actor(e.country + "".join(a.roles),
                                          ctx.country_names.get(e.country), e.country,
                                          list(a.roles)), ctx, h, "dictionary", False))
    return out


def _compose(h: Any, head_match: Match | None, ctx: SentenceContext, speaker: list[Mention],
             modifiers_only: bool) -> list[Mention]:
    """A role word with its country from modifiers, or a reference to an earlier actor."""
    date = ctx.article.date
    if not modifiers_only and ((h.lower_ in PAIR_WORDS and _pair_reference(h)) or (
            h.lower_ == "two" and h.dep_ in ("nsubj", "nsubjpass")
            and any(c.dep_ == "det" and c.lower_ == "the" for c in h.children))):
        # "the two leaders", "both parties": a pair named before, before any role reading
        found = _reference_noun(h, ctx, speaker)
        if found:
            return found
    agent = None
    if head_match and not modifiers_only:
        e = pick(head_match.entries, date)
        if e.kind == "agent":
            agent = e
    country: str | None = None
    country_name = None
    countries: list[str] = []
    regional = False
    named: ActorEntry | None = None
    foreign = False
    overridden = False
    seen: set[int] = set()
    for t in ctx.np_tokens(h):
        if t.i == h.i and not modifiers_only:
            continue
        if t.lower_ == "foreign" and t.dep_ == "amod" and not (
                head_match and ctx.matches.get(t.i) is head_match):
            foreign = True  # (not "its foreign minister")
        if (m0 := ctx.matches.get(t.i)) and any(e.kind == "region" for e in m0.entries):
            regional = True
        m = ctx.matches.get(t.i)
        if not m or id(m) in seen or (head_match is m and not modifiers_only):
            continue
        seen.add(id(m))
        e = pick(m.entries, date)
        if e.kind in ("country", "adjective") and _stance(t):
            continue  # "a pro-Russian party" in Moldova is Moldovan
        if e.kind in ("country", "adjective", "metonym"):
            if country is None:
                country, country_name = e.country, ctx.country_names.get(e.country or "", e.name)
            if e.country and e.country not in countries:
                countries.append(e.country)
        elif e.kind in ("agent", "org") and _led(h.doc[m.end - 1]):
            # "the army-led government", "Sudan's army-led government": a government (of
            # the leader's country)
            if country is None and e.country:
                country, country_name = e.country, ctx.country_names.get(e.country, e.name)
                countries.append(e.country)
            continue
        elif e.kind == "agent" and agent is None and (modifiers_only or _group_head(h)):
            agent = e
        elif (e.kind == "agent" and agent is not None and not overridden and head_match
              and t.dep_ in ("compound", "amod") and t.head.i == h.i
              and h.lemma_.lower() in GENERIC_AGENT_HEADS):
            agent, overridden = e, True  # "army officers" are the army's, not police
        elif e.kind in ("person", "org") and named is None:
            named = e
    if agent is None and named is None and not modifiers_only and country is None \
            and h.dep_ == "nsubj" and noun_lemma(h) in PEOPLE_NOUNS and h.pos_ == "NOUN" \
            and _country_of_place(h, ctx):
        # "taxi drivers in Lagos went on strike": people acting where the phrase says
        agent = ActorEntry("agent", "CVL", h.lemma_, None, ("CVL",), personal=h.tag_ == "NN")
    if named is not None and (agent is None or named.kind == "org") and (
            agent is None or h.pos_ == "PROPN" or named.kind == "person"
            or h.lemma_.lower() in GENERIC_AGENT_HEADS):  # "Taliban fighters", "Hamas officials"
        return [_mention(entry_actor(named, h.text, date), ctx, h, "dictionary", named.personal)]
    if agent is None:
        lemma = noun_lemma(h)
        if country and lemma in WEAPON_HEADS | MILITARY_SITES:
            roles = ["MIL"]
        elif country and (lemma in PEOPLE_NOUNS | CIVIL_PROPERTY or _fishing(h)):
            # "Israeli hostages", "Palestinian prisoners"; "Palestinian homes", "a
            # Vietnamese fishing boat": people's own things stand for the people
            roles = ["CVL"]
        elif country and lemma == "carrier" and any(c.lower_ == "aircraft"
                                                      for c in h.children):
            roles = ["MIL"]  # "U.S. aircraft carriers", not a bulk carrier
        elif country and lemma in COMMERCE_NOUNS:
            roles = ["BUS"]  # "a Greek-owned bulk carrier", "Chinese firms"
        elif country and h.lemma_.lower() == "counterpart" and not modifiers_only:
            # "handed intelligence to their Ecuadorian counterparts", "met his Chinese
            # counterpart": the same kind of body as the one whose counterpart it is
            roles = _counterpart_roles(h, ctx, speaker)
        elif country and (h.lower_ in COUNTRY_WORDS or modifiers_only
                          or h.lemma_.lower() in GOVERNMENT_PEOPLE):
            roles = ["GOV"]
        else:
            ref = _reference_noun(h, ctx, speaker)
            if not ref and not modifiers_only:
                # "the group's positions", "Mexico's territory": the owner is the actor
                owners = [c for c in h.children if c.dep_ == "poss" and c.pos_ != "PRON"]
                ref = [m for o in owners for m in resolve(o, ctx, speaker)]
            return ref
    else:
        roles = list(agent.roles)
    if len(countries) > 1 and (named is None or named.kind != "person"):
        personal = agent is not None and agent.personal
        return [_mention(Actor(c + "".join(roles), ctx.country_names.get(c), c, roles), ctx, h,
                         "dictionary", personal) for c in countries]
    if agent is None:
        return [_mention(Actor(country + "".join(roles), country_name, country, roles), ctx, h,
                         "dictionary", False)]
    personal = agent.personal or (h.pos_ == "PROPN" and h.ent_type_ == "PERSON")
    if country is None and named is not None and named.kind == "org":
        return [_mention(entry_actor(named, h.text, date), ctx, h, "dictionary", False)]
    if country is None and not foreign and not modifiers_only and roles == ["GOV"] \
            and h.lemma_.lower() in VOICE_HEADS:
        # "Hamas rejected the plan. Its leader accused Israel ...": a body's own leader or
        # spokesman speaks for that body, not for a government
        bodies = [m for c in h.children if c.dep_ == "poss"
                  and c.lower_ in THING_PRONOUNS | GROUP_PRONOUNS
                  for m in _pronoun(c, ctx, speaker)]
        if len(bodies) == 1 and bodies[0].actor.roles and bodies[0].actor.roles != ["GOV"] \
                and not bodies[0].personal:
            return [again(bodies[0], ctx, h)]
    if country is None and not foreign and not modifiers_only:
        country = _owner_country(h, ctx, speaker)  # "Russia said its troops had ..."
    if country is None and not foreign:
        both = _countries_from(h, ctx)
        if len(both) > 1:
            # "troops from India and Pakistan traded fire": one body of each
            return [_mention(Actor(c + "".join(roles), ctx.country_names.get(c), c, roles),
                             ctx, h, "dictionary", personal) for c in both]
        country = _country_of_place(h, ctx)  # "a court in Buenos Aires", "police in Lima"
        country_name = ctx.country_names.get(country or "")
    if country is None:
        if foreign:
            return [_mention(Actor("".join(roles), None, None, roles), ctx, h, "dictionary",
                             personal, foreign=True)]
        ref = _definite_role_reference(h, roles, ctx, speaker)
        if ref:
            return ref
        m = _mention(Actor("".join(roles), None, None, roles), ctx, h, "dictionary", personal)
        m.regional = regional
        return [m]
    name = country_name
    if h.pos_ == "PROPN" and h.ent_type_ == "PERSON":
        name = " ".join(t.text for t in h.lefts if t.dep_ == "compound" and t.ent_type_ == "PERSON")
        name = (name + " " + h.text).strip()
    return [_mention(Actor(country + "".join(roles), name, country, roles), ctx, h, "dictionary", personal)]


# Words for who speaks or acts for a body: "its leader", "its spokesman".
VOICE_HEADS = {"leader", "spokesman", "spokeswoman", "spokesperson", "official", "chief",
               "head", "negotiator", "representative", "envoy", "aide", "adviser"}
# Weapons and strikes are not actors, but "Russian missiles" and "an Israeli air strike"
# are the acts of a country's armed forces.
WEAPON_HEADS = {"missile", "drone", "aircraft", "jet", "warplane", "strike", "airstrike", "shell",
                "rocket", "artillery", "warship", "bomb", "tank", "helicopter", "fighter",
                "bomber", "submarine", "frigate", "destroyer", "gunboat", "shelling",
                "bombardment", "raid", "airstrikes", "strikes", "battery", "mortar", "fire",
                "gunfire", "shellfire"}
# Heads that name people by rank or job in any body: the body's word before them decides
# ("army officers", "rebel commanders", "intelligence agents").
GENERIC_AGENT_HEADS = {"officer", "agent", "guard", "investigator", "commander", "official",
                       "member", "personnel", "staff", "leader", "fighter", "representative"}
# What a country's modifier makes military, civilian or commercial when the head word
# itself names no actor: "Pakistani border posts", "Israeli hostages", "a Greek tanker".
# Plurals the lemmatizer takes for other words' ("bases" -> "basis").
LEMMA_FIXES = {"bases": "base"}


def noun_lemma(t: Any) -> str:
    """A noun's base form, with the lemmatizer's known slips put right, and a position
    someone holds on something read as a stance ("Russia's position on Ukraine"; not
    "a Russian position near Bakhmut")."""
    if t.lower_ == "position" and any(c.dep_ == "prep" and c.lower_ in ("on", "over")
                                      for c in t.children):
        return "stance"
    return LEMMA_FIXES.get(t.lower_) or t.lemma_.lower()


MILITARY_SITES = {"base", "post", "position", "outpost", "garrison", "checkpoint", "barracks",
                  "airbase", "airfield", "warship", "frigate", "destroyer", "submarine",
                  "battalion", "brigade", "unit", "depot", "arsenal", "bunker"}
PEOPLE_NOUNS = {"hostage", "prisoner", "detainee", "captive", "worshipper", "citizen",
                "national", "tourist", "migrant", "resident", "villager", "civilian",
                "passenger", "pilgrim", "fisherman", "sailor", "crew", "family", "child",
                "woman", "man", "people", "student", "refugee", "asylum", "victim", "body",
                "remains", "traveller", "traveler", "expatriate", "settler", "farmer",
                "worker", "dual", "couple", "crewmember", "seafarer", "journalist",
                "teenager", "teen", "youth", "boy", "girl", "baby", "infant", "toddler",
                "mother", "father", "shepherd", "herder", "driver", "trader", "vendor",
                "pensioner", "labourer", "laborer", "miner", "bystander", "passerby",
                "mourner", "patient", "nurse", "medic", "paramedic", "teacher", "engineer",
                "technician", "scientist", "researcher", "academic", "lawyer"}
CIVIL_PROPERTY = {"home", "house", "village", "hamlet", "farm", "farmland", "orchard", "crop",
                  "livestock", "shop", "trawler", "dhow"}


def _fishing(h: Any) -> bool:
    """ "a fishing boat", "fishing vessels": fishermen's, not a firm's or a navy's."""
    return h.lemma_.lower() in {"boat", "vessel", "ship", "fleet"} and any(
        c.lower_ == "fishing" for c in h.children if c.dep_ in ("compound", "amod"))


COMMERCE_NOUNS = {"businessman", "businesswoman", "executive", "entrepreneur", "tycoon",
                  "maker", "producer", "haulier", "hauler", "operator", "developer", "builder",
                  "tanker", "carrier", "freighter", "cargo", "ship", "vessel", "company",
                  "firm", "bank", "airline", "investor", "business", "platform", "retailer",
                  "carmaker", "automaker", "manufacturer", "exporter", "importer", "chipmaker",
                  "insurer", "shipper", "supplier", "lender", "conglomerate", "mine",
                  "hotel", "chain", "smelter", "mill", "brand"}
# People who speak and act for a government: "the leaders of India and Australia".
GOVERNMENT_PEOPLE = {"leader", "official", "representative", "delegation", "delegate", "envoy",
                     "spokesman", "spokeswoman", "spokesperson", "negotiator", "diplomat",
                     "counterpart", "administration", "authority", "authorities", "aide",
                     "advisor", "adviser", "side", "government", "team"}
GROUP_HEADS = {"people", "member", "personnel", "unit", "group", "official", "leader",
               "representative", "delegation", "delegate", "envoy", "spokesman", "spokeswoman",
               "spokesperson", "figure", "element", "fighter", "man", "woman", "staff", "team",
               "worker", "faction", "wing", "cell", "network", "organization", "organisation",
               "force", "branch", "body", "agency", "office", "department", "commander",
               "chief", "head", "source", "aide", "advisor", "adviser", "negotiator",
               "diplomat", "counterpart", "administration", "authority", "militia", "squad",
               "boat", "vessel", "ship", "plane", "jet", "aircraft", "drone", "helicopter",
               "warship", "convoy", "patrol", "operative", "agent", "supporter", "activist",
               "gunman", "assailant", "attacker", "hitman", "sniper", "guard", "boss", "kingpin",
               "station", "post", "base", "headquarters", "barracks", "embassy", "consulate",
               "outpost", "checkpoint", "compound", "academy", "garrison"}


def _group_head(h: Any) -> bool:
    """Nouns that take their actor from a role modifier: "criminal groups", "army units"."""
    from dyadwatch.code.modality import grammar

    lemma = h.lemma_.lower()
    return lemma in GROUP_HEADS or lemma in grammar()["reference_noun"] or h.pos_ == "PROPN"


def _owner_country(h: Any, ctx: SentenceContext, speaker: list[Mention]) -> str | None:
    """The country a possessive pronoun points back to: "its troops", "their army"."""
    for c in h.children:
        if c.dep_ == "poss" and c.lower_ in THING_PRONOUNS | GROUP_PRONOUNS | SELF_PRONOUNS:
            found = [m.actor.country for m in _pronoun(c, ctx, speaker) if m.actor.country]
            return found[0] if len(set(found)) == 1 else None
    return None


def _country_of_place(h: Any, ctx: SentenceContext) -> str | None:
    """The country of a place the noun phrase is located in ("police in Lima")."""
    for prep in h.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "from"):
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and (country := token_country(obj, ctx)):
                return country
    return None


def _countries_from(h: Any, ctx: SentenceContext) -> list[str]:
    """The countries of a "from A and B" phrase on the noun."""
    out: list[str] = []
    for obj in (g for p in h.children if p.dep_ == "prep" and p.lower_ == "from"
                for g in p.children if g.dep_ == "pobj"):
        for t in (obj, *obj.conjuncts):
            c = token_country(t, ctx)
            if c and c not in out:
                out.append(c)
    return out


def token_country(obj: Any, ctx: SentenceContext, loose: bool = False) -> str | None:
    """The country a place name lies in ("Kherson" -> UKR, "Lebanon" -> LBN). `loose`
    also reads proper nouns the parser did not tag as places ("attacked Kharkiv", where
    a place is what is expected)."""
    from dyadwatch.code import places

    m = ctx.matches.get(obj.i)
    if m:
        e = pick(m.entries, ctx.article.date)
        if e.kind in ("country", "metonym", "adjective") and e.country:
            return e.country
    if obj.ent_type_ in ("GPE", "LOC") or (loose and obj.pos_ == "PROPN"
                                            and obj.ent_type_ in ("", "ORG", "PERSON")):
        span = [t for t in obj.subtree if t.ent_type_ == obj.ent_type_ and t.ent_type_] or [obj]
        name = " ".join(t.text for t in span) or obj.text
        if name.lower() in BARE_DIRECTIONS:
            return None  # "strike the South": a side named by its direction, no place
        place = places.resolve(name, [ctx.article.dateline_country])
        if place is not None and place.country:
            return places_actor_country(place.country)
    return None


BARE_DIRECTIONS = {"north", "south", "east", "west", "the north", "the south", "the east",
                   "the west", "centre", "center", "north-east", "north-west", "south-east",
                   "south-west", "northeast", "northwest", "southeast", "southwest"}


def places_actor_country(code: str | None) -> str | None:
    """A gazetteer country code as actor codes spell it (XKX is Kosovo, KSV): the reverse
    of `places.PLACE_COUNTRY`."""
    from dyadwatch.code import places

    return next((a for a, p in places.PLACE_COUNTRY.items() if p == code), code)


def _definite_role_reference(h: Any, roles: list[str], ctx: SentenceContext,
                             speaker: list[Mention]) -> list[Mention]:
    """ "the ministry", "the government": the last actor with that role, or the speaker's."""
    det = {c.lower_ for c in h.children if c.dep_ in ("det", "poss")}
    if not det & DEFINITE or not set(roles) & CONTEXT_ROLES:
        return []
    earlier = speaker + ctx.article.before(ctx.paragraph, ctx.sentence, h.i)[::-1]
    lemma = h.lemma_.lower()
    # the same word first ("the ministry" -> the Mexican ministry), then the same role
    same_word = [m for m in earlier if m.head == lemma and m.actor.country]
    for m in same_word + earlier:
        if m.actor.country and set(m.actor.roles) & set(roles):
            return [_mention(Actor(m.actor.country + "".join(roles), m.actor.name, m.actor.country,
                                   roles), ctx, h, "reference", m.personal and bool(set(roles) & {"GOV"}))]
    return []


def _reference_noun(h: Any, ctx: SentenceContext, speaker: list[Mention]) -> list[Mention]:
    """ "the country", "both nations", "the two governments"."""
    low = h.lower_
    dets = {c.lower_ for c in h.children if c.dep_ in ("det", "nummod", "predet", "poss", "amod")}
    history = ctx.article.before(ctx.paragraph, ctx.sentence, h.i)
    if low in PAIR_WORDS and dets & {"both", "two"}:
        countries = _pair(history, speaker)
        if len(countries) == 2:
            return [_mention(Actor(c + "GOV", ctx.country_names.get(c), c, ["GOV"]), ctx, h,
                             "reference", False) for c in countries]
        return []
    if h.lemma_.lower() in ORGANISATION_WORDS and dets & DEFINITE:
        wanted = INTERGOVERNMENTAL_ROLES if h.lemma_.lower() in BLOC_WORDS else NON_STATE_ROLES
        for m in speaker + history[::-1]:
            if set(m.actor.roles) & wanted or m.actor.code[:3] in wanted:
                a = m.actor
                return [_mention(Actor(a.code, a.name, a.country, list(a.roles)), ctx, h,
                                 "reference", False)]
        return []
    if low in COUNTRY_WORDS and dets & DEFINITE:
        for m in speaker + history[::-1]:
            if m.actor.country:
                c = m.actor.country
                return [_mention(Actor(c + "GOV", ctx.country_names.get(c), c, ["GOV"]), ctx, h,
                                 "reference", False)]
    return []


def _pair_reference(h: Any) -> bool:
    """ "both sides", "the two leaders" (not "two soldiers": those are not a pair word)."""
    return any(c.dep_ in ("det", "nummod", "predet") and c.lower_ in ("both", "two")
               for c in h.children)


def _pair(history: list[Mention], speaker: list[Mention]) -> list[str]:
    """The two countries "both sides" means: the last two named before, not counting the
    one reporting it ("Both sides agreed to a ceasefire, the Malaysian premier said"),
    unless the reporter is needed to make two ("Sheinbaum said both countries agreed")."""
    said = {(m.paragraph, m.sentence, m.token) for m in speaker}
    others = [m for m in history[::-1] if (m.paragraph, m.sentence, m.token) not in said]
    for pool in (others, speaker + history[::-1]):
        countries: list[str] = []
        for m in pool:
            c = m.actor.country
            if c and c not in countries:
                countries.append(c)
            if len(countries) == 2:
                return countries
    return []


def _pronoun(h: Any, ctx: SentenceContext, speaker: list[Mention]) -> list[Mention]:
    low = h.lower_
    if low in RELATIVE_PRONOUNS:
        # "the army, which attacked ...": the antecedent is the noun the clause hangs on.
        clause = h.head
        if clause.dep_ == "relcl":
            return resolve(clause.head, ctx, speaker)
        return []
    if low in ("them", "it", "him", "her") and h.dep_ in ("dobj", "obj"):
        # ("accused a Chinese engineer of spying and detained him")
        found = _main_object(h, ctx, speaker)
        if found:
            return found
    if low == "their" and h.dep_ == "poss" and h.head.dep_ in ("dobj", "obj"):
        # "stripped 40 journalists of their citizenship and seized their property": the
        # people the first verb acted on
        found = [m for m in _main_object(h.head, ctx, speaker, plural=True)
                 if m.actor.code not in {s.actor.code for s in speaker}]
        if found:
            return found
    history = ctx.article.before(ctx.paragraph, ctx.sentence, h.i)
    recent = [m for m in history if m.paragraph >= ctx.paragraph - 2]
    if low in PERSONAL_PRONOUNS:
        pool = [m for m in speaker + recent[::-1] if m.personal]
        if pool and not speaker and h.dep_ in ("nsubj", "nsubjpass"):
            # "Erdogan spoke with Putin. He urged ...": a subject continues the subject
            last = (pool[0].paragraph, pool[0].sentence)
            pool = [m for m in pool if (m.paragraph, m.sentence) == last and m.subject] or pool
        return [again(m, ctx, h) for m in pool[:1]]
    if low in SELF_PRONOUNS:
        return [again(m, ctx, h) for m in speaker[:1]]
    if low in ("its", "their") and h.dep_ == "poss" and h.head.dep_ in ("nsubj", "nsubjpass") \
            and h.head.head.dep_ == "advcl" and not speaker:
        # "apologised to Haiti after its soldiers shot dead two farmworkers": the main
        # clause's subject
        main = [m for c in h.head.head.head.children if c.dep_ in ("nsubj", "nsubjpass")
                and c.pos_ != "PRON" for m in resolve(c, ctx, speaker)]
        if len(main) == 1:
            return [again(main[0], ctx, h)]
    if low in THING_PRONOUNS:
        pool = [m for m in speaker if not m.personal] or [m for m in reversed(recent) if not m.personal][:1]
        start = ctx.span.start if ctx.span is not None else h.sent.start
        if not speaker and h.i == start and (h.dep_ in ("nsubj", "nsubjpass") or (
                h.dep_ == "poss" and h.head.dep_ in ("nsubj", "nsubjpass"))):
            # "Sudan cut ties with the UAE. It accused Abu Dhabi ...": a sentence opening
            # on "it" continues the previous sentence's subject (and "Its leader ...")
            subjects = [m for m in reversed(recent) if m.subject and not m.personal
                        and m.sentence == ctx.sentence - 1]
            pool = subjects[:1] or pool
        return [again(m, ctx, h) for m in pool[:1]]
    if low in GROUP_PRONOUNS:
        # "Sheinbaum spoke with Trump. She said they had agreed ...": the two people
        people: list[Mention] = []
        for m in speaker + recent[::-1]:
            if m.personal and m.actor.country and m.sentence >= ctx.sentence - 1 \
                    and all(p.actor.country != m.actor.country for p in people):
                people.append(m)
        if len(people) >= 2:
            return [again(m, ctx, h) for m in people[:2]]
        start = ctx.span.start if ctx.span is not None else h.sent.start
        if not speaker and h.dep_ in ("nsubj", "nsubjpass") and h.i == start:
            # "Rebels attacked an army base. They killed six soldiers": a sentence opening
            # on "they" continues the previous sentence's subject (all of a compound one)
            subjects = [m for m in recent if m.subject and m.sentence == ctx.sentence - 1
                        and m.paragraph == ctx.paragraph]
            if subjects:
                return [again(m, ctx, h) for m in subjects]
        if low == "them" and h.dep_ in ("dobj", "pobj") and speaker:
            # "Russian drones attacked Ukrainian troops. The army said it had shot down
            # most of them": the ones acted on are not the speaker but the previous
            # sentence's actors, its subject first
            said = {m.actor.code for m in speaker} | {
                m.actor.code for c in h.head.children if c.dep_ == "nsubj" and c.i != h.i
                and c.pos_ != "PRON" for m in resolve(c, ctx, speaker)}  # not "the group"
            earlier = [m for m in recent if not m.personal and m.actor.code not in said
                       and m.sentence == ctx.sentence - 1 and m.paragraph == ctx.paragraph]
            earlier = [m for m in earlier if m.subject] or earlier
            if earlier:
                return [again(m, ctx, h) for m in earlier[:1]]
        pool = [m for m in speaker if not m.personal] or [
            m for m in reversed(recent) if not m.personal and m.sentence >= ctx.sentence - 1][:1]
        return [again(m, ctx, h) for m in pool[:1]]
    return []


def _main_object(h: Any, ctx: SentenceContext, speaker: list[Mention],
                 plural: bool = False) -> list[Mention]:
    """"Mali closed two French radio stations, accusing them of lying": the object of a
    participle or a second verb points back to the main verb's object (or what it is of:
    "suspended the broadcasts of two radio stations")."""
    verb = h.head
    if verb.dep_ not in ("advcl", "conj") or verb.head.pos_ not in ("VERB", "AUX"):
        return []
    for obj in (c for c in verb.head.children if c.dep_ in ("dobj", "obj")
                and (not plural or c.tag_ == "NNS")):
        inner = [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"]
        for head in (obj, *inner):
            found = [m for m in resolve(head, ctx, speaker)
                     if m.actor.country or m.actor.name or (plural and m.actor.roles)]
            if found:
                return [again(m, ctx, h) for m in found]
    return []


def again(m: Mention, ctx: SentenceContext, h: Any) -> Mention:
    start = h.idx - ctx.sentence_of(h)[0]
    a = Actor(m.actor.code, m.actor.name, m.actor.country, list(m.actor.roles), h.text,
              start, start + len(h.text))
    return Mention(a, m.personal, "reference", ctx.sentence, h.i, ctx.paragraph, m.foreign)


def np_head(t: Any) -> Any:
    """Climb from a modifier to the head of its noun phrase ("Mexican" -> "ministry")."""
    while t.dep_ in ("compound", "amod", "flat", "nmod", "poss") and t.head.i != t.i:
        t = t.head
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in ("NOUN", "PROPN"):
        return np_head(t.head.head)
    return t
