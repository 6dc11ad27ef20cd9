"""The nested error. (generated; do not edit)."""

from __future__ import annotations

from ..._runtime import ApiModel


class NestedErrorMessageBody(ApiModel):
    """The nested error."""

    error: str
    """The error text."""
