"""A direct membership of a user in a project or group. (generated; do not edit)."""

from ..._contract.models import ApiModel
from ..models.membership_type import MembershipType  # noqa: F401


class Membership(ApiModel):
    """A direct membership of a user in a project or group."""

    source_id: int
    """ID of the project or group."""
    source_name: str
    """Name of the project or group."""
    source_type: MembershipType
    """Source type of a membership (`Namespace` means a group)."""
    access_level: int
    """Access level (0, 5, 10, 15, 20, 30, 40 or 50)."""
