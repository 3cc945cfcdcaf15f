"""Tone of a sentence or an article, on GDELT's AvgTone scale.

Method: VADER (vaderSentiment, a maintained lexicon-and-rules model for news and social
text) gives the shares of positive and negative words in a text; tone is
100 * (positive share - negative share), the same definition as GDELT's AvgTone
(percentage of positive words minus percentage of negative words; range -100..+100,
news usually between -10 and +10).

Speed: VADER's `polarity_scores` rebuilds the lower-cased word list up to four times for
every lexicon word it meets, which made tone a tenth of all coding time. `tone` runs the
same rules, in the same order and with the same arithmetic, over a word list lower-cased
once, and returns 0.0 at once for a text with no lexicon word (about a third of news
sentences), which is what VADER gives for it. Texts with emoji, which VADER rewrites to
words first, go through VADER itself. tests/analyze/test_tone.py checks that both give
the same value, to the last digit, on the evaluation sets and on generated text.
"""

from __future__ import annotations

import string
from functools import lru_cache
from typing import Any

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    scalar_inc_dec,
)

PUNCTUATION = string.punctuation
NEGATIONS = frozenset(NEGATE)


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _emoji_chars() -> frozenset[str]:
    """Characters VADER replaces by their description before scoring."""
    return frozenset(k for k in _analyzer().emojis if len(k) == 1)


def preload() -> None:
    """Load the lexicon now (it is otherwise loaded on first use)."""
    _emoji_chars()


def tone(text: str) -> float:
    """ "Troops killed 12 civilians" -> negative; "the two leaders welcomed" -> positive."""
    analyzer = _analyzer()
    lexicon = analyzer.lexicon
    if text.isascii():  # news text mostly: no emoji, and lower case word by word or whole
        lower = _words(text.lower())
        if lexicon.keys().isdisjoint(lower):
            return 0.0
        words = _words(text)
    elif not _emoji_chars().isdisjoint(text):
        return vader_tone(text)
    else:
        words = _words(text)
        lower = [w.lower() for w in words]
        if lexicon.keys().isdisjoint(lower):
            return 0.0
    sentiments = _sentiments(words, lower, lexicon)
    sentiments = analyzer._but_check(words, sentiments)
    scores = analyzer.score_valence(sentiments, text.strip())
    return round(100.0 * (scores["pos"] - scores["neg"]), 2)


def _words(text: str) -> list[str]:
    """VADER's words: punctuation stripped, unless that leaves two letters or fewer (":)")."""
    return [s if len(s := w.strip(PUNCTUATION)) > 2 else w for w in text.split()]


def vader_tone(text: str) -> float:
    """Tone through vaderSentiment's own `polarity_scores` (the reference `tone` matches)."""
    scores = _analyzer().polarity_scores(text)
    return round(100.0 * (scores["pos"] - scores["neg"]), 2)


def mean_tone(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _negated(word: str) -> bool:
    """vaderSentiment's `negated([word])` for one lower-case word."""
    return word in NEGATIONS or "n't" in word


def _sentiments(words: list[str], lower: list[str], lexicon: dict[str, float]) -> list[float]:
    """VADER's valence of each word (`polarity_scores`' loop), lower case read once."""
    caps = sum(1 for w in words if w.isupper())
    is_cap_diff = 0 < len(words) - caps < len(words)
    out: list[float] = []
    n = len(words)
    for i, low in enumerate(lower):
        if low in BOOSTER_DICT or (i < n - 1 and low == "kind" and lower[i + 1] == "of"):
            out.append(0)
        elif low in lexicon:
            out.append(_valence(words, lower, lexicon, i, is_cap_diff))
        else:
            out.append(0)
    return out


def _valence(words: list[str], lower: list[str], lexicon: dict[str, float], i: int,
             is_cap_diff: bool) -> float:
    """`SentimentIntensityAnalyzer.sentiment_valence` for a lexicon word at `i`."""
    item, low = words[i], lower[i]
    valence = lexicon[low]
    if low == "no" and i != len(words) - 1 and lower[i + 1] in lexicon:
        valence = 0.0
    if (i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no") \
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ["or", "nor"]):
        valence = lexicon[low] * N_SCALAR
    if item.isupper() and is_cap_diff:
        valence = valence + C_INCR if valence > 0 else valence - C_INCR
    for start_i in range(3):
        if i > start_i and lower[i - (start_i + 1)] not in lexicon:
            s = scalar_inc_dec(words[i - (start_i + 1)], valence, is_cap_diff)
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = _negation_check(valence, lower, start_i, i)
            if start_i == 2:
                valence = _special_idioms_check(valence, lower, i)
    return _least_check(valence, lower, lexicon, i)


def _negation_check(valence: float, lower: list[str], start_i: int, i: int) -> float:
    if start_i == 0 and _negated(lower[i - 1]):
        valence = valence * N_SCALAR
    if start_i == 1:
        if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
            pass
        elif _negated(lower[i - 2]):
            valence = valence * N_SCALAR
    if start_i == 2:
        if lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this") or \
                (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            pass
        elif _negated(lower[i - 3]):
            valence = valence * N_SCALAR
    return valence


def _special_idioms_check(valence: float, lower: list[str], i: int) -> float:
    onezero = f"{lower[i - 1]} {lower[i]}"
    twoonezero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
    twoone = f"{lower[i - 2]} {lower[i - 1]}"
    threetwoone = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    threetwo = f"{lower[i - 3]} {lower[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            break
    if len(lower) - 1 > i:
        zeroone = f"{lower[i]} {lower[i + 1]}"
        if zeroone in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroone]
    if len(lower) - 1 > i + 1:
        zeroonetwo = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence


def _least_check(valence: float, lower: list[str], lexicon: dict[str, float], i: int) -> float:
    if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        if lower[i - 2] != "at" and lower[i - 2] != "very":
            valence = valence * N_SCALAR
    elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        valence = valence * N_SCALAR
    return valence
