"""The public API is small and explicit; changing it is a decision, so it is pinned here."""

from __future__ import annotations

import orbat


def test_public_api_is_pinned() -> None:
    assert orbat.__all__ == [
        "Database",
        "IngestSummary",
        "OrbatError",
        "__version__",
        "extract_articles",
        "extract_events",
        "ingest_paths",
        "open",
        "open_engine",
    ]
    assert orbat.__all__ == sorted(orbat.__all__)
    for name in orbat.__all__:
        assert hasattr(orbat, name)


def test_stage_packages_stay_reachable() -> None:
    import orbat.ingest

    assert hasattr(orbat.ingest, "read_inputs")
