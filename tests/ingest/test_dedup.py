"""Near-duplicate detection and language detection."""

from __future__ import annotations

import zlib

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


def test_signature_values_are_datasketchs_own():
    """The vectorised signature equals a datasketch MinHash fed the same shingle hashes, so
    signatures in state files stay comparable across versions."""
    import numpy as np
    from datasketch import MinHash

    from dyadwatch.ingest import dedup

    sig = dedup.signature(news_text(5))
    mh = MinHash(num_perm=dedup.NUM_PERM, seed=1, scheme=dedup.SCHEME, hashfunc=int,
                 permutations=dedup._permutations())
    shingles = []
    words = dedup._WORD.findall(news_text(5).lower())
    codes = [zlib.crc32(w.encode()) for w in words]
    for i in range(len(codes) - 2):
        h = (codes[i] * 0x9E3779B1 * 0x85EBCA77 + codes[i + 1]) * 0xC2B2AE3D + codes[i + 2]
        shingles.append((h % 2**64) >> 16 & 0xFFFFFFFF)
    mh.update_batch(shingles)
    assert np.array_equal(np.frombuffer(sig, dtype=np.uint32), mh.hashvalues)
