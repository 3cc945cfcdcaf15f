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


# Words that steer VADER's rules: boosters, negations, "no", "least", "but", "kind of",
# idioms, capitals, punctuation and emoji, mixed with lexicon and plain words.
RULE_WORDS = ["very", "extremely", "barely", "kind", "of", "sort", "not", "never", "no", "nor",
              "or", "without", "doubt", "least", "at", "so", "this", "but", "isn't", "the",
              "bomb", "shit", "yeah", "right", "kiss", "death", "VERY", "NOT", "cut", "mustard",
              "kind of", "sort of", "at least", "very least", "the least", "never so",
              "never this", "without doubt", "without any doubt", "the bomb", "kiss of death",
              "yeah right", "bus stop", "to die for", "beating heart", "no or", "not so"]
LEXICON_WORDS = ["good", "bad", "GOOD", "BAD", "killed", "attack", "welcomed", "peace", "war",
                 "agreement", "threat", "support", "crisis", "friendly", "brutal", "hope",
                 "no", "fled", "protest", "help", ":)", ":(", "love", "hate", "LOL"]
PLAIN_WORDS = ["Mexico", "troops", "said", "on", "Tuesday", "ministry", "the", "a", "in",
               "talks", "border", "officials", "12", "U.S.", "PRESIDENT", "and"]
ENDINGS = [".", "!", "!!", "?", "??", "???", "?!", "", " 😀", " 💔", ","]


def _generated(n: int, seed: int = 11) -> list[str]:
    import random

    rnd = random.Random(seed)
    pools = [RULE_WORDS, LEXICON_WORDS, PLAIN_WORDS]
    out = []
    for _ in range(n):
        words = [rnd.choice(rnd.choice(pools)) for _ in range(rnd.randint(0, 18))]
        text = " ".join(w + rnd.choice(["", "", "", ",", "'s", "..."]) for w in words)
        out.append(text + rnd.choice(ENDINGS))
    return out


def _eval_sentences() -> list[str]:
    import json
    import re
    from pathlib import Path

    out = []
    for path in sorted(Path(__file__).resolve().parents[2].glob("eval/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            out += [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
    return out


def test_tone_gives_vaders_own_value_to_the_last_digit():
    """The fast path reimplements VADER's word rules; any drift would move stored tones."""
    from dyadwatch.analyze.tone import vader_tone

    texts = _eval_sentences() + _generated(4000) + ["", "   ", "😀", "no no no", "NO GOOD",
                                                    "not the bomb", "kind of good but bad"]
    assert len(texts) > 4500
    differ = [(t, tone(t), vader_tone(t)) for t in texts if tone(t) != vader_tone(t)]
    assert differ == []
    assert sum(1 for t in texts if tone(t) != 0) > 1000  # the rules were exercised


def test_parsed_docs_keep_their_text():
    """Sentence and Doc text are read from the text that was parsed, not joined again from
    the tokens; both must be what spaCy gives, whitespace included."""
    from dyadwatch.analyze import doc_text, parse, span_text

    texts = ["MEXICO CITY  —  Mexico rejected the plan.\tThe U.S. said no. ", "", "Hola"]
    docs = list(parse(iter(texts), batch_size=2))
    assert [doc_text(d) for d in docs] == [d.text for d in docs] == texts
    for doc in docs:
        assert [span_text(s) for s in doc.sents] == [s.text for s in doc.sents]
        assert [span_text(e) for e in doc.ents] == [e.text for e in doc.ents]
