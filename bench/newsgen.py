"""Generated news-like articles for benchmarks: varied sentences from templates.

Invented text (no copied news): actors, verbs and objects combined at random with a fixed
seed, plus neutral sentences, so the mix resembles wire copy.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from dyadwatch.model import Article

COUNTRIES = ["Mexico", "the United States", "Canada", "Brazil", "Argentina", "France", "Germany",
             "Russia", "Ukraine", "China", "Japan", "India", "Pakistan", "Iran", "Israel",
             "Egypt", "Kenya", "Nigeria", "Turkey", "Saudi Arabia", "South Korea", "Australia"]
ADJECTIVES = ["Mexican", "American", "Canadian", "Brazilian", "French", "German", "Russian",
              "Ukrainian", "Chinese", "Japanese", "Indian", "Iranian", "Israeli", "Turkish"]
AGENTS = ["foreign ministry", "president", "army", "police", "defence minister", "government",
          "navy", "parliament", "prime minister", "ambassador"]
TEMPLATES = [
    "{A} accused {B} of violating the ceasefire along the border.",
    "{A} and {B} signed an agreement on energy cooperation on {day}.",
    "The {adj} {agent} said {A} would not permit the presence of {adj2} troops on its soil.",
    "{A} imposed new sanctions on {B} over its nuclear programme.",
    "{A} threatened to expel {adj2} diplomats if the talks failed.",
    "{adj} troops attacked positions held by rebels near the capital, officials said.",
    "The {adj} {agent} met his {adj2} counterpart in Geneva to discuss trade.",
    "{A} pledged humanitarian aid to {B} after the earthquake.",
    "{A} refused to meet the {adj2} delegation during the summit.",
    "{A} proposed talks with {B} on migration and security.",
    "{A} deployed warships to the region, the {adj2} {agent} said.",
    "{A} condemned the missile test by {B}.",
    "Protesters clashed with police outside the {adj} embassy in the capital.",
    "{A} recalled its ambassador from {B} in protest.",
    "Officials in {A} denied that its forces had fired on {adj2} boats.",
    "The {adj} {agent} urged {B} to release the detained journalists.",
    "Prices of fuel rose again in {A} this week, according to official figures.",
    "The weather service expects heavy rain in {A} over the weekend.",
    "Analysts said the economy of {A} grew faster than expected in the third quarter.",
    "The festival in {A} attracted thousands of visitors from across the region.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def sentences(n: int, seed: int = 7) -> Iterator[str]:
    rnd = random.Random(seed)
    for _ in range(n):
        a, b = rnd.sample(COUNTRIES, 2)
        adj, adj2 = rnd.sample(ADJECTIVES, 2)
        yield rnd.choice(TEMPLATES).format(A=a, B=b, adj=adj, adj2=adj2,
                                           agent=rnd.choice(AGENTS), day=rnd.choice(DAYS))


def articles(n_sentences: int, per_article: int = 8, seed: int = 7) -> Iterator[Article]:
    """Articles of `per_article` sentences in paragraphs of two, with ids and dates."""
    batch: list[str] = []
    k = 0
    for s in sentences(n_sentences, seed):
        batch.append(s)
        if len(batch) == per_article:
            yield _article(batch, k)
            batch, k = [], k + 1
    if batch:
        yield _article(batch, k)


def _article(sents: list[str], k: int) -> Article:
    from dyadwatch.model import parse_datetime

    paragraphs = [" ".join(sents[i:i + 2]) for i in range(0, len(sents), 2)]
    text = "\n".join(paragraphs)
    day = 1 + k % 28
    return Article(id=f"bench-{k}", text=text, published=parse_datetime(f"2025-03-{day:02d}"))
