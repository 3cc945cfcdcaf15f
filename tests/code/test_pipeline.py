"""Coding a stream across worker processes gives what one process gives, in order."""

from __future__ import annotations

from dyadwatch.model import Article
from dyadwatch.pipeline import code_articles

SENTENCES = [
    "Mexico rejected the US proposal to send troops, the foreign ministry said.",
    "Brazil and Argentina signed an agreement on energy cooperation in Buenos Aires.",
    '"We will not accept threats," the Mexican president said in Monterrey.',
    "Russian forces shelled positions near Kharkiv on Tuesday.",
    "The weather service expects heavy rain this weekend.",
]


def test_two_workers_give_the_events_quotes_places_and_tone_of_one_process():
    articles = [Article.from_text(f"{SENTENCES[i % 5]} {SENTENCES[(i + 2) % 5]}", id=f"a{i}")
                for i in range(14)]
    one = list(code_articles(articles, workers=1))
    two = list(code_articles(articles, workers=2, batch_size=3))
    assert [c.article.id for c in two] == [f"a{i}" for i in range(14)]
    assert sum(len(c.events) for c in one) >= 14 and any(c.quotes for c in one)
    for a, b in zip(one, two):
        assert [e.to_dict() for e in a.events] == [e.to_dict() for e in b.events]
        assert (a.quotes, a.places, a.article.tone) == (b.quotes, b.places, b.article.tone)
