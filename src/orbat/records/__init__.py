"""The base layer's record types: what extraction produces and the store keeps.

They sit below both ``extract`` and ``store`` so that the store never imports an extractor
(``tests/test_import_graph.py``): ``events`` (the ACLED-coded event record and its evidence),
``statements`` (relations, claims, actor mentions, candidate actors). ``orbat.models`` holds
the records before extraction (raw documents, articles, skips).
"""
