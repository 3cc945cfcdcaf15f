"""The coder: articles in, events with their evidence out.

For each article: split off the dateline, headlines and the publisher's footer; parse the
body paragraphs with spaCy (`nlp.pipe`, batched across articles); then, sentence by
sentence, remember the actors mentioned (for later references), find event triggers from
the verb patterns, their source and target actors from the parse, and apply negation and
modality. Triggers are read deepest first, so "refused to meet" codes the meeting (negated,
hence a rejection) and the governing "refused" is not coded again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from dyadwatch.analyze import parse, span_text
from dyadwatch.analyze.text import split_article
from dyadwatch.analyze.tone import mean_tone, tone
from dyadwatch.code import clauses, negation, places, quotes
from dyadwatch.code.actors import (
    COMMERCE_NOUNS,
    MILITARY_SITES,
    PEOPLE_NOUNS,
    WEAPON_HEADS,
    ArticleContext,
    Mention,
    SentenceContext,
    again,
    counted,
    counted_people,
    in_country,
    noun_lemma,
    np_head,
    places_actor_country,
    protesters,
    resolve,
    role_only,
    token_country,
    with_role,
)
from dyadwatch.code.cameo import cameo_table
from dyadwatch.code.dictionary import Match, load_actor_dictionary
from dyadwatch.code.modality import (
    Clause,
    analyse,
    complement_dep,
    govern_by_light_verb,
    grammar,
    intent_noun,
    subjunctive,
)
from dyadwatch.code.verbs import VerbPattern, load_verb_matcher
from dyadwatch.model import Actor, Article, Event, Evidence, Place, Span
from dyadwatch.pipeline import Coded

MAX_PARAGRAPH_CHARS = 20_000
CONSUMED_GOVERNORS = {"intent", "negating", "proposal", "threat", "order", "object_control",
                      "denial"}
ACRONYM_MAX = 8
PERMISSIVE = {"allow", "permit", "let", "enable", "help", "authorize", "authorise"}


@dataclass
class Candidate:
    """An event found in a sentence, before it becomes an Event."""

    trigger: Any
    pattern: VerbPattern
    source: Mention
    target: Mention | None
    clause: Clause
    cameo: str
    negated: bool
    modality: str
    rule: str
    extra_rules: list[str] = field(default_factory=list)


class Coder:
    """Loads the pipeline and dictionaries once; codes batches of articles."""

    def __init__(self, dictionaries: Sequence[str] = (), keep_negated: bool = False):
        extra = tuple(str(d) for d in dictionaries)
        self.actors = load_actor_dictionary(extra)
        self.verbs = load_verb_matcher(extra)
        self.table = cameo_table()
        self.grammar = grammar()
        self.keep_negated = keep_negated

    # -- articles -------------------------------------------------------------------

    def code_batch(self, articles: Sequence[Article]) -> list[Coded]:
        """Code articles together: their paragraphs share one `nlp.pipe` stream."""
        splits = []
        texts: list[str] = []
        owners: list[tuple[int, int, int]] = []  # (article, paragraph, chunk offset) per text
        for ai, article in enumerate(articles):
            split = split_article(article.text or "")
            body = [p for p in split.paragraphs if p.kind == "body"] or [
                # a text that is only a headline ("Ecuador expels Colombian consul", a
                # feed item's title) is coded as what it says
                p for p in split.paragraphs if p.kind == "headline"]
            splits.append((split, body))
            for pi, para in enumerate(body):
                for offset, chunk in _chunks(para.text):
                    texts.append(chunk)
                    owners.append((ai, pi, offset))
        docs_by_article: list[list[tuple[int, int, Any]]] = [[] for _ in articles]
        for (ai, pi, offset), doc in zip(owners, parse(texts)):
            docs_by_article[ai].append((pi, splits[ai][1][pi].start + offset, doc))
        out = []
        for ai, article in enumerate(articles):
            split, _ = splits[ai]
            try:
                out.append(self.code_parsed(article, split.dateline, docs_by_article[ai]))
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop a corpus
                out.append(Coded(article, [], error=f"E100 coding failed: {type(exc).__name__}: {exc}"))
        return out

    def code_parsed(self, article: Article, dateline: str | None,
                    docs: list[tuple[int, int, Any]]) -> Coded:
        """Events, quotes and tone of one parsed article.

        `docs`: (paragraph number, character offset of the Doc in the article, Doc).
        """
        ctx = ArticleContext(date=article.date)
        dateline_place = places.dateline_place(dateline)
        ctx.dateline_country = places_actor_country(dateline_place.country if dateline_place else None)
        coded = Coded(article)
        tones: list[float] = []
        sentence_index = 0
        for paragraph, offset, doc in docs:
            for sent in doc.sents:
                sctx = self.sentence_context(sent, ctx, paragraph, sentence_index)
                here = self._sentence_places(sent, sctx, offset, coded, dateline_place)
                countries = {places_actor_country(p.country) for _, p in here if p.country}
                sctx.place_country = countries.pop() if len(countries) == 1 else None
                # where things happen: places that are not themselves actors here
                # ("urged Israel" names a government, not a place)
                # (nor "at Kenya's high commission in Kampala": an owner, not a place)
                sites = {places_actor_country(p.country) for span, p in here if p.country
                         and not any(t.i in sctx.matches and (not _locative(t) or t.dep_ in OWNER_DEPS)
                                     for t in span)}
                sctx.site_country = sites.pop() if len(sites) == 1 else None
                found = self.code_sentence(sent, sctx)
                sentence_tone = tone(span_text(sent))
                tones.append(sentence_tone)
                quoted = self._quotes(sent, sctx, offset + sent.start_char, coded, sentence_index)
                for idx, cand in enumerate(found):
                    event = self._event(article, cand, sent, sentence_index, idx,
                                        is_root=paragraph == 0)
                    event.tone = sentence_tone
                    self._place(event, cand, here, dateline_place)
                    pos = cand.trigger.idx - sent.start_char
                    event.evidence.quote = next((q for q, (s, e) in quoted if s <= pos < e), None)
                    coded.events.append(event)
                sentence_index += 1
        article.tone = mean_tone(tones)
        return coded

    # -- sentences ------------------------------------------------------------------

    def sentence_context(self, sent: Any, ctx: ArticleContext, paragraph: int,
                         sentence: int) -> SentenceContext:
        """Dictionary matches of a sentence, and the actors it names remembered."""
        matches: dict[int, Match] = {}
        tokens = list(sent)
        words = [t.text for t in tokens]
        for m in self.actors.index.match(words):
            for i in range(m.start, m.end):
                matches[sent.start + i] = m
        for t in tokens:  # plurals of role words: "presidents", "gunmen"
            if t.tag_ in ("NNS", "NNPS") and t.i not in matches and t.lemma_ != t.text:
                for m in self.actors.index.match([t.lemma_]):
                    matches[t.i] = Match(t.i, t.i + 1, m.entries)
        sctx = SentenceContext(ctx, matches, paragraph, sentence, self.actors.country_names,
                               words=words, span=sent, tokens=tokens)
        self._remember(sent, sctx)
        return sctx

    def code_sentence(self, sent: Any, sctx: SentenceContext) -> list[Candidate]:
        if self._off_topic(sent, sctx):
            return []
        triggers = [(t, c) for t in sctx.tokens if t.pos_ in ("VERB", "AUX", "NOUN", "PROPN")
                    and not (t.text == "March" and t.i > sent.start)  # the month
                    and (c := self.verbs.candidates(t))]
        triggers.sort(key=lambda tc: -clauses.tree_depth(tc[0]))
        consumed: set[int] = set()
        by_token = {t.i: c for t, c in triggers}
        for t, _ in triggers:
            # "lifted sanctions", "suspended talks": the verb's own pattern names the noun
            o = t.head.head if t.dep_ == "pobj" and counted(t.head.head).i == t.i else t
            if t.pos_ in ("NOUN", "PROPN") and o.dep_ in ("dobj", "nsubjpass") \
                    and _names(by_token.get(o.head.i, []), t):
                consumed.add(t.i)  # also "dropped most of its tariffs"
        found: list[Candidate] = []
        seen: set[tuple[str, str | None, str]] = set()
        for trigger, candidates in triggers:
            if trigger.i in consumed:
                continue
            cands = self._code_trigger(trigger, candidates, sctx, consumed)
            # acts found so far, also in this sentence: "attacked its base, and it repelled
            # the assault" (the assault is the attackers')
            sctx.article.acts.extend((sctx.sentence, c.cameo[:2], c.source) for c in cands)
            for cand in cands:
                key = (cand.source.actor.code, cand.target.actor.code if cand.target else None,
                       cand.cameo[:2])
                if key in seen and not _second_act(cand, found):
                    continue
                seen.add(key)
                found.append(cand)
        for cand in found:
            if cand.target is None and cand.trigger.lemma_.lower() in clauses.NOT_AGENT_VERBS:
                # "attacked its base, and it repelled the assault": an act found later in
                # the same sentence (deeper clauses are coded first)
                makers = _earlier_act(cand.trigger, sctx, {cand.source.actor.code})
                cand.target = makers[0] if makers else None
        found.sort(key=lambda c: c.trigger.i)
        found = _fold_results(found)
        for cand in found:
            if cand.target is not None and cand.target.via == "place":
                # "shelled Kherson": the place keeps the event and tells whose the killed
                # are, but a town is no actor; the event has no target
                cand.target = None
        return found

    def _off_topic(self, sent: Any, sctx: SentenceContext) -> bool:
        """Sports, weather, markets: a discard word, unless it is part of an actor's name
        ("the Arab League") or a verb ("the two sides match", "Ankara shares intelligence")."""
        discard = self.grammar["discard"]
        return any(t.lower_ in discard and t.i not in sctx.matches and t.pos_ != "VERB"
                   for t in sctx.tokens)

    def _remember(self, sent: Any, sctx: SentenceContext) -> None:
        """Record the actors this sentence names, in order, for later references."""
        ctx = sctx.article
        heads: dict[int, Any] = {}
        for t in sctx.tokens:
            if t.i in sctx.matches or t.text in ctx.aliases:
                h = np_head(t)
                heads.setdefault(h.i, h)
        # the main clause's subject; failing a named one, that of what it reports
        # ("Hezbollah will not disarm, the group said")
        main = {h.i for h in heads.values() if h.dep_ in ("nsubj", "nsubjpass")
                and h.head.dep_ == "ROOT"} or {
            h.i for h in heads.values() if h.dep_ in ("nsubj", "nsubjpass")
            and h.head.dep_ == "ccomp" and h.head.head.dep_ == "ROOT"}
        last: Mention | None = None
        for t in sctx.tokens:
            if _is_acronym_in_parens(t) and last is not None and t.text not in ctx.aliases:
                a = last.actor
                ctx.aliases[t.text] = Actor(a.code, a.name, a.country, list(a.roles))
            h = heads.get(t.i)
            if h is None or h.pos_ not in ("NOUN", "PROPN"):
                continue
            located = h.dep_ == "pobj" and h.head.lower_ in LOCATIVE_PREPS
            for m in resolve(h, sctx):
                if located:
                    # "met in Kuala Lumpur": where it happened, not who; it still tells
                    # which country the story is about
                    ctx.count(m)
                elif m.actor.country or m.via == "dictionary":
                    m.subject = h.i in main
                    ctx.remember(m)
                    last = m

    def _code_trigger(self, trigger: Any, candidates: list[VerbPattern], sctx: SentenceContext,
                      consumed: set[int]) -> list[Candidate]:
        if trigger in _helped_by(trigger.head) and any(
                p.cameo[:2] == "15" for p in self.verbs.candidates(trigger.head)):
            return []  # "sent troops to help Niger": the sending says it (074)
        clause = analyse(trigger)
        if clause.governor_class == "appeal":
            return []  # "urged Mexico to cooperate": the appeal is the event
        if (clause.governor_class == "object_control" and clause.governor is not None
                and clause.governor.lemma_.lower() in PERMISSIVE) or (
                trigger.dep_ in ("ccomp", "xcomp") and trigger.head.lemma_.lower() in PERMISSIVE):
            return []  # "allowed a UN team to investigate": the permission is the event
        if trigger.dep_ == "acl" and trigger.tag_ in ("VBN", "VBG") and not _purpose(trigger) \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children) \
                and not _fired_by(trigger, candidates):
            # "activists detained after the election", "groups leading the protest":
            # descriptions of who someone is, not what they did in the news
            return []
        if clause.condition or clause.speculative:
            return []  # "if China invaded", "the leaders could meet": not an event
        if trigger.dep_ == "relcl" and any(c.lower_ == "had" and c.dep_ == "aux"
                                           for c in trigger.children):
            return []  # "peacekeepers they had held hostage": what came before, said of them
        if trigger.dep_ == "relcl" and any(c.lower_ in ("have", "has") and c.dep_ == "aux"
                                           for c in trigger.children) \
                and any(c.lower_ == "since" for c in trigger.children):
            return []  # "whose troops have patrolled the border since 1978": background
        if _long_ago(trigger, sctx.article.date):
            return []  # "In 1982, Argentina invaded the Falklands": history, not news
        if trigger.dep_ in ("amod", "compound") and trigger.pos_ in ("VERB", "ADJ"):
            return []  # "detained activists": a participle describing a noun
        speaker = self._speaker(clause, sctx)
        is_verb = trigger.pos_ in ("VERB", "AUX")
        light = None
        ended = None
        if is_verb:
            source_heads, passive = clauses.subject_of(trigger)
            felt = [p for p in candidates if "experiencer" in p.flags]
            if felt and passive and not any(c.dep_ == "xcomp" for c in trigger.children):
                candidates = felt  # not "was encouraged by Washington to extradite"
            else:
                candidates = [p for p in candidates if p not in felt]
            if trigger.lemma_ == "be" and any(
                    g.dep_ == "xcomp" for c in trigger.children if c.dep_ == "acomp"
                    for g in c.children):
                return []  # "pleased to announce": a formula, no comment on anyone
            if candidates and "experiencer" in candidates[0].flags:
                # "Germany is alarmed by the decision": who feels it speaks; the cause
                # is what it is said about
                source_heads = [c for c in trigger.children if c.dep_ == "nsubjpass"]
                passive = False
            if passive and not source_heads and trigger.lemma_.lower() in SENDING_VERBS:
                # "a gang leader was extradited from Spain to Italy": the sender
                source_heads = _from_phrases(trigger)
            if passive and not source_heads:
                # "was detained at the airport and deported by Tanzanian police": joined
                # passives share the one by-phrase
                source_heads = [h for v in trigger.conjuncts if v.tag_ == "VBN"
                                for h in clauses.subject_of(v)[0]][:1]
        elif trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in ENDING_VERBS and (
                trigger.head.lemma_.lower() != "call"  # "called off", not "called the X a Y"
                or any(c.dep_ == "prt" and c.lower_ == "off" for c in trigger.head.children)):
            # "the authorities ended the house arrest of a lawyer": ending one's own
            # coercion or fighting is yielding
            ended = trigger.head
            source_heads, passive = clauses.subject_of(ended)
            clause = analyse(ended)
            candidates = [replace(p, cameo=YIELDING[p.cameo[:2]], flags=p.flags | {"notarget"},
                                  rule=f"{p.rule} (ended by '{ended.text}')")
                          for p in candidates if p.cameo[:2] in YIELDING]
            if not candidates or clause.negated or clause.condition or clause.speculative:
                return []
        else:
            source_heads, light = clauses.noun_source(trigger)
            passive = False
            if light is not None:
                govern_by_light_verb(clause, light)
            elif clauses.background_noun(trigger):
                return []  # "Trump's threat of tariffs rattled markets": said of, not done
        sources = [m for h in source_heads for m in resolve(h, sctx, speaker)]
        if not sources and is_verb and passive and not source_heads:
            # "nine asylum seekers were deported to Asmara, Egypt's interior ministry
            # said": a state body telling of arrests and expulsions at no one's hands
            # tells of its own state's
            sources = [m for m in speaker if m.actor.country and "GOV" in m.actor.roles
                       and any(p.cameo[:2] == "17" for p in candidates)
                       and trigger.lemma_.lower() in CUSTODY_VERBS]
        if not sources:
            return []
        own = {m.actor.code for m in sources}
        mutual = len(sources) >= 2 and clauses.each_other(trigger)  # "blamed each other"
        found: dict[tuple[bool, frozenset[str], str | None], list[Mention]] = {}
        pattern = None
        told = _told(clause)
        helped = [m for h in _helped(trigger) for m in resolve(h, sctx, speaker)
                  if m.actor.code not in own and m.actor.country
                  and set(m.actor.roles) & STATE_ROLES] if is_verb and any(
            p.cameo[:2] == "15" for p in candidates) else []
        for p in candidates:  # most specific first
            if "mandate" in p.flags and not _mandates(trigger):
                continue
            if p.cameo == "043" and p.objects and not any(
                    o.lemma_.lower() in p.objects or o.lower_ in p.objects
                    for o in clauses.object_heads(trigger)):
                continue  # "welcomed the election of Lebanon's president": not a guest
            if "converse" in p.flags:
                # "Ukraine received jets from the Netherlands": the giver acts on the
                # receiver
                givers = [m for h in _from_phrases(trigger) for m in resolve(h, sctx, speaker)
                          if m.actor.code not in own]
                if givers:
                    sources, targets, pattern = givers, sources, p
                    break
                continue
            # Mobilising "deployed troops": the object is one's own forces, not a target.
            objects = p.cameo[:2] != "15"
            key = (objects, p.objects, p.particle, p.cameo[:2])
            if key not in found:
                found[key] = self._targets(trigger, light, passive, sctx, speaker, own,
                                           objects, p.objects, p.particle, p.cameo[:2])
            targets = found[key]
            if p.cameo[:2] == "15" and helped:
                # "sent troops to help Niger repel an attack": forces sent to protect
                # another (074), not a show of force
                p, targets = replace(p, cameo="074", rule=f"{p.rule} (to help)"), helped
            if p.cameo[:2] == "14" and not targets:
                # "rallied outside the Russian embassy in Yerevan": whose the building is
                targets = [m for g in clauses.prep_targets(trigger, PROTEST_SITE_PREPS)
                           if g.lemma_.lower() in SEAT_NOUNS
                           for m in resolve(g, sctx, speaker) if m.actor.code not in own]
            if p.cameo[:2] == "14":
                # "marched to New Delhi", "marched through Santiago": where a protest goes
                # is a place, though a capital stands for a government elsewhere
                targets = [m for m in targets if not (
                    clauses.city_token(trigger.doc[m.token])
                    and trigger.doc[m.token].head.lower_ in ROUTE_PREPS)]
                if not targets:
                    # "blocked the highway into Belgrade to demand the government's
                    # resignation": whom the demand is made of
                    targets = [m for a in _aim_objects(trigger)
                               for h in (a, *(c for c in a.children if c.dep_ == "poss"),
                                         *clauses.prep_targets(a, ("of",)))
                               for m in resolve(h, sctx, speaker) if m.actor.code not in own]
            if not targets and (clause.governor_class in ("threat", "intent", "proposal")
                                or clause.modality in ("future", "proposed")
                                or p.cameo[:2] == "13"):
                # "threatened to strike if the government did not pay", "ready to lay down
                # its arms if the government guaranteed ...": who must comply, or answer
                targets = [m for h in _condition_subjects(trigger, clause.governor)
                           if not _act_noun(h)  # "if the strike continued"
                           for m in resolve(h, sctx, speaker) if m.actor.code not in own]
            if not targets and told is not None:
                # "told Iran's foreign minister that Baghdad would not allow ...",
                # "promised Haiti's government to send soldiers": said to someone, about
                # what the speaker will or will not do, is said to them
                targets = [m for c in told.children if c.dep_ in ("dobj", "dative", "iobj")
                           for m in resolve(c, sctx, speaker) if m.actor.code not in own
                           and {m.actor.code} != {s.actor.code for s in speaker}]
            refusal = clause.refusal and p.cameo[:2] in negation.COOPERATION_ROOTS
            if targets or "notarget" in p.flags or "reciprocal" in p.flags or refusal or mutual:
                pattern = p
                break
        if pattern is None:
            return []
        if pattern.cameo == "042" and is_verb and any(_relief_team(h) for h in source_heads):
            # "a Turkish rescue team arrived in Morocco": help sent, not a visit
            pattern = replace(pattern, cameo="073", rule=f"{pattern.rule} (relief team)")
        if pattern.cameo == "130" and not pattern.objects and not pattern.particle \
                and self._warns_of_others(trigger, sctx, speaker, own):
            # "the Pentagon warned that Russia could attack NATO": a warning about what
            # others may do is a pessimistic comment (012), no threat by the speaker
            pattern = replace(pattern, cameo="012", rule=f"{pattern.rule} (of others' acts)")
        if _purpose(trigger) and (pattern.cameo[:2] not in ("04", "14")
                                  or (pattern.cameo[:2] == "04" and not targets)):
            # "sent soldiers into the streets to fight gangs": an aim, not an act; but
            # "called a strike to protest", "telephoned X to discuss" are what was done
            # ("met Y to discuss trade", not "sent a team to discuss a programme")
            return []
        if pattern.cameo == "150" and not targets and _drills(trigger) \
                and len({s.actor.country for s in sources if s.actor.country}) >= 2:
            # "the United States and the Philippines began their annual exercises": two
            # states drilling together is military cooperation, each with the other
            pattern = replace(pattern, cameo="062", rule=f"{pattern.rule} (together)")
            mutual = True
        if mutual:
            pairs = [(s, t) for s in sources for t in sources if s is not t]
        elif "reciprocal" in pattern.flags and len(sources) >= 2 and (
                not targets or ((trigger.lemma_.lower() in TOPIC_VERBS
                                 or pattern.cameo[:2] in ("03", "04", "05", "06"))
                                and not clauses.prep_targets(trigger, ("with",)))):
            # (also "Rwanda and Congo began joint operations against the FDLR", "the two
            # governments will share intelligence on gangs": partners, not what they face)
            # "Putin and Trump discussed Ukraine": the two talked; Ukraine is the topic
            pairs = _reciprocal_pairs(sources, speaker)
            if pattern.cameo[:2] == "04" and clause.modality in ("asserted", "reported") \
                    and not clause.negated:
                pairs = [(s, t) for s in sources for t in sources if s is not t]
        else:
            pairs = [(s, t) for s in sources for t in (targets or [None])]
            if (targets and "reciprocal" in pattern.flags and pattern.cameo[:2] in ("04", "05")
                    and not clause.negated and clause.modality in ("asserted", "reported")
                    and not (pattern.cameo[:2] == "05" and _own_thing(trigger))):
                # "Xi spoke with Macron": a meeting, a call, an agreement goes both ways
                pairs += [(t, s) for s in sources for t in targets]
        military = _military(trigger, targets)
        modality = clause.modality
        if pattern.cameo == "0871" and clause.governor is not None and not clause.negated \
                and clause.governor.lemma_.lower() == "agree" and modality == "future":
            modality = "asserted"  # agreeing to stop firing is declaring a ceasefire
        outcome = negation.apply(pattern.cameo, clause.negated, modality, military,
                                 clause.governor_class, self.keep_negated, clause.refusal)
        if outcome.cameo is None:
            return []
        modality = outcome.modality
        if outcome.cameo[:3] in ("150", "154") and modality in ("future", "proposed") \
                and clause.governor_class != "threat" and not mutual:
            hosts = [m for h in _host_countries(trigger)
                     for m in resolve(h, sctx, speaker) if m.actor.code not in own
                     and list(m.actor.roles) == ["GOV"]] or [
                t for _, t in pairs if t is not None and clause.governor is not None
                and t.token in {c.i for c in clause.governor.children if c.dep_ in (
                    "dobj", "dative")} and list(t.actor.roles) == ["GOV"]]
            if hosts:
                # "plans to station 2,000 more troops in Poland": forces promised to a
                # country that hosts them are military cooperation offered (0312)
                outcome = replace(outcome, cameo="0312", rule="hosted forces")
                pairs = [(s, t) for s in sources for t in hosts]
        if modality == "asserted" and clause.reported_by is not None and not speaker:
            modality = "reported"
        out = []
        for source, target in pairs:
            target = _fill_foreign(target, source, sctx)
            source = _domestic(source, target, sctx, speaker=speaker)
            if target is not None and role_only(target.actor) \
                    and set(target.actor.roles) <= VICTIM_ROLES \
                    and (origin := _origin_country(trigger, sctx)):
                # "evacuated 40 children from Gaza to Amman": people moved from a place
                # are that place's
                target = in_country(target, origin, sctx, "context")
            target = _domestic(target, source, sctx, acted_on=True)
            if not _definite(source) or (target is not None and not _definite(target)):
                continue
            if target is not None and target.actor.code == source.actor.code \
                    and (target.token == source.token or target.actor.text == source.actor.text
                         or any(m.via == "context" and set(m.actor.roles) <= STATE_ROLES
                                for m in (source, target))):
                continue  # one actor on itself, or "officials warned Israel could strike"
            rule = pattern.rule + (f"; {outcome.rule}" if outcome.rule else "")
            cameo = outcome.cameo
            if target is not None and (cameo in TOPIC_STATEMENTS or (
                    cameo == "016" and target.via != "reference"
                    and target.token not in _object_owners(trigger))):
                # (a denial answers an accuser named before, not the people it is about)
                # "made a statement on Haiti", "laid a wreath at a memorial to Indonesian
                # soldiers": said or done about someone, not to them
                target = None
            if cameo == "062" and target is not None and _drills(trigger) \
                    and _as_forces(source, sctx) is not source \
                    and _as_forces(target, sctx) is not target:
                # "the United States and the Philippines began joint naval exercises": the
                # countries' forces exercise together
                source, target = _as_forces(source, sctx), _as_forces(target, sctx)
            if cameo == "183" and "MIL" in source.actor.roles:
                cameo = "195"  # an armed force's bombing is from the air, not a planted bomb
            if cameo in ("143", "144") and set(source.actor.roles) & ARMED_ROLES:
                # "Russian forces struck overnight", "police blocked the road": forces
                # do not go on strike or block roads in protest
                cameo = "190" if cameo == "143" else "191"
            if cameo == "145" and set(source.actor.roles) & ARMED_ROLES:
                # police or gangs clashing with someone fight (they do not riot); with
                # protesters, the police repress
                cameo = "175" if target is not None and set(target.actor.roles) & {
                    "CVL", "OPP", "LAB", "EDU"} and set(source.actor.roles) & {
                    "COP", "MIL"} else "190"
            out.append(Candidate(trigger, pattern, source, target, clause, cameo,
                                 outcome.negated, modality, rule))
        if out:
            if ended is not None:
                consumed.add(ended.i)
            if light is not None:
                consumed.add(light.i)
            if clause.governor is not None and clause.governor_class in CONSUMED_GOVERNORS:
                consumed.add(clause.governor.i)
        return out

    def _quotes(self, sent: Any, sctx: SentenceContext, offset: int, coded: Coded,
                sentence_index: int) -> list[tuple[str, tuple[int, int]]]:
        """Record the sentence's quotations; return direct ones with their sentence spans."""
        speaker_of = quotes.speaker_resolver(sctx, coded.quotes)
        previous = quotes.previous_speaker(coded.quotes, sctx)
        direct = quotes.direct_quotes(sent, speaker_of, offset, previous)
        spans = [span for _, span in direct]
        made = [(q, span) for q, span in direct if q is not None]
        for q in [q for q, _ in made] + quotes.indirect_quotes(sent, speaker_of, offset, spans,
                                                                previous):
            q.article_id, q.sentence_index = coded.article.id, sentence_index
            coded.quotes.append(q)
        return [(q.text, span) for q, span in made]

    def _sentence_places(self, sent: Any, sctx: SentenceContext, offset: int,
                         coded: Coded, filed: Place | None = None) -> list[tuple[Any, Place]]:
        """Places named in the sentence, resolved once with the countries of its actors."""
        countries = {i: e.country for i, m in sctx.matches.items() for e in m.entries
                     if e.country}
        found = places.sentence_places(sent, (), sctx.article.dateline_country, countries,
                                       filed)
        base = offset + sent.start_char
        coded.places.extend(replace(p, start=base + p.start, end=base + p.end) for _, p in found)
        return found

    def _place(self, event: Event, cand: Candidate, found: list[tuple[Any, Place]],
               dateline_place: Place | None) -> None:
        spans = [(a.start, a.end) for a in (event.source, event.target)
                 if a is not None and a.start is not None]
        target = event.target
        target_span = (target.start, target.end) if target and target.start is not None else None
        event.location = places.action_place(cand.trigger, found, spans, target_span) \
            or dateline_place
        event.source_place = places.country_place(event.source.country)
        event.target_place = places.country_place(event.target.country) if event.target else None

    def _speaker(self, clause: Clause, sctx: SentenceContext) -> list[Mention]:
        if clause.reported_by is None:
            return []
        heads, _ = clauses.subject_of(clause.reported_by)
        return [m for h in heads for m in resolve(h, sctx)]

    def _targets(self, trigger: Any, light: Any, passive: bool, sctx: SentenceContext,
                 speaker: list[Mention], own: set[str], objects: bool = True,
                 things: frozenset[str] = frozenset(),
                 particle: str | None = None, root: str = "") -> list[Mention]:
        """Target actors, skipping the source itself ("recalled its ambassador from X")."""
        def actors(heads: list[Any]) -> list[Mention]:
            return [m for h in heads for m in resolve(h, sctx, speaker) if m.actor.code not in own]

        def deep(heads: list[Any]) -> list[Mention]:
            """ "tariffs on imports from Mexico": one more step into a non-actor phrase."""
            found = actors(heads)
            if not found and root in ("02", "10"):
                # "called for the release of aid workers detained by the Houthis"
                found = actors([g for h in heads if h.lemma_.lower() == "release"
                                for g in _captors(h)])
            if not found:
                # "the Saudi peace plan for Yemen": a plan's maker before what it is for
                found = [m for h in heads if h.lemma_.lower() in PLAN_NOUNS
                         for m in resolve(h, sctx, speaker, modifiers_only=True)
                         if not role_only(m.actor) and m.actor.code not in own]
            # ("moved troops to its border with Guyana": a place, by the conventions)
            inner = [g for h in heads if not (root == "15" and h.lemma_.lower() in BORDER_WORDS)
                     for g in clauses.descend(h)]
            located = [g for g in inner if g.head.lower_ == "in"]
            if not found:
                found = actors([g for g in inner if g not in located])
            if not found:
                # "protested against cuts to their rations by the World Food Programme":
                # who made what the phrase names, one step further in
                found = actors([g for i in inner if i not in located for c in i.children
                                if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                                for g in c.children if g.dep_ == "pobj" and not g.like_num])
            if not found:
                # "opened fire on its posts", "sanctions on Iran's oil": whose things they are
                found = [_owned_as(h, m, sctx) for h in heads if noun_lemma(h) in OWNED_HEADS
                         for c in h.children if c.dep_ == "poss"
                         for m in actors([c]) if m.actor.country]
            if not found:
                # "tariffs on U.S. goods", "imports of Chinese steel": whose goods they are
                # ("drones at U.S. bases in Syria": the owner before the place)
                found = [_owned_as(h, _speaking_body(m, speaker), sctx)
                         for h in heads if h.pos_ == "NOUN"
                         for m in resolve(h, sctx, speaker, modifiers_only=True)
                         if (not role_only(m.actor) or _body_thing(h))
                         and m.actor.code not in own]
            if not found:
                found = [m for h in heads + [g for g in inner if g not in located]
                         for m in protesters(h, sctx, speaker) if m.actor.code not in own]
            return found or actors(located)

        if trigger.pos_ in ("VERB", "AUX"):
            obj_heads = clauses.object_heads(trigger)
            if trigger.lemma_.lower() in TOPIC_VERBS:
                # "discussed Ukraine with Trump": the partner, not the topic
                found = deep(clauses.prep_targets(trigger, ("with",)))
                if found:
                    return found
            for obj in obj_heads if objects else []:
                if obj.dep_ == "nsubjpass" and not passive:
                    continue
                obj = counted(obj)  # "dropped most of its tariffs on U.S. goods"
                if trigger.lemma_.lower() in clauses.NOT_AGENT_VERBS and _act_noun(obj):
                    # "welcomed Venezuela's release of ten Americans": the maker of the act
                    # ("the arrest of a Serbian officer by Kosovo police": the by-phrase
                    # may hang further in)
                    # (or on the verb itself: "investigating crimes by the RSF")
                    bys = [c for c in obj.subtree if c.dep_ in ("prep", "agent")] + [
                        c for c in trigger.children if c.dep_ == "prep" and not passive]
                    makers = actors([c for c in obj.children if c.dep_ == "poss"]
                                    + [g for c in bys if c.lower_ == "by" for g in c.children
                                       if g.dep_ == "pobj"])
                    if not makers and any(t.i in sctx.matches for t in obj.subtree
                                          if t.i < obj.i):
                        # "the Russian missile strike" (not the people in "the arrest of
                        # a Turkish mayor", who are the ones it was done to)
                        makers = [m for m in resolve(obj, sctx, speaker, modifiers_only=True)
                                  if _whose(m) and m.actor.code not in own]
                    # "condemned the attack on our soldiers": the attacker, never the
                    # attacked; when no one is named, an earlier act may say who
                    return makers or _earlier_act(trigger, sctx, own) or _jailers(
                        obj, sctx, speaker, own)
                # "sent jets to X": the object the pattern names is the thing sent
                is_thing = obj.lemma_.lower() in things or obj.lower_ in things or (
                    bool(things) and obj.lemma_.lower() in clauses.VEHICLE_HEADS)
                if root in ("18", "19", "20") and not _elided(trigger) \
                        and (people := counted_people(obj, sctx)):
                    return people
                if (root in ACTED_ON_ROOTS or trigger.lemma_.lower() in PEOPLE_HELPED) \
                        and (_people(obj) or obj.lemma_.lower() in BODY_HEADS):
                    # "attacked soldiers", "released four soldiers": the people a
                    # coercion, an attack or a release names are the ones it is done to
                    is_thing = False
                inner = clauses.descend(obj)
                if obj.lemma_.lower() in INFO_NOUNS:
                    # "handed over intelligence on mining gangs to ...": what it is about
                    inner = [g for g in inner if g.head.lower_ not in ("on", "about")]
                located = [g for g in inner if g.head.lower_ == "in"]
                # "blocked the EU's aid package for Ukraine": the owner before the phrases
                # inside ("for Ukraine"), as for "accepted the protesters' demands"
                owners = [_owned_as(obj, m, sctx) for m in
                          actors([c for c in obj.children if c.dep_ == "poss"])
                          if not role_only(m.actor) or (
                              m.via == "reference" and not set(m.actor.roles) <= STATE_ROLES)]
                if not owners and obj.lemma_.lower() in PLAN_NOUNS:
                    # "rejected a French plan for talks with the US": the plan's maker
                    owners = [m for m in resolve(obj, sctx, speaker, modifiers_only=True)
                              if not role_only(m.actor) and m.actor.code not in own]
                if not owners and root in ("02", "10") and obj.lemma_.lower() == "release":
                    # "demanded the release of two drivers held by JNIM": of the captors
                    owners = actors(_captors(obj))
                found = ([] if is_thing else actors([obj])) or owners or deep(
                    [g for g in inner if g not in located])
                if not found and obj.lemma_.lower() not in LAW_NOUNS:
                    # (not "dropped the foreign agents bill": a law's name names no one)
                    found = [_speaking_body(m, speaker)
                             for m in resolve(obj, sctx, speaker, modifiers_only=True)
                             if (_whose(m) or m.foreign or (_body_thing(obj) and (
                                 not is_thing or root in ACTED_ON_ROOTS)))
                             and m.actor.code not in own]
                # "struck Hezbollah targets in southern Lebanon": the owner before the place
                found = found or deep(located)
                if found and trigger.lemma_.lower() not in PEOPLE_HELPED and (
                        all(m.actor.country is None and not m.foreign for m in found)
                        or trigger.lemma_.lower() in HANDING_VERBS):
                    # "extradited a drug lord to Thailand": a person of no country handed
                    # to a state; the state is the one dealt with
                    receivers = [m for m in actors(clauses.prep_targets(trigger, ("to",)))
                                 if m.actor.country]
                    if receivers and trigger.lemma_.lower() in RETURNING_VERBS \
                            and all(role_only(m.actor) for m in found):
                        # "deported 11 Uyghur asylum seekers to China": people sent home
                        # are that country's
                        receivers = [in_country(m, receivers[0].actor.country, sctx, "context")
                                     for m in found]
                    found = receivers or found
                if found:
                    return found
            preps = clauses.VERB_TARGET_PREPS + ((particle,) if particle else ())
            thing_preps = clauses.THING_PREPS
            if root in ("03", "04", "05", "06"):
                # "signed a deal at the White House": where talks or deals happen
                preps = tuple(p for p in preps if p != "at")
                thing_preps = tuple(p for p in thing_preps if p != "at")
            # "struck a refinery with long-range drones": an instrument is no target;
            # "handed over intelligence on gangs to ...": nor is what it is about
            told = any(o.lemma_.lower() in INFO_NOUNS for o in obj_heads)
            found = deep([g for h in clauses.prep_targets(trigger, preps)
                          for g in ((h,) if not (told and h.head.lower_ in ("on", "about"))
                                    else clauses.prep_targets(h, ("to", "with")))
                          if not (g.head.lower_ == "with" and g.lemma_.lower() in WEAPON_HEADS)
                          and not (root == "14" and g.head.lower_ in ROUTE_PREPS
                                   and clauses.city_token(g))])
            if not found:
                # "prepared deployments against the cartels", "sent jets to Poland"
                for obj in (o for h in obj_heads for o in (h, *h.conjuncts)):
                    # "launched 400 drones and 40 missiles at Ukraine": on the last one
                    found = found or deep(clauses.prep_targets(obj, thing_preps))
                    # "sent ships carrying food to Cuba" (not "executed a man convicted
                    # of spying for Israel": a person is no cargo)
                    for acl in (c for c in obj.children if c.dep_ == "acl"
                                and obj.lemma_.lower() in clauses.VEHICLE_HEADS | things):
                        found = found or actors(clauses.prep_targets(acl, clauses.THING_PREPS))
            if not found and not objects:
                found = self._mobilised_against(trigger, sctx, speaker, own)
            if not found and root in ("14", "15", "17"):
                found = deep(_aim_objects(trigger))  # "blocked roads to demand X's resignation"
            if not found and root in ("03", "07", "14", "15"):
                # "pledged 500 million euros to rebuild Ukraine's energy grid"
                aims = _aim_objects(trigger)
                found = actors(aims) or actors([c for a in aims for c in a.children
                                                if c.dep_ == "poss"])
                if not found and root == "03":
                    # "agreed to increase military assistance to Ukraine": whom what is
                    # promised goes to
                    found = actors([g for a in aims if a.lemma_.lower() in AID_NOUNS
                                    for h in (a, a.head)
                                    for g in clauses.prep_targets(h, ("to", "for"))])

            if not found and root in ("18", "19", "20"):
                # "planted a bomb that killed five soldiers": whom the weapon hit
                found = deep(_weapon_victims(trigger)) or _claimed_victims(trigger, sctx, own)
            if not found and root in ("18", "19", "20"):
                found = _struck_country(trigger, sctx, own)  # "shelled Kherson"
            if not found and root in ("18", "19", "20"):
                # "Israel said Hezbollah had violated the ceasefire": a state reporting
                # force used by another country's side, at no one named, is its target
                found = [m for m in speaker if m.actor.country and m.actor.country not in
                         {c[:3] for c in own} and not set(m.actor.roles) & {"IGO", "NGO", "MED"}]
            if not found and root in ("09", "11"):
                # "opened an investigation into whether Poland's government had broken
                # EU law": who the question is about
                found = actors([s for h in clauses.phrase_holders(trigger)
                                for p in h.children if p.dep_ == "prep"
                                and p.lower_ in ("into", "over", "about")
                                for c in p.children if c.dep_ == "pcomp"
                                for s in c.children if s.dep_ in ("nsubj", "nsubjpass")])
            if not found:
                found = _earlier_act(trigger, sctx, own)  # "condemned the arrests"
            if not found:
                # "..., a move Minsk called a provocation": the maker of the act told in
                # the clause the noun sums up
                found = actors(_summed_up_makers(trigger))
            if not found and things:
                # "dispersed protesters", "freed dissidents": the people the pattern names
                # are the ones acted on when nothing else is
                found = [m for obj in obj_heads if obj.dep_ != "nsubjpass"
                         and (obj.lemma_.lower() in things or obj.lower_ in things)
                         for m in actors([obj]) if set(m.actor.roles) & NAMED_PEOPLE_ROLES]
            return found
        if light is not None and clauses.reaction_source(trigger):
            # "X's strike drew a rebuke from Y"; "the Saudi crown prince received a call
            # from Y": the subject itself when its modifiers name no one
            return actors(clauses.reacted_to(light)) or actors(
                [c for c in light.children if c.dep_ in ("nsubj", "nsubjpass")]) or actors(
                clauses.subject_of(light)[0])  # "tested a missile, drawing condemnation"
        noun_preps = clauses.NOUN_TARGET_PREPS
        if root == "15":
            # "the deployment of 4.5 million militia members": the forces moved, one's own
            noun_preps = tuple(p for p in noun_preps if p != "of")
        found = deep(clauses.prep_targets(trigger, noun_preps))
        if not found and light is not None:
            found = actors([c for c in light.children if c.dep_ in ("dative", "iobj")])
            found = found or actors(clauses.prep_targets(light, clauses.VERB_TARGET_PREPS))
        if not found and light is not None and root == "14":
            # "began a strike to force the government to raise the minimum wage"
            found = deep(_aim_objects(light))
        return found

    def _warns_of_others(self, trigger: Any, sctx: SentenceContext, speaker: list[Mention],
                         own: set[str]) -> bool:
        """The warning's clause tells of an act by someone else ("warned that Russia could
        attack NATO"), not of what the speaker will do."""
        for clause in (c for c in trigger.children if c.dep_ == "ccomp"):
            verbs = [clause, *(c for c in clause.children if c.dep_ == "xcomp")]
            for verb in verbs:
                nouns = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
                if not self.verbs.candidates(verb) and not any(
                        self.verbs.candidates(n) for n in nouns):
                    continue  # "was preparing an attack": the act is the noun
                heads = clauses.subject_of(verb)[0]
                if any(h.pos_ == "PRON" for h in heads):
                    continue  # "warned Russia that it would ...": most often the warner
                subjects = [m for h in heads for m in resolve(h, sctx, speaker)]
                if subjects and all(m.actor.code not in own and m.via != "speaker"
                                    for m in subjects):
                    return True
        return False

    def _mobilised_against(self, trigger: Any, sctx: SentenceContext,
                           speaker: list[Mention], own: set[str]) -> list[Mention]:
        """Whom a show of force faces: "drills around Taiwan", "troops to the border in
        response to Chinese incursions", "sent ships to shadow Chinese vessels"."""
        def actors(heads: list[Any]) -> list[Mention]:
            return [m for h in heads for m in resolve(h, sctx, speaker) if m.actor.code not in own]

        # ("began two days of drills around Taiwan": the drills the days count)
        holders = [counted(h) for h in clauses.phrase_holders(trigger)]
        for holder in holders:
            for prep in (c for c in holder.children if c.dep_ == "prep"):
                objs = [g for g in prep.children if g.dep_ == "pobj"]
                if prep.lower_ in FACING_PREPS:
                    # a country named as the place faced, not "the border" or "the city"
                    found = [m for o in objs for m in actors([o])
                             if _names_country(o, sctx) and m.actor.country]
                elif prep.lower_ == "in" and any(o.lemma_.lower() in RESPONSE_NOUNS
                                                  for o in objs):
                    inner = [g for o in objs for g in clauses.prep_targets(o, ("to",))]
                    found = actors(inner) or [
                        m for i in inner for m in resolve(i, sctx, speaker, modifiers_only=True)
                        if _whose(m) and m.actor.code not in own]
                else:
                    continue
                if found:
                    return found
        # "scrambled jets after Russian bombers approached its airspace": the prompting
        # foreign force
        for clause in (c for c in trigger.children if c.dep_ == "advcl"
                       and any(m.dep_ == "mark" and m.lower_ in PROMPT_MARKS
                               for m in c.children)):
            found = [m for s in clause.children if s.dep_ == "nsubj"
                     for m in actors([s]) if m.actor.country]
            if found:
                return found
        return actors(_aim_objects(trigger))

    # -- events ---------------------------------------------------------------------

    def _event(self, article: Article, cand: Candidate, sent: Any, sentence_index: int,
               event_index: int, is_root: bool) -> Event:
        info = self.table[cand.cameo]
        t = cand.trigger
        base = sent.start_char
        verb = Span(t.text, t.idx - base, t.idx - base + len(t.text))
        source, target = cand.source.actor, cand.target.actor if cand.target else None
        evidence = Evidence(verb=verb, rule=cand.rule, source=_span(source),
                            target=_span(target) if target else None)
        return Event(
            id=Event.make_id(article.id, sentence_index, event_index),
            article_id=article.id, sentence_index=sentence_index, event_index=event_index,
            sentence=span_text(sent), date=article.date, source=source, target=target,
            cameo=info.code, cameo_root=info.root, quad_class=info.quad_class,
            goldstein=info.goldstein, plover_type=info.plover_type,
            plover_mode=info.plover_mode, plover_context=info.plover_context,
            negated=cand.negated, modality=cand.modality, evidence=evidence,
            confidence=_confidence(cand), is_root=is_root, url=article.url,
            outlet=article.source,
        )


