"""The namespace of a project (Entities::NamespaceBasic). (generated; do not edit)."""

from ..._contract.models import ApiModel


class ProjectNamespace(ApiModel):
    """The namespace of a project (Entities::NamespaceBasic)."""

    id: int
    """Namespace ID."""
    name: str
    """Namespace name."""
    path: str
    """Namespace path."""
    kind: str
    """`user` or `group`."""
    full_path: str
    """Full path."""
    parent_id: int | None = None
    """Parent group ID."""
    avatar_url: None | str = None
    """Avatar URL."""
    web_url: str | None = None
    """Namespace URL."""
