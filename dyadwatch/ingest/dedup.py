"""Near-duplicate articles (the same wire story in many outlets) by MinHash LSH (datasketch).

Each article's text becomes a set of word 3-shingles (words hashed with CRC-32,
fast and stable across runs), summarised by a MinHash signature.
An LSH index over the signatures of first copies finds candidates in constant time; a
candidate counts when its estimated Jaccard similarity reaches `threshold`. The article is
then linked to that first copy (`Article.duplicate_of`) and not coded again, so one story
is not counted as many events. Signatures live in the ingest state file, so the index is
rebuilt on the next run and reruns find the same first copies.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from functools import lru_cache

import numpy as np

from dyadwatch.ingest.state import IngestState

NUM_PERM = 128
SCHEME = "affine32"  # datasketch's unbiased scheme; 32-bit values halve the state size
THRESHOLD = 0.7
SHINGLE_WORDS = 3
MIN_SHINGLES = 20  # shorter texts are not compared (too little to tell copies apart)
_WORD = re.compile(r"\w+")
_MIX = tuple(np.uint64(m) for m in (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D))


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def signature(text: str) -> bytes | None:
    """The MinHash signature of `text` (NUM_PERM 32-bit values, as bytes), or None when
    the text is too short to compare.

    The values are datasketch's own for the shingle hashes (its affine32 scheme:
    MurmurHash3's finalizer, then `a * h + b` per permutation, all mod 2**32), computed as
    one numpy expression: `MinHash.update_batch` converts every shingle to a Python int
    first, which cost half the signature time.
    """
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return None
    codes = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64,
                        count=len(words))
    # a shingle's hash mixes its words' hashes; vectorised, as hashing each shingle string
    # in Python would cost most of the ingest time
    shingles = codes[:1 - SHINGLE_WORDS] * _MIX[0]
    for k in range(1, SHINGLE_WORDS):
        shingles = shingles * _MIX[k] + codes[k:len(codes) - SHINGLE_WORDS + 1 + k]
    shingles = np.unique(shingles >> np.uint64(16) & np.uint64(0xFFFFFFFF))
    if len(shingles) < MIN_SHINGLES:
        return None
    a, b = _permutations()
    mixed = _fmix32(shingles.astype(np.uint32)).reshape(-1, 1)
    return (mixed * a + b).min(axis=0).tobytes()


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch applies it before its permutations."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _minhash(sig: bytes):
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=np.frombuffer(sig, dtype=np.uint32),
                   permutations=_permutations(), scheme=SCHEME, hashfunc=int)


def _band_key(band: bytes) -> bytes:
    """Short keys for LSH buckets: 8 bytes a band instead of the band's raw values."""
    return hashlib.blake2b(band, digest_size=8).digest()


class Deduper:
    """Finds each article's first copy; remembers first copies in the state file."""

    def __init__(self, state: IngestState, threshold: float = THRESHOLD):
        from datasketch import MinHashLSH

        state.check_meta("minhash", f"perm={NUM_PERM},shingle={SHINGLE_WORDS},seed=1,{SCHEME},crc32")
        self.state = state
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, hashfunc=_band_key)
        for article_id, sig in state.originals():
            self.lsh.insert(article_id, _minhash(sig), check_duplication=False)

    def first_copy(self, article_id: str, sig: bytes | None) -> str | None:
        """The id of the earliest stored article this one nearly duplicates, else None."""
        if sig is None:
            return None
        mh = _minhash(sig)
        best: tuple[int, str] | None = None
        for other in self.lsh.query(mh):
            if other == article_id:
                continue
            other_sig = self.state.signature(other)
            if other_sig is None or mh.jaccard(_minhash(other_sig)) < self.threshold:
                continue
            order = self.state.order_of(other)
            if best is None or order < best[0]:
                best = (order, other)
        return best[1] if best else None

    def add(self, article_id: str, sig: bytes | None, duplicate_of: str | None) -> None:
        """Remember the article; a first copy joins the index for later articles."""
        known, _ = self.state.known(article_id)
        if known:
            return
        self.state.add_signature(article_id, sig, duplicate_of)
        if sig is not None and duplicate_of is None:
            self.lsh.insert(article_id, _minhash(sig), check_duplication=False)
