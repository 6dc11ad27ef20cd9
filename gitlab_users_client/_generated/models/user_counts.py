"""Counts for the current user. (generated; do not edit)."""

from ..._contract.models import ApiModel


class UserCounts(ApiModel):
    """Counts for the current user."""

    assigned_issues: int
    """Open issues assigned to the user."""
    assigned_merge_requests: int
    """Active merge requests assigned to the user."""
    review_requested_merge_requests: int
    """Merge requests the user was asked to review."""
    todos: int
    """Pending to-do items."""
    merge_requests: int | None = None
    """Deprecated since 13.8; same as `assigned_merge_requests`."""