def _chunks(text: str) -> list[tuple[int, str]]:
    """A paragraph, cut at sentence ends when it is too long to parse in one piece;
    each piece with its offset in the paragraph."""
    out = []
    offset = 0
    while len(text) - offset > MAX_PARAGRAPH_CHARS:
        cut = text.rfind(". ", offset, offset + MAX_PARAGRAPH_CHARS)
        cut = cut + 2 if cut > offset + MAX_PARAGRAPH_CHARS // 2 else offset + MAX_PARAGRAPH_CHARS
        out.append((offset, text[offset:cut]))
        offset = cut
    if offset < len(text):
        out.append((offset, text[offset:]))
    return out


STATE_FORCE_ROLES = {"MIL", "COP"}
STATE_ROLES = {"GOV", "LEG", "JUD", "MIL", "COP"}
# People acted on where they are: "two journalists were killed in Gaza" are Palestinians.
OWNER_DEPS = ("poss", "compound")
PEOPLE_ROLES = {"CVL", "OPP", "LAB", "MED", "EDU", "REF"}
VICTIM_ROLES = {"CVL", "MED", "HLH", "EDU", "REF", "NGO"}
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "around", "throughout",
                  "within"}
NAMED_PEOPLE_ROLES = {"CVL", "OPP", "MED", "REF", "LAB", "NGO", "REB", "CRM", "EDU", "HRI",
                      "BUS"}
