"""Which language an article is in (lingua), so only languages the coder handles are coded.

The detector knows the languages news commonly arrives in, in lingua's low-accuracy mode
(trigrams only: quick to load, and reliable on article-length text); it loads each model
lazily, on first need, and looks at the first `SAMPLE_CHARS` characters only (enough for
a clear verdict on news sentences in each of those languages, and it keeps detection
near half a millisecond an article).
"""

from __future__ import annotations

from functools import lru_cache

CODED_LANGUAGES = frozenset({"en"})  # languages the coding engine handles
SAMPLE_CHARS = 200  # detection time grows with the sample: 200 characters cost ~0.5 ms
MIN_CHARS = 20  # below this no language is claimed
_LANGUAGES = (
    "ENGLISH", "SPANISH", "FRENCH", "GERMAN", "PORTUGUESE", "ITALIAN", "DUTCH", "RUSSIAN",
    "UKRAINIAN", "POLISH", "TURKISH", "ARABIC", "PERSIAN", "HEBREW", "HINDI", "URDU",
    "BENGALI", "CHINESE", "JAPANESE", "KOREAN", "INDONESIAN", "VIETNAMESE", "SWEDISH",
    "GREEK",
)


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        *(getattr(Language, name) for name in _LANGUAGES)).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language ('en', 'es', ...), or None if unclear.

    >>> detect_language("Mexico rejected the proposal made by the United States.")
    'en'
    """
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return None
    language = _detector().detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language else None


def is_coded(language: str | None) -> bool:
    """Whether articles in `language` go to the coder (unknown language: yes)."""
    return language is None or language.lower()[:2] in CODED_LANGUAGES
