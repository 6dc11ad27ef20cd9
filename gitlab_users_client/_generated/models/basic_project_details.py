"""Basic project fields (Entities::BasicProjectDetails), used for anonymous callers and with
`simple=true`. Owned by the Projects API; only the fields always sent are required. (generated; do not edit)."""

import datetime

from ..._contract.models import ApiModel


class BasicProjectDetails(ApiModel):
    """Basic project fields (Entities::BasicProjectDetails), used for anonymous callers and with
    `simple=true`. Owned by the Projects API; only the fields always sent are required.
    """

    id: int
    """Project ID."""
    name: str
    """Project name."""
    path: str
    """Project path."""
    path_with_namespace: str
    """Full path."""
    description: None | str = None
    """Project description."""
    name_with_namespace: str | None = None
    """Name including the namespace."""
    created_at: datetime.datetime | None = None
    """Creation time."""
    default_branch: None | str = None
    """Default branch. Only sent when the caller may read the code."""
    tag_list: list[str] | None = None
    """Deprecated alias of `topics`."""
    topics: list[str] | None = None
    """Topics."""
    ssh_url_to_repo: str | None = None
    """SSH clone URL."""
    http_url_to_repo: str | None = None
    """HTTP clone URL."""
    web_url: str | None = None
    """Project URL."""
    readme_url: None | str = None
    """README URL. Only sent when the caller may read the code."""
    forks_count: int | None = None
    """Number of forks. Only sent when the caller may read the code."""
    avatar_url: None | str = None
    """Avatar URL."""
    star_count: int | None = None
    """Number of stars."""
    last_activity_at: datetime.datetime | None = None
    """Last activity time."""
    namespace: "ProjectNamespace | None" = None
    """The namespace of a project (Entities::NamespaceBasic)."""
    custom_attributes: "list[CustomAttribute] | None" = None
    """Only sent with `with_custom_attributes=true` to an administrator."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.custom_attribute import CustomAttribute  # noqa: E402, F401
from ..models.project_namespace import ProjectNamespace  # noqa: E402, F401
