"""Resolve mentions to canonical things: toponyms to places (and, later, actors and events)."""
