"""GraphML and dynamic GEXF: read back with networkx, nodes and edges carry what Gephi and
other graph tools need, and the GEXF timeline markup is there."""

from __future__ import annotations

import io

import networkx as nx
import pytest
from lxml import etree
from sqlalchemy import Engine

from actor_corpus import ActorDb
from orbat.export import EXPORTERS
from orbat.export.graph import gexf_date
from orbat.packs import load_pack

GEXF = "{http://www.gexf.net/1.2draft}"


def written(engine: Engine, name: str) -> tuple[str, int]:
    out = io.StringIO()
    count = EXPORTERS[name](engine, out)
    return out.getvalue(), count


def test_graphml_reads_back_with_actors_and_relations(actor_db: ActorDb) -> None:
    text, count = written(actor_db.engine, "graphml")
    graph = nx.read_graphml(io.BytesIO(text.encode()), force_multigraph=True)
    pack = load_pack()
    # Pack relations, plus the two text relations between known actors (the led-by one
    # names a person who is no actor, so it has no node to join).
    assert count == graph.number_of_edges() == len(pack.relations) + 2
    assert graph.number_of_nodes() == len(pack) + 1
    kh = graph.nodes["kataib-hezbollah"]
    assert (kh["name"], kh["kind"], kh["country"]) == (
        "Kata'ib Hezbollah",
        "political_militia",
        "Iraq",
    )
    assert kh["acled_name"] == "Kataib Hezbollah" and kh["candidate"] is False
    candidate = graph.nodes[actor_db.candidate]
    assert candidate["candidate"] is True and candidate["status"] == "candidate"
    edges = graph.get_edge_data("qasem-al-jabbarin", "kataib-hezbollah").values()
    text_edge = next(e for e in edges if e["origin"] == "text")
    assert text_edge["relation"] == "front-for" and text_edge["stance"] == "attributed"
    assert text_edge["date"] == "2021-08-26" and "front for Kataib Hezbollah" in text_edge["quote"]
    assert text_edge["source"].startswith("https://iraqwarnews.net/")
    pack_edge = next(
        e
        for e in graph.get_edge_data("kataib-hezbollah", "popular-mobilization-forces").values()
        if e["relation"] == "part-of"
    )
    assert pack_edge["origin"] == "pack" and pack_edge["start"] == "2014"
    assert pack_edge["source"].startswith("https://")


def test_gexf_is_dynamic_with_spells_on_edges_and_actors(actor_db: ActorDb) -> None:
    text, count = written(actor_db.engine, "gexf")
    root = etree.fromstring(text.encode())
    graph_element = root.find(f"{GEXF}graph")
    assert graph_element is not None
    assert graph_element.get("mode") == "dynamic" and graph_element.get("timeformat") == "date"
    edges = {e.get("id"): e for e in root.iter(f"{GEXF}edge")}
    assert len(edges) == count
    # Relations read from text show from the day the article states them.
    stated = {e.get("start") for key, e in edges.items() if key.startswith("statement-")}
    assert stated == {"2021-08-22", "2021-08-26"}
    # A pack relation dated "2014" starts on the year's first day; one that ended, ends.
    kh_pmf = next(
        e
        for e in edges.values()
        if (e.get("source"), e.get("target"), e.get("label"))
        == ("kataib-hezbollah", "popular-mobilization-forces", "part-of")
    )
    assert kh_pmf.get("start") == "2014-01-01" and kh_pmf.get("end") is None
    ended = [e for e in edges.values() if e.get("end")]
    assert ended and all(len(e.get("end")) == 10 for e in ended)

    graph = nx.read_gexf(io.BytesIO(text.encode()))
    assert graph.graph["mode"] == "dynamic"
    mahdi = graph.nodes["jaysh-al-mahdi"]
    assert (mahdi["start"], mahdi["end"]) == ("2003-06-01", "2008-12-31")
    assert mahdi["kind"] == "political_militia" and mahdi["label"] == "Jaysh al-Mahdi"


@pytest.mark.parametrize(
    ("value", "end", "day"),
    [
        ("2014", False, "2014-01-01"),
        ("2014", True, "2014-12-31"),
        ("2024-02", True, "2024-02-29"),
        ("2014-09", False, "2014-09-01"),
        ("2024-12-08", True, "2024-12-08"),
    ],
)
def test_gexf_dates_cover_partial_pack_dates(value: str, end: bool, day: str) -> None:
    assert gexf_date(value, end=end) == day


def test_graphs_of_an_empty_database_hold_the_pack(empty_db: Engine) -> None:
    pack = load_pack()
    for name, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        text, count = written(empty_db, name)
        graph = reader(io.BytesIO(text.encode()))
        assert graph.number_of_nodes() == len(pack) and count == len(pack.relations)
