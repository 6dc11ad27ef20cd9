"""The caller's access levels in a project, directly and through its group. (generated; do not edit)."""

from ..._contract.models import ApiModel


class ProjectAssociationAccessLevels(ApiModel):
    """The caller's access levels in a project, directly and through its group."""

    project_access_level: int | None = None
    """Access level as a direct member of the project."""
    group_access_level: int | None = None
    """Highest access level through the project's group."""
