"""Push details (commit count, ref, commit range), for push events. (generated; do not edit)."""

from ..._contract.models import ApiModel


class EventPushData(ApiModel):
    """Push details (commit count, ref, commit range), for push events."""
