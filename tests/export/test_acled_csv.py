"""Issue 14: the ACLED CSV has all of ACLED's columns in ACLED's order, consistent codes and
no undated row, so it loads beside ACLED's own exports."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from actor_corpus import ActorDb
from orbat.export.events import ACLED_CSV_COLUMNS, write_acled_csv
from orbat.store import open_engine
from orbat.store.schema import events
from orbat.taxonomy import interaction

pytestmark = pytest.mark.issue(14)

# ACLED's export header (codebook 2024), then orbat's own column.
ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
)


def _rows(db: str) -> list[dict[str, str]]:
    out = io.StringIO()
    write_acled_csv(open_engine(db), out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_header_is_acleds_then_confidence_and_review() -> None:
    assert ",".join(ACLED_CSV_COLUMNS) == ACLED_HEADER + ",confidence,reviewed"


def test_rows_are_dated_and_consistent(actor_db: ActorDb) -> None:
    rows = _rows(actor_db.path)
    with open_engine(actor_db.path).connect() as conn:
        dated = conn.execute(select(events.c.id).where(events.c.event_date.is_not(None))).scalars()
        assert len(rows) == len(list(dated)) > 0
    for row in rows:
        assert row["event_date"] and row["year"] == row["event_date"][:4]
        inters = [int(row[k]) for k in ("inter1", "inter2") if row[k]]
        if inters:  # the merged event's codes, not the first mention's
            assert int(row["interaction"]) == interaction(*inters)
        assert row["timestamp"].isdigit()
    iraq = [r for r in rows if r["country"] == "Iraq"]
    assert iraq and all(r["iso"] == "368" and r["region"] == "Middle East" for r in iraq)
    assert all(r["event_id_cnty"].startswith("IRQ") for r in iraq)
