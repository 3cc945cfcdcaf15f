"""News-like articles for every bench: varied sentences, made up, seeded, reproducible.

Every sentence is built from templates and word lists here (actors, roles, verbs,
objects, places, time phrases, quotes, whole-sentence templates with negation, attacks
and counterparts, and background sentences without events), so the corpus is free of
copied news. Articles come as JSON Lines records (`records`, what `dyadwatch code` reads)
or as the `Article`s those records become (`articles`), paragraphs of two sentences.

    python bench/news_corpus.py 3000 > corpus.jsonl
"""

from __future__ import annotations

import itertools
import json
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

COUNTRIES = [
    ("Mexico", "Mexican"), ("the United States", "American"), ("Canada", "Canadian"),
    ("Brazil", "Brazilian"), ("Argentina", "Argentine"), ("France", "French"),
    ("Germany", "German"), ("Russia", "Russian"), ("China", "Chinese"), ("India", "Indian"),
    ("Japan", "Japanese"), ("Kenya", "Kenyan"), ("Nigeria", "Nigerian"), ("Egypt", "Egyptian"),
    ("Turkey", "Turkish"), ("Iran", "Iranian"), ("Israel", "Israeli"), ("Ukraine", "Ukrainian"),
    ("Poland", "Polish"), ("Colombia", "Colombian"), ("Peru", "Peruvian"), ("Spain", "Spanish"),
    ("Italy", "Italian"), ("South Korea", "South Korean"), ("Pakistan", "Pakistani"),
]
ROLES = ["government", "foreign minister", "president", "prime minister", "defense ministry",
         "army", "police", "opposition party", "central bank", "trade minister", "navy",
         "interior ministry", "parliament", "ambassador"]
ORGS = ["the United Nations", "NATO", "the European Union", "the World Bank",
        "the African Union", "the Red Cross", "the International Monetary Fund"]
ACTIONS = [
    "rejected {obj} from {target}", "accused {target} of {accusation}",
    "met {target} to discuss {topic}", "signed an agreement with {target} on {topic}",
    "praised {target} for {praise}", "criticized {target} over {topic}",
    "threatened {target} with {threat}", "imposed sanctions on {target}",
    "called for talks with {target} on {topic}", "denied {target}'s claims about {topic}",
    "deployed troops to the border with {target}", "expelled diplomats from {target}",
    "offered aid to {target}", "condemned {target} for {accusation}",
    "agreed to cooperate with {target} on {topic}", "urged {target} to {demand}",
    "thanked {target} for {praise}", "warned {target} against {threat}",
    "hosted a delegation from {target}", "arrested citizens of {target} accused of {accusation}",
    "demanded an apology from {target}", "recalled its ambassador from {target}",
    "will not permit {target} to {demand}", "plans to impose tariffs on {target}",
]
OBJECTS = ["the proposal", "the request", "the peace plan", "the offer", "the demand",
           "the extradition request", "the draft resolution"]
ACCUSATIONS = ["interference", "espionage", "human rights abuses", "violating the ceasefire",
               "supporting rebels", "election meddling", "smuggling weapons"]
TOPICS = ["trade", "migration", "security", "energy prices", "drug trafficking",
          "climate policy", "border controls", "water rights", "fisheries", "debt relief"]
PRAISE = ["its help with refugees", "the rescue effort", "its support", "the vaccine donation",
          "its mediation"]
THREATS = ["tariffs", "military action", "new sanctions", "a trade embargo",
           "legal action"]
DEMANDS = ["withdraw its forces", "release the prisoners", "reopen the border",
           "hold new elections", "stop the strikes", "build a new pipeline"]
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "this week",
        "late on Sunday", "earlier this month", "", "", ""]
PLACES = ["in the capital", "at a summit in Geneva", "during a visit to the region",
          "at a press conference", "in a statement", "", ""]
BACKGROUND = [
    "Markets were calm after the announcement.", "The talks are expected to resume next month.",
    "Analysts said the dispute had been building for years.",
    "Officials did not give further details.", "Heavy rain fell across the region overnight.",
    "The meeting lasted more than three hours.", "Both sides have traded accusations before.",
    "Local newspapers reported long queues at the crossing.",
    "The figures will be published on Friday.", "Prices rose sharply in the second quarter.",
]
SPEECH = ["said", "told reporters", "stated", "warned", "added"]
OUTLETS = ["Daily Ledger", "Evening Post", "Harbor Times", "Northern Herald", "Capital Wire",
           "Valley Courier", "Morning Signal"]


