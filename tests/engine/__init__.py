"""Conformance suite of the HTTP engines (summary table added below)."""