DOMESTIC_ROLES = {"GOV", "LEG", "JUD", "COP", "OPP", "CVL", "MED", "BUS", "NGO", "LAB", "EDU",
                  "HLH", "HRI", "PTY", "ELI", "AGR"}


def _domestic(m: Mention | None, other: Mention | None, sctx: SentenceContext,
              acted_on: bool = False, speaker: Sequence[Mention] = ()) -> Mention | None:
    """ "Peru's opposition demanded the resignation of the interior minister": a role with
    no country of its own, facing a national actor, is that nation's (a domestic event)."""
    if m is None or m.actor.country or m.foreign or m.regional or (
            acted_on and m.head in MIGRANT_HEADS):
        # (migrants picked up or sent away are not the country's where it happens)
        return m
    a = m.actor
    roles = DOMESTIC_ROLES
    own = next((s.actor.country for s in speaker if s.actor.country
                and set(s.actor.roles) & STATE_ROLES), None)
    if own and not acted_on and role_only(a) and set(a.roles) & STATE_ROLES - {"GOV"}:
        # "the Mexican navy said sailors had seized a boat", "Israel said troops had
        # killed ...": a state's spokesman speaks of its own forces
        return in_country(m, own, sctx, "context")
    country = other.actor.country if other is not None else None
    if not acted_on and country and sctx.site_country and sctx.site_country != country \
            and set(a.roles) <= PEOPLE_ROLES and role_only(a):
        # "demonstrators threw stones at Kenya's high commission in Kampala": people
        # act where they are, not where those they face are from
        return in_country(m, sctx.site_country, sctx, "context")
    if not acted_on and set(a.roles) <= {"GOV"}:
        # "President Clinton urged Israel ...": a government acting is not its target's
        # government, nor that of the countries named as actors; where it acts and the
        # article may say whose it is (a court or a parliament acts at home: "a court
        # found the former Peruvian president guilty")
        country = (sctx.site_country or sctx.article.dateline_country
                   or _main_country(sctx, earlier=True))
        if not country and other is not None and "GOV" not in other.actor.roles:
            country = other.actor.country  # "the government arrested Peruvian activists"
        return in_country(m, country, sctx, "context") if country and role_only(a) else m
    if country and other is not None:
        # "the Nigerian army killed rebels", "gunmen attacked Pakistani police": armed
        # groups facing a state's forces are that state's; so is "the army" facing them
        theirs = set(other.actor.roles)
        if theirs & STATE_FORCE_ROLES:
            roles = roles | {"REB", "CRM"}
        if theirs & {"REB", "CRM", "CVL", "OPP", "ELI"} or (
                acted_on and theirs & {"JUD", "LEG", "COP", "MED", "HRI", "NGO"}):
            # "rebels ambushed the army"; "the attorney general investigated army officers"
            roles = roles | {"MIL"}
        if sctx.place_country == country:
            roles = roles | {"REB", "CRM"}  # "sent soldiers into Guayaquil to fight gangs"
        elif sctx.place_country and set(a.roles) <= {"REB", "CRM"} \
                and not theirs & STATE_FORCE_ROLES:
            # "separatists abducted two engineers of a Chinese firm in Balochistan": armed
            # groups are of the place, not of the foreigners they attack
            country, roles = sctx.place_country, roles | {"REB", "CRM"}
    site = (sctx.site_country or _unnamed_site_country(sctx)) if acted_on else None
    if site and set(a.roles) & VICTIM_ROLES:
        # "two journalists were killed in Gaza", "civilians in a Ukrainian village":
        # that place's people (but "executed a man convicted of spying for Israel" names
        # no place)
        return in_country(m, site, sctx, "context") if role_only(a) else m
    if not country and (sctx.place_country or sctx.site_country):
        # "gangs killed the mayor of Uruapan": the one country the sentence's places are
        # in, also for armed groups there ("outside the U.S. embassy in Nairobi": where)
        country = sctx.place_country or sctx.site_country
        roles = DOMESTIC_ROLES | {"CRM", "REB"}
    if not country:
        # "the government", "teachers" in a story about Haiti: the article's country
        country = sctx.article.dateline_country or _main_country(sctx)
    if not country or not role_only(a) or not set(a.roles) <= roles:
        return m
    return in_country(m, country, sctx, "context")


