"""The smallest user representation (Entities::UserSafe). (generated; do not edit)."""

from ..._contract.models import ApiModel


class UserSafe(ApiModel):
    """The smallest user representation (Entities::UserSafe)."""

    id: int
    """User ID."""
    username: str
    """Username."""
    name: str
    """Display name (redacted for viewers who may not see the real name)."""
    public_email: None | str = None
    """Public email address; null or an empty string when none is set."""
