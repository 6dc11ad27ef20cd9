"""The caller's access to a project or its group. (generated; do not edit)."""

from ..._contract.models import ApiModel


class ProjectMemberAccess(ApiModel):
    """The caller's access to a project or its group."""

    access_level: int
    """Access level (10, 15, 20, 30, 40 or 50)."""
    notification_level: int | None = None
    """Notification level."""
