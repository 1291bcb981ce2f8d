"""Near-duplicate detection: MinHash signatures of word shingles and an LSH index over them."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from orbat.nlp.arabic import normalize_for_matching

__all__ = ["NearDuplicateIndex", "shingles"]

_WORD = re.compile(r"\w+", re.UNICODE)

# Below this many words a signature says little (a headline, a caption): such texts are
# only ever matched exactly, by content hash.
MIN_WORDS = 30
SHINGLE_WORDS = 5
# Stored signatures are only comparable with signatures of the same hashing scheme; it is
# fixed here (datasketch's default since 2.0) so stored bytes stay meaningful across upgrades.
SCHEME = "affine32"


def _crc32(data: bytes) -> int:
    """Shingle hash: CRC-32 is stable across processes (signatures are stored) and ~5× faster
    than datasketch's default SHA-1, which dominated ingest time."""
    return zlib.crc32(data)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of ``size``-word shingles of ``text`` (case-folded), as UTF-8 bytes.

    Arabic is compared on its normalised spelling (:func:`orbat.nlp.arabic.
    normalize_for_matching`): a relay channel's copy of a post with the vowel marks,
    tatweel or hamza dropped, or its digits in another script, is the same text (and marks
    would otherwise cut words apart, as ``\\w`` does not match them).
    """
    words = _WORD.findall(normalize_for_matching(text).casefold())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """An LSH index of MinHash signatures that answers "is this text a copy of one we have?".

    Signatures are stored with each document (``to_bytes``), so an index can be rebuilt from the
    database at the start of an incremental ingest without re-reading any text.
    """

    def __init__(self, threshold: float = 0.7, num_perm: int = 128) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[int, MinHash] = {}
        # Drawing the permutations is a third of a signature's cost; they depend only on
        # the seed, so draw them once.
        self._permutations = MinHash(num_perm=num_perm, scheme=SCHEME).permutations

    def __len__(self) -> int:
        return len(self._signatures)

    def signature(self, text: str) -> MinHash | None:
        """The text's signature, or ``None`` when it is too short to compare by shingles."""
        grams = shingles(text)
        if len(grams) < MIN_WORDS - SHINGLE_WORDS + 1:
            return None
        minhash = MinHash(
            num_perm=self.num_perm,
            scheme=SCHEME,
            hashfunc=_crc32,
            permutations=self._permutations,
        )
        minhash.update_batch(grams)
        return minhash

    def to_bytes(self, minhash: MinHash) -> bytes:
        return np.asarray(minhash.hashvalues, dtype=np.uint32).tobytes()

    def from_bytes(self, blob: bytes) -> MinHash:
        values = np.frombuffer(blob, dtype=np.uint32)
        # Passing the permutations skips drawing them again (most of the constructor's cost);
        # a signature of another size gets its own.
        permutations = self._permutations if len(values) == self.num_perm else None
        return MinHash(
            num_perm=len(values),
            hashvalues=values,
            scheme=SCHEME,
            hashfunc=_crc32,
            permutations=permutations,
        )

    def add(self, key: int, minhash: MinHash) -> None:
        self._lsh.insert(key, minhash, check_duplication=False)
        self._signatures[key] = minhash

    def load(self, rows: Iterable[tuple[int, bytes]]) -> None:
        """Add stored ``(key, signature bytes)`` pairs; signatures of another size are ignored."""
        for key, blob in rows:
            minhash = self.from_bytes(blob)
            if len(minhash.hashvalues) == self.num_perm:
                self.add(key, minhash)

    def most_similar(self, minhash: MinHash) -> tuple[int, float] | None:
        """The stored key most similar to ``minhash`` above the threshold, with its similarity.

        LSH only proposes candidates; each is checked with the estimated Jaccard similarity so
        a chance bucket collision never merges two different stories.
        """
        best: tuple[int, float] | None = None
        for key in self._lsh.query(minhash):
            similarity = minhash.jaccard(self._signatures[key])
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (key, similarity)
        return best
