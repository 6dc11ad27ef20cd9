"""A project a token reaches (Entities::ProjectAssociationDetails < ProjectIdentity). (generated; do not edit)."""

from ..models.project_identity import ProjectIdentity


class ProjectAssociationDetails(ProjectIdentity):
    """A project a token reaches (Entities::ProjectAssociationDetails < ProjectIdentity)."""

    access_levels: "ProjectAssociationAccessLevels | None" = None
    """The caller's access levels in a project, directly and through its group."""
    visibility: str | None = None
    """`private`, `internal` or `public`."""
    web_url: str | None = None
    """Project URL."""
    namespace: "ProjectNamespace | None" = None
    """The namespace of a project (Entities::NamespaceBasic)."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.project_association_access_levels import ProjectAssociationAccessLevels  # noqa: E402, F401
from ..models.project_namespace import ProjectNamespace  # noqa: E402, F401
