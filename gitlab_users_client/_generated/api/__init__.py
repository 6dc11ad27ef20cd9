"""Endpoint functions and typed resources, one package per tag (generated; do not edit)."""