# Verbs whose object is what is talked about, not who is talked to.
TOPIC_VERBS = {"discuss", "debate", "review", "negotiate", "address", "examine", "agree"}
FACING_PREPS = {"near", "around", "off", "toward", "towards", "along"}
RESPONSE_NOUNS = {"response", "reaction", "retaliation", "answer"}
PROMPT_MARKS = {"after", "as", "when", "because"}
ARMED_ROLES = {"MIL", "COP", "REB", "CRM", "SPY"}
LAW_NOUNS = {"bill", "law", "act", "legislation", "decree", "regulation", "rule", "measure",
             "register", "registry", "amendment", "ordinance"}
ROUTE_PREPS = {"to", "through", "into", "in", "across", "toward", "towards", "around", "near"}
# Public statements about a topic: comments, optimism, pessimism, regret, symbolic acts.
TOPIC_STATEMENTS = {"010", "011", "012", "013", "015", "017"}
# Verbs whose object people are the ones helped or freed, never cargo: "evacuated 40
# children from Gaza to Amman" helps the children.
PLAN_NOUNS = {"plan", "proposal", "initiative", "offer", "roadmap", "blueprint", "draft",
              "resolution", "framework"}
PEOPLE_HELPED = {"release", "free", "evacuate", "rescue", "airlift", "treat", "shelter",
                 "feed", "resettle", "repatriate"}
