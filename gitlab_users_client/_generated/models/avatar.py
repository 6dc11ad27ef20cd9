"""The URL of an uploaded avatar. (generated; do not edit)."""

from ..._contract.models import ApiModel


class Avatar(ApiModel):
    """The URL of an uploaded avatar."""

    avatar_url: str
    """Absolute URL of the avatar."""
