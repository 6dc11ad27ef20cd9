"""A Grape error, for example `{"error": "email is missing, name is missing"}`. (generated; do not edit)."""

from ..._contract.models import ApiModel


class GrapeError(ApiModel):
    """A Grape error, for example `{"error": "email is missing, name is missing"}`."""

    error: str
    """The error text."""
