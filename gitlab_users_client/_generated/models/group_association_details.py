"""A group a token reaches (Entities::GroupAssociationDetails < BasicGroupDetails). (generated; do not edit)."""

from ..._contract.models import ApiModel


class GroupAssociationDetails(ApiModel):
    """A group a token reaches (Entities::GroupAssociationDetails < BasicGroupDetails)."""

    id: int
    """Group ID."""
    name: str
    """Group name."""
    web_url: str | None = None
    """Group URL."""
    parent_id: int | None = None
    """Parent group ID."""
    organization_id: int | None = None
    """Organization ID."""
    access_levels: int | None = None
    """The caller's highest access level in the group."""
    visibility: str | None = None
    """`private`, `internal` or `public`."""
