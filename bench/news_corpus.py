"""A generator of news-like articles for benchmarks: varied sentences, made up, seeded.

Every sentence is built from templates and word lists here (actors, roles, verbs,
objects, places, time phrases, quotes and background sentences without events), so the
corpus is reproducible and free of copied news.

    python bench/news_corpus.py 3000 > corpus.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta

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


def sentence(rng: random.Random) -> str:
    """One sentence: mostly an event, sometimes reported speech or background."""
    if rng.random() < 0.25:
        return rng.choice(BACKGROUND)
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


def articles(n: int, seed: int = 7) -> Iterator[dict]:
    """`n` JSON Lines article records ({id, date, source, title, text}), 6-14 sentences each."""
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    for i in range(n):
        sentences = [sentence(rng) for _ in range(rng.randint(6, 14))]
        yield {"id": f"bench-{i:06d}", "date": (start + timedelta(rng.randint(0, 59))).isoformat(),
               "source": rng.choice(OUTLETS), "title": sentences[0][:60],
               "text": " ".join(sentences)}


if __name__ == "__main__":
    for record in articles(int(sys.argv[1]) if len(sys.argv) > 1 else 1000):
        sys.stdout.write(json.dumps(record) + "\n")
