"""Dedup stage: exact (content hash) and near-duplicate (MinHash-LSH) clustering."""

from orbat.dedup.minhash import NearDuplicateIndex, shingles

__all__ = ["NearDuplicateIndex", "shingles"]
