"""EE only. A SCIM identity of a user. (generated; do not edit)."""

from ..._contract.models import ApiModel


class ScimIdentity(ApiModel):
    """EE only. A SCIM identity of a user."""

    extern_uid: str
    """The user's ID at the SCIM provider."""
    active: bool
    """Whether the identity is active."""
    group_id: int | None = None
    """ID of the group the identity belongs to."""
