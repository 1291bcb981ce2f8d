"""Extraction: ACLED event taxonomy, event classification, relations and claims."""
