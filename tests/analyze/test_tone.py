"""Tone on GDELT's AvgTone scale (positive minus negative word share, in percent)."""

from __future__ import annotations

from dyadwatch.analyze.tone import mean_tone, tone


def test_tone_sign_follows_the_words():
    assert tone("Troops killed twelve civilians in a brutal attack on the village.") < -5
    assert tone("The two leaders welcomed the successful and friendly talks.") > 5
    assert tone("The committee met on Tuesday.") == 0


def test_tone_is_bounded_and_article_tone_is_the_mean():
    assert -100 <= tone("terrible awful horrible disaster") <= 100
    assert mean_tone([2.0, -4.0]) == -1.0 and mean_tone([]) is None


def test_events_carry_their_sentence_tone():
    import dyadwatch

    [e] = dyadwatch.code_text("Russian troops brutally attacked and killed civilians in a "
                              "Ukrainian village.", date="2025-03-01")
    assert e.tone is not None and e.tone < 0
