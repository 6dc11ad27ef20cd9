"""A Grape error, for example `{"error": "email is missing, name is missing"}`. (generated; do not edit)."""

from __future__ import annotations

from ..._contract.models import ApiModel


class GrapeError(ApiModel):
    """A Grape error, for example `{"error": "email is missing, name is missing"}`."""

    error: str
    """The error text."""
