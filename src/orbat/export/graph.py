"""The actor network as a graph file: GraphML (any graph tool) and dynamic GEXF (Gephi).

Nodes are the actors (pack and candidates, except rejected ones); edges are relations, one
per statement, so two sources saying the same thing are two parallel edges and a pack
relation and a text statement that disagree stay side by side. In the GEXF, edges and
actors that existed only for a while carry ``start``/``end`` so Gephi's timeline shows the
network as it was on a given day.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from typing import IO, Any

import networkx as nx
from sqlalchemy import Engine

from orbat.export.actors import actor_records
from orbat.export.statements import actor_names, pack_relation_record, text_relation_record
from orbat.packs import Pack, load_pack
from orbat.store.statements import StatementStore

__all__ = ["actor_graph", "gexf_date", "write_gexf", "write_graphml"]


def _clean(attributes: dict[str, Any]) -> dict[str, Any]:
    # Neither GraphML nor GEXF has a null; a missing attribute is how both say "unknown".
    return {k: v for k, v in attributes.items() if v is not None}


def actor_graph(engine: Engine, pack: Pack) -> nx.MultiDiGraph:
    """Actors as nodes, relations as directed edges ``subject → object``.

    Node attributes: ``label``/``name``, ``kind``, ``country``, ``acled_name``, ``inter``,
    ``candidate``, ``status``, ``start``/``end`` (pack dates, as written). Edge attributes:
    ``relation`` (part-of, front-for, ...), ``stance``, ``origin`` (pack or text),
    ``source`` (the public source's URL, or the article's), ``source_title``, ``start``/
    ``end`` (pack) or ``date`` (when the article said it), and for text edges ``quote``,
    ``document_id`` and ``extractor``. Text relations whose either side the resolver could
    not place have no node to join and are left out (they are in ``relations-jsonl``).
    """
    graph = nx.MultiDiGraph(name=f"orbat actors ({pack.name})")
    for record in actor_records(engine, pack):
        if record["status"] == "rejected":
            continue
        graph.add_node(
            record["id"],
            **_clean(
                {
                    "label": record["name"],
                    "name": record["name"],
                    "kind": record["kind"],
                    "country": record["country"],
                    "acled_name": record["acled_name"],
                    "inter": record["inter"],
                    "candidate": record["candidate"],
                    "status": record["status"],
                    "start": record["start"],
                    "end": record["end"],
                }
            ),
        )
    names = actor_names(engine, pack)
    for i, rel in enumerate(pack.relations):
        record = pack_relation_record(rel, names)
        graph.add_edge(rel.subject, rel.target, key=f"pack-{i}", **_edge(record))
    for row in StatementStore(engine).relations():
        if row.subject_id in graph and row.object_id in graph:
            record = text_relation_record(row, names)
            graph.add_edge(
                row.subject_id, row.object_id, key=f"statement-{row.id}", **_edge(record)
            )
    return graph


def _edge(record: dict[str, Any]) -> dict[str, Any]:
    evidence = record["evidence"] or {}
    source = record["source"] or {}
    return _clean(
        {
            "label": record["type"],
            "relation": record["type"],
            "stance": record["stance"],
            "origin": record["origin"],
            "source": source.get("url") or _article(evidence),
            "source_title": source.get("title") or evidence.get("title"),
            "start": record["start"],
            "end": record["end"],
            "date": record["date"],
            "quote": evidence.get("quote"),
            "document_id": evidence.get("document_id"),
            "extractor": evidence.get("extractor"),
            "note": record["note"],
            # As analysts reviewed it (`orbat review`): the values above are the corrected ones.
            "review_status": record["review_status"],
            "corrected": ", ".join(record["corrected"]) or None,
        }
    )


def _article(evidence: dict[str, Any]) -> str | None:
    """Where a text relation was read, as one string (URL, else the document's ids)."""
    if not evidence:
        return None
    return str(evidence["url"] or evidence["document_external_id"] or evidence["document_id"])


def gexf_date(value: str, *, end: bool = False) -> str:
    """A pack date ("2014", "2014-09", "2014-09-26") as the full day GEXF's ``date``
    time format needs: the first day of a partial start, the last day of a partial end."""
    parts = value.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return f"{year:04d}-12-31" if end else f"{year:04d}-01-01"
    month = int(parts[1])
    if len(parts) == 2:
        day = calendar.monthrange(year, month)[1] if end else 1
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{int(parts[2]):02d}"


def _dynamic(items: Iterable[dict[str, Any]]) -> None:
    """Turn pack bounds and statement dates into GEXF time bounds, in place.

    A relation read from text is shown from the day the article states it on: the article
    is evidence from then, not of when the relation began.
    """
    for data in items:
        when = data.pop("date", None)
        if "start" in data:
            data["start"] = gexf_date(str(data["start"]))
        elif when is not None:
            data["start"] = when
        if "end" in data:
            data["end"] = gexf_date(str(data["end"]), end=True)
        if when is not None:
            data["stated_on"] = when


def _write(out: IO[str], lines: Iterable[str]) -> None:
    for line in lines:
        out.write(line + "\n")


def write_graphml(engine: Engine, out: IO[str], *, pack: Pack | None = None) -> int:
    """GraphML of the actor network of ``pack`` (default: the selected one) and the texts;
    returns the number of edges (relations) written."""
    graph = actor_graph(engine, pack if pack is not None else load_pack())
    _write(out, nx.generate_graphml(graph))
    return int(graph.number_of_edges())


def write_gexf(engine: Engine, out: IO[str], *, pack: Pack | None = None) -> int:
    """Dynamic GEXF 1.2 of the actor network of ``pack`` (default: the selected one; Gephi's
    timeline); returns the edge count."""
    graph = actor_graph(engine, pack if pack is not None else load_pack())
    graph.graph["mode"] = "dynamic"
    _dynamic(data for _, data in graph.nodes(data=True))
    _dynamic(data for _, _, data in graph.edges(data=True))
    for _, _, key, data in graph.edges(keys=True, data=True):
        data["id"] = key  # stable ids ("pack-3", "statement-12") instead of a counter
    _write(out, nx.generate_gexf(graph, version="1.2draft"))
    return int(graph.number_of_edges())