# Verbs of handing a person over: the state receiving is the one dealt with ("handed a
# Russian businessman to Moscow"), whatever the person's nationality.
HANDING_VERBS = {"hand", "extradite", "transfer", "surrender", "turn"}
# Verbs whose passive names the sender after "from" ("was deported from the US").
SENDING_VERBS = HANDING_VERBS | {"send", "ship", "deliver", "deport", "expel", "airlift",
                                 "repatriate", "fly"}
# Roots whose object people are acted on, never conveyed: coerce and assault (and the
# verbs of release).
ACTED_ON_ROOTS = ("17", "18", "19", "20")
PEOPLE_WORDS = {"soldiers", "troops", "forces", "police", "officers", "policemen", "guards",
                "soldier", "officer", "guard", "policeman", "peacekeepers", "fighters",
                "militants", "rebels", "journalists", "activists", "dissidents", "politicians",
                "leaders", "members", "crew", "sailors"}
# Things that stand for their owner when acted on: "fired on its posts", "seized Iran's oil".
OWNED_HEADS = (MILITARY_SITES | PEOPLE_NOUNS | COMMERCE_NOUNS | WEAPON_HEADS
               | {"interest", "asset", "export", "import", "oil", "good", "embassy", "consulate",
                  "national", "diplomat", "soldier", "troop", "force", "position"})


