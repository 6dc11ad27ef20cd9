"""The note, for comment events. (generated; do not edit)."""

from ..._contract.models import ApiModel


class EventNote(ApiModel):
    """The note, for comment events."""