# Whole sentences with their own structure (negated permission, refusals, attacks,
# counterparts, passive reports) and event-free filler naming a country.
TEMPLATES = [
    "{A} accused {B} of violating the ceasefire along the border.",
    "{A} and {B} signed an agreement on energy cooperation on {day}.",
    "The {adj} {role} said {A} would not permit the presence of {adj2} troops on its soil.",
    "{A} imposed new sanctions on {B} over its nuclear programme.",
    "{A} threatened to expel {adj2} diplomats if the talks failed.",
    "{adj} troops attacked positions held by rebels near the capital, officials said.",
    "The {adj} {role} met his {adj2} counterpart in Geneva to discuss trade.",
    "{A} pledged humanitarian aid to {B} after the earthquake.",
    "{A} refused to meet the {adj2} delegation during the summit.",
    "{A} proposed talks with {B} on migration and security.",
    "{A} deployed warships to the region, the {adj2} {role} said.",
    "{A} condemned the missile test by {B}.",
    "Protesters clashed with police outside the {adj} embassy in the capital.",
    "{A} recalled its ambassador from {B} in protest.",
    "Officials in {A} denied that its forces had fired on {adj2} boats.",
    "The {adj} {role} urged {B} to release the detained journalists.",
    "Prices of fuel rose again in {A} this week, according to official figures.",
    "The weather service expects heavy rain in {A} over the weekend.",
    "Analysts said the economy of {A} grew faster than expected in the third quarter.",
    "The festival in {A} attracted thousands of visitors from across the region.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _actor(rng: random.Random, avoid: str | None = None) -> tuple[str, str]:
    """(subject phrase, country name) for a random actor."""
    if rng.random() < 0.12:
        org = rng.choice(ORGS)
        return org[0].upper() + org[1:], org
    name, adjective = rng.choice([c for c in COUNTRIES if c[0] != avoid])
    form = rng.random()
    if form < 0.4:
        return name[0].upper() + name[1:], name
    if form < 0.8:
        return f"The {adjective} {rng.choice(ROLES)}", name
    return f"{name[0].upper() + name[1:]}'s {rng.choice(ROLES)}", name


def _target(rng: random.Random, avoid: str) -> str:
    if rng.random() < 0.1:
        return rng.choice(ORGS)
    name, adjective = rng.choice([c for c in COUNTRIES if c[0] != avoid])
    return name if rng.random() < 0.6 else f"the {adjective} {rng.choice(ROLES)}"


def _templated(rng: random.Random) -> str:
    (a, _), (b, _) = rng.sample(COUNTRIES, 2)
    (_, adj), (_, adj2) = rng.sample(COUNTRIES, 2)
    text = rng.choice(TEMPLATES).format(A=a, B=b, adj=adj, adj2=adj2, role=rng.choice(ROLES),
                                        day=rng.choice(DAYS))
    return text[0].upper() + text[1:]


def sentence(rng: random.Random) -> str:
    """One sentence: mostly an event, sometimes reported speech, a template or background."""
    draw = rng.random()
    if draw < 0.2:
        return rng.choice(BACKGROUND)
    if draw < 0.45:
        return _templated(rng)
    subject, country = _actor(rng)
    action = rng.choice(ACTIONS).format(
        target=_target(rng, country), obj=rng.choice(OBJECTS),
        accusation=rng.choice(ACCUSATIONS), topic=rng.choice(TOPICS),
        praise=rng.choice(PRAISE), threat=rng.choice(THREATS), demand=rng.choice(DEMANDS))
    tail = " ".join(x for x in (rng.choice(PLACES), rng.choice(WHEN)) if x)
    clause = f"{subject} {action}{' ' + tail if tail else ''}"
    if rng.random() < 0.15:
        speaker, _ = _actor(rng)
        return f"{speaker} {rng.choice(SPEECH)} that {clause[0].lower() + clause[1:]}."
    return clause + "."


def records(n: int, seed: int = 7, *, count: str = "articles") -> Iterator[dict[str, Any]]:
    """JSON Lines article records ({id, date, source, title, text}), 6-14 sentences each.

    `count` says what `n` counts: `articles`, or `sentences` (articles until that many
    sentences in all, the last one cut short). Paragraphs hold two sentences each.
    """
    if count not in ("articles", "sentences"):
        raise ValueError(f"count must be articles or sentences, not {count!r}")
    rng = random.Random(seed)
    budget = n if count == "sentences" else None
    for i in itertools.count():
        if budget == 0 or (budget is None and i == n):
            return
        k = rng.randint(6, 14)
        if budget is not None:
            k = min(k, budget)
            budget -= k
        yield _record(rng, i, k)


def _record(rng: random.Random, i: int, k: int) -> dict[str, Any]:
    sents = [sentence(rng) for _ in range(k)]
    text = "\n".join(" ".join(sents[j:j + 2]) for j in range(0, k, 2))
    day = date(2025, 1, 1) + timedelta(rng.randint(0, 59))
    return {"id": f"bench-{i:06d}", "date": day.isoformat(), "source": rng.choice(OUTLETS),
            "title": sents[0][:60], "text": text}


def articles(n: int, seed: int = 7, *, count: str = "articles") -> Iterator[Any]:
    """The `Article`s that `dyadwatch code` makes of `records(n, seed, count=count)`."""
    from dyadwatch.ingest.files import article_from_record

    for record in records(n, seed, count=count):
        yield article_from_record(record, record["id"], None)


if __name__ == "__main__":
    for record in records(int(sys.argv[1]) if len(sys.argv) > 1 else 1000):
        sys.stdout.write(json.dumps(record) + "\n")
