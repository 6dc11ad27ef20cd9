"""The value of a custom attribute. (generated; do not edit)."""

from __future__ import annotations

from ..types import ApiModel


class SetCustomAttributeRequest(ApiModel):
    """The value of a custom attribute."""

    value: str
    """The value."""
