"""Tone of a sentence or an article, on GDELT's AvgTone scale.

Method: VADER (vaderSentiment, a maintained lexicon-and-rules model for news and social
text) gives the shares of positive and negative words in a text; tone is
100 * (positive share - negative share), the same definition as GDELT's AvgTone
(percentage of positive words minus percentage of negative words; range -100..+100,
news usually between -10 and +10).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def tone(text: str) -> float:
    """ "Troops killed 12 civilians" -> negative; "the two leaders welcomed" -> positive."""
    scores = _analyzer().polarity_scores(text)
    return round(100.0 * (scores["pos"] - scores["neg"]), 2)


def mean_tone(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None