# Verbs that send people back to where they come from.
RETURNING_VERBS = {"deport", "repatriate"}
ASKING_VERBS = {"demand", "seek", "ask", "win", "extract", "obtain"}
# Acts a state does to people in its custody, told passively by its own officials.
CUSTODY_VERBS = {"deport", "expel", "detain", "arrest", "extradite", "jail", "imprison"}
# Bodies of people a coercion can name as its object: "dissolved the opposition party".
BODY_HEADS = {"party", "group", "movement", "organisation", "organization", "union",
              "association", "newspaper", "outlet", "channel", "broadcaster", "station"}
MIGRANT_HEADS = {"migrant", "migrants", "refugee", "refugees", "immigrant", "immigrants",
                 "deportee", "deportees", "asylum"}
# Seats of a body a protest outside them is aimed at.
SEAT_NOUNS = {"embassy", "consulate", "parliament", "ministry", "headquarters", "commission",
              "palace", "residence", "office", "offices", "court", "mission"}
PROTEST_SITE_PREPS = ("outside", "at", "near", "before")
BORDER_WORDS = {"border", "frontier", "boundary"}
# What is told or shared: "on" and "about" name its topic, not a target.
INFO_NOUNS = {"intelligence", "information", "data", "evidence", "document", "file", "detail",
              "record", "report", "findings", "briefing"}
# Things a body holds as its own: sites, vehicles, buildings.
BODY_THINGS = MILITARY_SITES | clauses.VEHICLE_HEADS | {
    "vehicle", "car", "van", "station", "headquarters", "building", "office", "patrol"}
VIOLENT_ROOTS = ("18", "19", "20")
# Verbs that end what their object names, and what ending each kind of act amounts to:
# easing restrictions (081), easing sanctions (085), de-escalating fighting (087).
ENDING_VERBS = {"end", "lift", "halt", "stop", "suspend", "cancel", "scrap", "drop",
                "revoke", "rescind", "call"}
YIELDING = {"17": "081", "16": "085", "18": "087", "19": "087", "20": "087"}


def _unnamed_site_country(sctx: SentenceContext) -> str | None:
    """The one country a place the sentence does not name is said to be in: "in a
    Ukrainian village", "at a Palestinian school"."""
    found = set()
    for t in sctx.tokens:
        if t.dep_ != "pobj" or t.head.lower_ not in LOCATIVE_PREPS or t.pos_ == "PROPN":
            continue
        for c in t.children:
            m = sctx.matches.get(c.i) if c.dep_ in ("amod", "compound") else None
            found |= {e.country for e in (m.entries if m else ())
                      if e.kind in ("adjective", "country") and e.country}
    return found.pop() if len(found) == 1 else None


def _second_act(cand: Candidate, found: list[Candidate]) -> bool:
    """ "seized a fishing boat and detained its crew": two verbs joined, two acts of one
    kind on one side, each with its own code (not "arrested and detained", one arrest)."""
    t = cand.trigger
    # ("attacked and killed civilians": a general act and the specific one it was, one)
    return t.pos_ == "VERB" and cand.cameo[2:3] not in ("", "0") and all(
        c.cameo != cand.cameo for c in found) and any(
        c.trigger.pos_ == "VERB" and (c.trigger.head.i == t.i or t.head.i == c.trigger.i)
        and "conj" in (c.trigger.dep_, t.dep_) and c.cameo[2:3] not in ("", "0")
        for c in found)


def _acted_on_directly(cand: Candidate) -> bool:
    """The target is the act's own object ("struck Ukraine", "attacked soldiers"), not a
    word on the thing or place struck ("the Ukrainian port of Odesa", "a village held by
    the KNU", "a gold mine in Burkina Faso"), whose killed are the ones it was done to."""
    t = cand.trigger.doc[cand.target.token]
    if t.head.dep_ in ("prep", "agent"):
        if t.head.lower_ in LOCATIVE_PREPS:
            return False
        head = t.head.head
    else:
        head = t.head
    return head.i == cand.trigger.i and t.dep_ not in ("amod", "compound", "poss") and (
        t.pos_ == "PROPN" or _people(t))


def _fold_results(found: list[Candidate]) -> list[Candidate]:
    """"Russian forces shelled Kherson, killing two civilians": the killing is what the
    shelling did, one event whose victims are the killed (not the city)."""
    out = list(found)
    for result in found:
        t = result.trigger
        if _purpose(t):
            # "blocked roads to protest against the EU's deal", "summoned the ambassador
            # to protest", "met Zelensky to discuss ...": what the act was for, not a
            # second act
            mains = [c for c in out if c.trigger.i == t.head.i and c is not result
                     and c.source.actor.code == result.source.actor.code
                     and (result.cameo[:2] in ("14", c.cameo[:2])
                          or (c.cameo in ("074", "0334")
                              and t.lemma_.lower() in HELPING_VERBS))]
            for main in mains:
                if main.cameo[:2] == result.cameo[:2]:
                    main.target = main.target or result.target
            if mains:  # with the reverse pairs of a reciprocal act
                out = [c for c in out if c.trigger.i != t.i]
            continue
        if not (t.dep_ == "advcl" and t.tag_ == "VBG"):
            continue
        mains = [c for c in out if c.trigger.i == t.head.i and c is not result
                 and c.source.actor.code == result.source.actor.code]
        if result.cameo[:2] not in VIOLENT_ROOTS:
            # "stepped down, giving in to the protests": one concession, said twice;
            # "blocked the highway, demanding that the government pay": what the protest
            # demands is whom it is aimed at
            mains = [c for c in mains if c.cameo[:2] == result.cameo[:2]
                     or (c.cameo[:2] == "14" and result.cameo[:2] == "10")]
            for main in mains:
                main.target = main.target or result.target
            if mains:
                out.remove(result)
            continue
        mains = [c for c in mains if c.cameo[:2] in VIOLENT_ROOTS]
        if not mains:
            continue
        out.remove(result)
        for main in mains:
            victims = result.target
            if victims is None or (main.target is not None and main.target.via != "place"
                                   and _acted_on_directly(main)):
                continue
            if main.target is not None and victims.via == "context" \
                    and not main.target.actor.country and not role_only(main.target.actor):
                # "ambushed a convoy of the African Union mission, killing two officers":
                # the officers are the mission's
                continue
            if main.target is not None and main.target.actor.country and (
                    victims.via == "context" or role_only(victims.actor)):
                # (and "fired on a Lebanese army post, wounding two soldiers": the post's)
                # the civilians killed in Kherson are Kherson's, not the shellers'
                a, country = victims.actor, main.target.actor.country
                victims = replace(victims, actor=replace(
                    a, code=country + "".join(a.roles), country=country,
                    name=main.target.actor.name))
            main.target = victims
    return out


TIME_PREPS = {"in", "on", "during", "by"}


def _people(t: Any) -> bool:
    """A noun naming people or a body of people (not a place or a thing)."""
    return t.lemma_.lower() in PEOPLE_NOUNS or t.lower_ in PEOPLE_WORDS


def _object_owners(trigger: Any) -> set[int]:
    """Token indices of the possessors of the verb's objects ("denied India's accusation")."""
    objects = clauses.object_heads(trigger)
    # "denied U.S. claims that ...": a name before the claim says whose it is
    return {c.i for o in objects for c in o.children if c.dep_ == "poss"} | {
        o.i for o in objects if any(c.dep_ in ("compound", "amod", "nmod")
                                    and c.ent_type_ in ("GPE", "NORP", "ORG")
                                    for c in o.children)}


def _drills(trigger: Any) -> bool:
    """The act is military exercises or drills ("held joint naval drills")."""
    return any(t.lemma_.lower() in ("exercise", "drill", "maneuver", "manoeuvre", "wargame",
                                    "operation")
               for t in trigger.subtree)


def _as_forces(m: Mention | None, sctx: SentenceContext) -> Mention | None:
    """A country named for its government, taken for its armed forces."""
    if m is None or m.actor.roles != ["GOV"] or not m.actor.country \
            or m.actor.code != m.actor.country + "GOV":
        return m
    return with_role(m, "MIL")


def _owned_as(head: Any, owner: Mention, sctx: SentenceContext) -> Mention:
    """A state's things acted on stand for the body they belong to: "its border posts" are
    its forces', "its citizens" its civilians."""
    a = owner.actor
    if not a.country or (a.roles and a.roles != ["GOV"]):
        return owner
    lemma = noun_lemma(head)
    role = ("MIL" if lemma in MILITARY_SITES | WEAPON_HEADS | {"soldier", "troop", "force"}
            else "CVL" if lemma in PEOPLE_NOUNS | {"national"} else None)
    return owner if role is None else with_role(owner, role)


