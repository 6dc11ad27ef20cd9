"""The caller's access to a project, directly and through its group. (generated; do not edit)."""

from ..._contract.models import ApiModel


class ProjectPermissions(ApiModel):
    """The caller's access to a project, directly and through its group."""

    project_access: "None | ProjectMemberAccess" = None
    """Direct project membership, or null."""
    group_access: "None | ProjectMemberAccess" = None
    """Membership in the project's group, or null."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.project_member_access import ProjectMemberAccess  # noqa: E402, F401
