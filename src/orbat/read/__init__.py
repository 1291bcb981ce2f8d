"""Reading the database, one way for every caller: the web, the CLI, the exports and the Python
API ask the same questions the same way (issue 15's read model; its first piece is search)."""