SUMMING_NOUNS = {"move", "step", "decision", "charge", "accusation", "claim", "allegation",
                 "measure", "action", "act", "announcement", "remark", "comment", "statement",
                 "verdict", "ruling", "sentence", "judgment", "judgement"}


def _summed_up_makers(trigger: Any) -> list[Any]:
    """The subject of the clause an appositive noun sums up, when the trigger is a relative
    clause on that noun: "Lithuania closed its border, a move Minsk called a provocation";
    "accused X of Y, a charge all three rejected"."""
    noun = trigger.head
    if trigger.dep_ != "relcl" or noun.lemma_.lower() not in SUMMING_NOUNS \
            or any(c.dep_ == "poss" for c in noun.children):
        return []  # "his decision, which X criticised": the owner says whose it is
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i == trigger.i:
        return []
    return clauses.subject_of(verb)[0]


def _fired_by(trigger: Any, candidates: list[VerbPattern]) -> bool:
    """"a missile fired by the Houthis at Jazan": a weapon's use told in a participle with
    its agent and its aim is the attack itself."""
    return (trigger.tag_ == "VBN" and any(p.cameo[:2] in VIOLENT_ROOTS for p in candidates)
            and any(c.dep_ == "agent" for c in trigger.children)
            and any(c.dep_ == "prep" and c.lower_ in ("at", "on", "into", "toward", "towards")
                    for c in trigger.children))


HELPING_VERBS = {"help", "assist", "protect", "defend", "reinforce", "bolster", "shore"}


def _helped_by(trigger: Any) -> list[Any]:
    """The verbs of helping a verb's purpose clause holds ("sent troops to help ...")."""
    return [c for c in trigger.children if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VB"
            and c.lemma_.lower() in HELPING_VERBS]


def _helped(trigger: Any) -> list[Any]:
    """Whom forces are sent to help: "to help Niger repel an attack", "to protect Qatar"."""
    out = []
    for c in _helped_by(trigger):
        out += [g for g in c.children if g.dep_ in ("dobj", "obj")]
        out += [s for g in c.children if g.dep_ in ("ccomp", "xcomp")
                for s in g.children if s.dep_ == "nsubj"]
    return out


RELIEF_WORDS = {"rescue", "rescuer", "rescuers", "relief", "medic", "medics", "firefighter",
                "firefighters", "paramedic", "paramedics", "humanitarian", "aid", "medical",
                "doctors", "nurses", "search"}
TEAM_HEADS = {"team", "teams", "crew", "crews", "unit", "units", "mission", "convoy",
               "worker", "workers", "personnel", "contingent", "brigade"}


def _relief_team(head: Any) -> bool:
    """ "a rescue team", "Chinese medics", "aid workers": people sent to help."""
    word = head.lower_
    return word in RELIEF_WORDS or (word in TEAM_HEADS and any(
        c.lower_ in RELIEF_WORDS for c in head.children if c.dep_ in ("compound", "amod")))


def _weapon_victims(trigger: Any) -> list[Any]:
    """The ones a weapon struck, in a relative clause on the object: "planted a bomb that
    killed five soldiers", "fired a rocket which hit an army base"; or around the weapon a
    participle describes: "five soldiers were killed when a bomb planted by the ELN
    exploded"."""
    out = []
    for obj in clauses.object_heads(trigger):
        for rc in (c for c in obj.children if c.dep_ == "relcl"):
            if any(c.dep_ == "nsubj" and c.lower_ in ("that", "which") for c in rc.children):
                out += [c for c in rc.children if c.dep_ in ("dobj", "obj")]
    weapon = trigger.head
    if trigger.dep_ == "acl" and weapon.lemma_.lower() in clauses.INSTRUMENT_NOUNS \
            and weapon.dep_ == "nsubj":
        out += _struck_by(weapon.head)
        if weapon.head.dep_ == "advcl":
            out += _struck_by(weapon.head.head)
    return out


def _struck_by(verb: Any) -> list[Any]:
    """Who a verb of harm names as struck: its object, a passive's subject, or the object
    of the participle after it ("exploded, killing four officers")."""
    return [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")] + [
        c for a in verb.children if a.dep_ == "advcl" and a.tag_ == "VBG"
        for c in a.children if c.dep_ in ("dobj", "obj")]


def _claimed_victims(trigger: Any, sctx: SentenceContext, own: set[str]) -> list[Mention]:
    """"A bomb exploded outside a police station, killing four officers. The Taliban said
    they had planted it": the device planted is the one an earlier sentence told of, and
    those it struck are the ones the act was done to."""
    objs = [o for o in clauses.object_heads(trigger) if o.lower_ == "it" or (
        o.lemma_.lower() in clauses.INSTRUMENT_NOUNS
        and any(c.dep_ == "det" and c.lower_ in REFERRING for c in o.children))]
    if not objs:
        return []
    start = sctx.span.start if sctx.span is not None else trigger.sent.start
    struck = {t.i for w in trigger.doc[max(0, start - 120):start]
              if w.lemma_.lower() in clauses.INSTRUMENT_NOUNS and w.dep_ == "nsubj"
              for t in _struck_by(w.head)}
    return [again(m, sctx, objs[0]) for m in sctx.article.before(sctx.paragraph, sctx.sentence, 0)
            if m.paragraph == sctx.paragraph and m.token in struck and m.actor.code not in own]


def _whose(m: Mention) -> bool:
    """A modifier that says whose a thing is: a country's ("U.S. goods"), a named body's
    ("a UN convoy") or a non-state group's ("a rebel camp"); not a bare state role
    ("military aid" is no one's army)."""
    return not role_only(m.actor) or not set(m.actor.roles) <= STATE_ROLES


def _body_thing(head: Any) -> bool:
    """A thing a body has as its own, so that even a bare role before it says whose it is
    ("an army convoy", "police vehicles", "rebel positions"), unlike "military aid"."""
    return noun_lemma(head) in BODY_THINGS


def _speaking_body(m: Mention, speaker: list[Mention]) -> Mention:
    """A bare role that the speaker has: "attacked a military base, the army said" is the
    speaking army's base."""
    if role_only(m.actor):
        for s in speaker:
            if s.actor.country and s.actor.roles == m.actor.roles:
                return s
    return m


def _long_ago(trigger: Any, date: str | None) -> bool:
    """The verb is set in a year before the article's ("in 1982", "on March 3, 2019")."""
    if not date or not date[:4].isdigit():
        return False
    year = int(date[:4])
    for prep in trigger.children:
        if prep.dep_ == "prep" and prep.lower_ in TIME_PREPS:
            for t in prep.subtree:
                if t.like_num and len(t.text) == 4 and t.text.isdigit() \
                        and 1800 < int(t.text) < year:
                    return True
    return False


# Nouns that point back to an act told before, by the roots it may have been coded as.
ACT_NOUNS = {
    **dict.fromkeys(("arrest", "detention", "crackdown", "raid", "attack", "strike",
                     "airstrike", "bombing", "shelling", "killing", "assault", "invasion",
                     "incursion", "offensive", "seizure", "execution", "crime", "abuse",
                     "violation", "atrocity", "massacre", "torture", "sentencing",
                     "conviction", "jailing", "imprisonment", "deportation"),
                    ("17", "18", "19", "20")),
    **dict.fromkeys(("sanction", "tariff", "ban", "expulsion", "closure", "suspension"),
                    ("16", "17")),
    # an arrest is made on charges: "arrested an official on charges of spying for Russia.
    # Moscow denied the accusation"
    **dict.fromkeys(("accusation", "allegation", "charge", "criticism", "remark", "comment",
                     "claim", "statement"), ("01", "11", "12", "17")),
    **dict.fromkeys(("proposal", "offer", "plan"), ("03",)),
    **dict.fromkeys(("release", "withdrawal", "pullout", "concession"), ("08",)),
    **dict.fromkeys(("test", "launch", "drill", "exercise", "deployment"), ("15",)),
    **dict.fromkeys(("decision", "move", "ruling", "verdict", "measure", "step",
                     "announcement", "order", "action"), None),
}
REFERRING = {"the", "this", "these", "that", "those"}


STATE_COERCION = {"arrest", "detention", "execution", "jailing", "imprisonment",
                  "sentencing", "conviction", "deportation", "crackdown"}


def _jailers(obj: Any, sctx: SentenceContext, speaker: list[Mention],
             own: set[str]) -> list[Mention]:
    """ "condemned the arrest of a Turkish opposition mayor", "the execution of four men in
    Iran": a state's coercion of its own people or on its soil, no one named doing it, is
    that state's."""
    if obj.lemma_.lower() not in STATE_COERCION:
        return []
    def pobjs(h: Any, preps: tuple[str, ...]) -> list[Any]:
        return [g for p in h.children if p.dep_ == "prep" and p.lower_ in preps
                for g in p.children if g.dep_ == "pobj"]

    people = pobjs(obj, ("of",))
    # where it happened first ("a French journalist in Algeria"), then whose people
    for heads in (pobjs(obj, ("in",)) + [g for h in people for g in pobjs(h, ("in",))],
                  people):
        found = [m for h in heads for m in resolve(h, sctx, speaker) if m.actor.country]
        if len({m.actor.country for m in found}) == 1:
            state = with_role(found[0], "GOV")
            return [] if state.actor.code in own else [state]
    return []


def _act_noun(t: Any) -> bool:
    """A noun naming an act ("release", "arrest", "decision"), not a thing or a person."""
    return t.pos_ == "NOUN" and t.lemma_.lower() in ACT_NOUNS


def _earlier_act(trigger: Any, sctx: SentenceContext, own: set[str]) -> list[Mention]:
    """The maker of an act the object points back to: "Israeli troops raided a camp. The
    Palestinian Authority condemned the raid." (the raid is the troops')."""
    acts = [a for a in sctx.article.acts if sctx.sentence - 2 <= a[0] <= sctx.sentence]
    if not acts:
        return []
    heads = clauses.phrase_holders(trigger)[1:]
    heads += clauses.prep_targets(trigger, ("to", "over", "against", "on", "at"))
    # "The arrests were condemned by rights groups"
    heads += [c for c in trigger.children if c.dep_ == "nsubjpass"]
    for h in heads:
        lemma = h.lemma_.lower()
        if lemma not in ACT_NOUNS or not any(c.dep_ == "det" and c.lower_ in REFERRING
                                             for c in h.children):
            continue
        if any(c.dep_ in ("poss", "compound", "amod", "prep") and c.i in sctx.matches
               for c in h.children):
            continue  # "the Israeli raid": the noun names its maker itself
        roots = ACT_NOUNS[lemma]
        for _, root, source in reversed(acts):
            if (roots is None or root in roots) and source.actor.code not in own:
                return [again(source, sctx, h)]
        return []
    return []


