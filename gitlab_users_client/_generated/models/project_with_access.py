"""A project with the caller's permissions (Entities::ProjectWithAccess), used for signed-in
callers. It carries the full Entities::Project field set; only a few commonly used fields are
listed, the others arrive as additional properties. (generated; do not edit)."""

from ..models.basic_project_details import BasicProjectDetails
from ..models.project_visibility import ProjectVisibility  # noqa: F401


class ProjectWithAccess(BasicProjectDetails):
    """A project with the caller's permissions (Entities::ProjectWithAccess), used for signed-in
    callers. It carries the full Entities::Project field set; only a few commonly used fields
    are listed, the others arrive as additional properties.
    """

    permissions: "ProjectPermissions"
    """The caller's access to a project, directly and through its group."""
    visibility: ProjectVisibility | None = None
    """Project visibility level."""
    owner: "UserBasic | None" = None
    """User as seen in lists, as an author, follower or creator (Entities::UserBasic)."""
    archived: bool | None = None
    """Whether the project is archived."""
    empty_repo: bool | None = None
    """Whether the repository is empty."""
    creator_id: int | None = None
    """ID of the user who created the project."""
    open_issues_count: int | None = None
    """Number of open issues (when issues are enabled)."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.custom_attribute import CustomAttribute  # noqa: E402, F401
from ..models.project_namespace import ProjectNamespace  # noqa: E402, F401
from ..models.project_permissions import ProjectPermissions  # noqa: E402, F401
from ..models.user_basic import UserBasic  # noqa: E402, F401
