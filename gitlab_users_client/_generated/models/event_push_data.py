"""Push details (commit count, ref, commit range), for push events. (generated; do not edit)."""

from __future__ import annotations

from gitlab_users_client._runtime import ApiModel


class EventPushData(ApiModel):
    """Push details (commit count, ref, commit range), for push events."""