STRUCK_PREPS = {"in", "near", "on", "across", "outside", "inside", "at", "of"}


def _struck_country(trigger: Any, sctx: SentenceContext, own: set[str]) -> list[Mention]:
    """The country whose place was attacked ("shelled Kherson", "struck a camp in
    Pakistan"), when no one there is named: its government stands for it."""
    # a state striking its own land is no attack on itself; rebels seizing a town of
    # their country take it from its government
    own_countries = {c[:3] for c in own if not c[3:] or c[3:6] in STATE_ROLES}
    heads = clauses.phrase_holders(trigger)[1:]
    heads += [o for h in [trigger, *heads] for p in h.children
              if p.dep_ == "prep" and p.lower_ in STRUCK_PREPS
              for o in p.children if o.dep_ == "pobj"]
    # "at the city of Jazan", "the town of Walikale"
    heads += [g for h in list(heads) for p in h.children if p.dep_ == "prep"
              and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    for h in heads:
        country = token_country(h, sctx, loose=True) or next(
            (c for c in (token_country(p, sctx) for p in h.children if p.dep_ == "poss") if c),
            None)  # "in Russia's Bryansk region"
        if country and country not in own_countries:
            m = resolve(h, sctx)
            start = h.idx - sctx.sentence_of(h)[0]
            actor = Actor(country + "GOV", sctx.country_names.get(country), country, ["GOV"],
                          h.text, start, start + len(h.text))
            return [Mention(actor, False, "place", sctx.sentence, h.i, sctx.paragraph)] if not m \
                else m
    return []


def _mandates(trigger: Any) -> bool:
    """The verb states what someone must do: "insisted that Hamas disarm"."""
    return any(c.dep_ == "ccomp" and subjunctive(c) and any(g.dep_ == "nsubj" for g in c.children)
               for c in trigger.children)


def _elided(trigger: Any) -> bool:
    """"killed two police officers and wounded three": the number after a joined verb
    counts the noun before it, told once already."""
    return trigger.dep_ == "conj" and any(c.dep_ in ("dobj", "obj") for c in trigger.head.children)


def _captors(release: Any) -> list[Any]:
    """Who holds the people a release is asked for: "the release of two drivers held by
    JNIM fighters"."""
    return [g for p in release.children if p.dep_ == "prep" and p.lower_ == "of"
            for people in p.children if people.dep_ == "pobj"
            for acl in people.children if acl.dep_ == "acl" and acl.tag_ == "VBN"
            for by in acl.children if by.dep_ == "agent"
            for g in by.children if g.dep_ == "pobj"]


def _origin_country(trigger: Any, sctx: SentenceContext) -> str | None:
    """The country of the place a verb moves its people from ("from Gaza", "from their
    homes in Sumy")."""
    for p in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "from"):
        for g in (g for g in p.children if g.dep_ == "pobj"):
            country = token_country(g, sctx) or next(
                (token_country(x, sctx) for c in g.children if c.dep_ == "prep"
                 and c.lower_ == "in" for x in c.children if x.dep_ == "pobj"), None)
            if country:
                return country
    return None


def _condition_subjects(*verbs: Any) -> list[Any]:
    """Subjects of an "if", "unless" or "until" clause on the verbs: who a threat or a
    refusal asks to comply ("will not pull back until Cambodia clears the mines")."""
    out = []
    for c in (c for v in verbs if v is not None for c in v.children if c.dep_ == "advcl"):
        marks = {m.lower_ for m in c.children if m.dep_ in ("mark", "advmod")}
        # (not "until a Palestinian state is established": no one is asked to act)
        deps = ("nsubj", "nsubjpass") if marks & {"if", "unless"} else (
            ("nsubj",) if "until" in marks else ())
        out += [g for g in c.children if g.dep_ in deps]
    return out


def _aim_objects(trigger: Any) -> list[Any]:
    """Objects of the infinitive of purpose on a verb or its object: "blocked roads to
    demand the resignation of the president", "sent ships to shadow Chinese vessels"."""
    holders = clauses.phrase_holders(trigger)
    aims = [aim for h in holders for aim in h.children
            if aim.dep_ in ("advcl", "xcomp", "acl") and aim.tag_ == "VB"
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in aim.children)]
    # ("went on strike to demand higher pay from Transnet": whom it is asked of)
    return [o for aim in aims for o in aim.children if o.dep_ == "dobj"] + [
        g for aim in aims if aim.lemma_.lower() in ASKING_VERBS
        for g in clauses.prep_targets(aim, ("from",))]


def _names_country(t: Any, sctx: SentenceContext) -> bool:
    """The token is (part of) a country's name or capital ("Taiwan", "Seoul")."""
    m = sctx.matches.get(t.i)
    return bool(m) and any(e.kind in ("country", "metonym") for e in m.entries)


def _from_phrases(trigger: Any) -> list[Any]:
    """Who something came from: "received jets from the Netherlands", "a loan from the IMF"."""
    holders = clauses.phrase_holders(trigger)
    return [g for h in holders for g in clauses.prep_targets(h, ("from",))]


def _own_thing(trigger: Any) -> bool:
    """"reopened its embassy in Tehran": something of one side's own, done by one side."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for o in clauses.object_heads(trigger)
               for c in o.children)


def _locative(t: Any) -> bool:
    """The word names where something happens: "in Caracas", "near Kharkiv"."""
    head = np_head(t)
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS


def _purpose(trigger: Any) -> bool:
    """An infinitive of purpose hanging on another clause or noun ("... to fight gangs")."""
    return (trigger.dep_ in ("advcl", "acl") and trigger.tag_ == "VB"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
            and intent_noun(trigger) is None  # "plans to send": an intent, not an aim
            and complement_dep(trigger) != "xcomp")  # not "pledged on Monday to send"


def _main_country(sctx: SentenceContext, earlier: bool = False) -> str | None:
    """The country an article names most, when it clearly dominates; `earlier`: not
    counting the actors of this sentence (they are who it is about, not where)."""
    tally = sctx.article.country_counts
    if earlier:
        # actors named before this sentence, and every place named as where things happen
        history = sctx.article.history
        tally = Counter(m.actor.country for m in history if m.actor.country and (
            m.paragraph, m.sentence) < (sctx.paragraph, sctx.sentence)) + (
            tally - Counter(m.actor.country for m in history if m.actor.country))
    counts = tally.most_common(2)
    if not counts:
        return None
    if len(counts) == 1 or counts[0][1] >= 2 * counts[1][1]:
        return counts[0][0]
    return None


def _definite(m: Mention) -> bool:
    """An actor worth coding: a country's, a named body's, or a non-state role (CRM, REB);
    a government of no known country ("GOV") says nothing."""
    a = m.actor
    return not role_only(a) or m.foreign or not set(a.roles) <= {"GOV", "LEG", "JUD"}


def _names(patterns: list[VerbPattern], noun: Any) -> bool:
    words = {noun.lemma_.lower(), noun.lower_}
    return any(p.objects & words for p in patterns)


def _is_acronym_in_parens(t: Any) -> bool:
    text = t.text
    if not (2 <= len(text) <= ACRONYM_MAX and text.isupper() and text.isalpha()):
        return False
    doc = t.doc
    return t.i > 0 and t.i + 1 < len(doc) and doc[t.i - 1].text == "(" and doc[t.i + 1].text == ")"


def _reciprocal_pairs(sources: list[Mention], speaker: list[Mention]) -> list[tuple[Mention, Mention]]:
    """"Both nations will keep working together": each acts on the other; when one of them
    is the speaker, only the speaker's side is what the sentence reports."""
    speaker_codes = {m.actor.code for m in speaker} | {m.actor.country for m in speaker}
    own = [s for s in sources if s.actor.code in speaker_codes or s.actor.country in speaker_codes]
    if own:
        return [(s, t) for s in own[:1] for t in sources if t is not s]
    return [(s, t) for s in sources for t in sources if s is not t]


def _told(clause: Clause) -> Any:
    """The verb of telling or promising the clause is said under ("told Iran that ...",
    "promised Haiti's government to send ..."), whose object is the one told."""
    for verb in (clause.reported_by, clause.governor):
        if verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() in TELLING_VERBS:
            return verb
    return None


HOST_PREPS = {"to", "in"}
AID_NOUNS = {"aid", "assistance", "help", "support", "funding", "loan", "loans", "credit",
             "supplies", "deliveries", "weapons", "arms", "grant", "grants", "investment"}
TELLING_VERBS = {"tell", "assure", "inform", "promise", "reassure", "pledge", "vow"}


def _host_countries(trigger: Any) -> list[Any]:
    """ "send troops to Poland", "station a brigade in Lithuania": a country named as where
    forces go (not a town, a border or a region near it)."""
    return [g for h in clauses.phrase_holders(trigger) for c in h.children
            if c.dep_ == "prep" and c.lower_ in HOST_PREPS
            for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "GPE"
            and not clauses.city_token(g)]


def _military(trigger: Any, targets: list[Mention]) -> bool:
    if any("MIL" in m.actor.roles for m in targets):
        return True
    # (the subtree of a main verb is the whole sentence: stop at the first military word)
    return any(c.lower_ in negation.MILITARY_WORDS for c in trigger.subtree)


def _fill_foreign(m: Mention | None, source: Mention, sctx: SentenceContext) -> Mention | None:
    """"foreign troops": the other side's (the article's most mentioned other country)."""
    if m is None or not m.foreign or m.actor.country:
        return m
    other = sctx.article.other_country(source.actor.country)
    if other is None:
        return m
    return in_country(m, other, sctx, "context")


def _span(actor: Actor) -> Span | None:
    if actor.start is None or actor.end is None:
        return None
    return Span(actor.text or "", actor.start, actor.end)


def _confidence(cand: Candidate) -> float:
    c = 0.9
    if cand.source.via != "dictionary":
        c -= 0.15
    if cand.target is not None and cand.target.via != "dictionary":
        c -= 0.1
    if cand.target is None:
        c -= 0.1
    if cand.pattern.specificity == 0:
        c -= 0.1
    if cand.modality in ("reported", "hypothetical"):
        c -= 0.05
    return round(max(c, 0.3), 2)
