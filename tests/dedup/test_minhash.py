"""Near-duplicate detection puts syndicated copies together and keeps different stories apart."""

from __future__ import annotations

from orbat.dedup import NearDuplicateIndex

# AFP's story as Iraq War News republished it (founding corpus, 001_…, item 9).
AFP = (
    "Three fighters from a pro-Iranian militia were killed in Iraq on Friday when the Islamic "
    "State (IS) group attacked their base near Baghdad, a paramilitary and a security source "
    "said. The men were from the Nujaba movement, part of the Hashed al-Shaabi coalition of "
    "Shiite militias that primarily support Iran. Both sources said they were killed in an IS "
    "attack on their base in Tarmiya, north of Baghdad, and seven other fighters were injured. "
    "Formed in 2014 to support the Iraqi army in its fight against IS jihadists, the Hashed "
    "controlled large swathes of the country at the time but have since been integrated into "
    "the armed forces."
)
# The same wire copy as a second outlet ran it: new dateline, one sentence cut, a tagline.
AFP_COPY = (
    "BAGHDAD: "
    + AFP.replace(", a paramilitary and a security source said", "")
    + " — Agence France-Presse"
)
OTHER = (
    "Iraq's Popular Mobilization Forces (PMF), an umbrella grouping of mostly Iran-backed "
    "Shiite militias, said it would not remain silent over an alleged US airstrike it said "
    "killed 22 of its members across the border in Syria last week. In a news conference, "
    "Mohandes said the PMF had collected fragments of the missiles used in the strike, which "
    "he said proved it was a US attack."
)


def test_wire_copy_is_found() -> None:
    index = NearDuplicateIndex(threshold=0.7)
    signature = index.signature(AFP)
    assert signature is not None
    index.add(1, signature)
    copy = index.signature(AFP_COPY)
    assert copy is not None
    match = index.most_similar(copy)
    assert match is not None and match[0] == 1 and match[1] >= 0.7


def test_different_story_is_not_a_copy() -> None:
    index = NearDuplicateIndex(threshold=0.7)
    index.add(1, index.signature(AFP))  # type: ignore[arg-type]
    other = index.signature(OTHER)
    assert other is not None
    assert index.most_similar(other) is None


def test_short_texts_have_no_signature() -> None:
    assert NearDuplicateIndex().signature("Three fighters killed near Baghdad.") is None


def test_signatures_round_trip_through_bytes() -> None:
    index = NearDuplicateIndex(threshold=0.7)
    signature = index.signature(AFP)
    assert signature is not None
    rebuilt = NearDuplicateIndex(threshold=0.7)
    rebuilt.load([(7, index.to_bytes(signature))])
    copy = rebuilt.signature(AFP_COPY)
    assert copy is not None
    match = rebuilt.most_similar(copy)
    assert match is not None and match[0] == 7
