"""Near-duplicate detection and language detection."""

from __future__ import annotations

from ingest_fixtures import news_text

from dyadwatch.ingest.dedup import Deduper, signature
from dyadwatch.ingest.language import detect_language, is_coded
from dyadwatch.ingest.state import IngestState


def _rewrite(text: str) -> str:
    """The same wire story as another outlet runs it: own byline, a word changed."""
    return "By Staff Reporter. " + text.replace(" said", " stated", 1) + " Copyright Outlet B."


def test_a_rewritten_wire_copy_links_to_the_first_copy(tmp_path):
    dedup = Deduper(IngestState(tmp_path / "s.sqlite"))
    original, copy = news_text(1, 20), _rewrite(news_text(1, 20))
    dedup.add("first", signature(original), None)
    assert dedup.first_copy("second", signature(copy)) == "first"
    assert dedup.first_copy("third", signature(news_text(2, 20))) is None


def test_the_earliest_copy_wins_and_the_index_survives_a_restart(tmp_path):
    path = tmp_path / "s.sqlite"
    state = IngestState(path)
    dedup = Deduper(state)
    story = news_text(3, 20)
    dedup.add("a", signature(story), None)
    dedup.add("b", signature(_rewrite(story)), dedup.first_copy("b", signature(_rewrite(story))))
    state.close()
    again = Deduper(IngestState(path))
    assert again.first_copy("c", signature(story + " Updated.")) == "a"
    assert again.state.known("b") == (True, "a")


def test_short_texts_are_not_compared():
    assert signature("Mexico rejected the plan.") is None


def test_language_detection():
    assert detect_language(news_text(4)) == "en"
    assert detect_language("El gobierno de México rechazó la propuesta de Estados Unidos "
                           "sobre la seguridad en la frontera.") == "es"
    assert detect_language("ok") is None
    assert is_coded("en") and is_coded(None) and not is_coded("es")
