"""The note, for comment events. (generated; do not edit)."""

from __future__ import annotations

from ..._runtime import ApiModel


class EventNote(ApiModel):
    """The note, for comment events."""
