"""How many groups, projects, issues and merge requests a user is associated with. (generated; do not edit)."""

from ..._contract.models import ApiModel


class UserAssociationsCount(ApiModel):
    """How many groups, projects, issues and merge requests a user is associated with."""

    groups_count: int
    """Number of groups."""
    projects_count: int
    """Number of projects."""
    issues_count: int
    """Number of issues."""
    merge_requests_count: int
    """Number of merge requests."""
