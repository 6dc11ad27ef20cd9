"""A custom attribute (key/value pair set by an administrator). (generated; do not edit)."""

from __future__ import annotations

from ..._runtime import ApiModel


class CustomAttribute(ApiModel):
    """A custom attribute (key/value pair set by an administrator)."""

    key: str
    """Attribute key."""
    value: str
    """Attribute value."""
