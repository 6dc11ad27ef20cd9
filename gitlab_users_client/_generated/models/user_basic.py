"""User as seen in lists, as an author, follower or creator (Entities::UserBasic). (generated; do not edit)."""

from ..models.user_safe import UserSafe
from ..models.user_state import UserState  # noqa: F401


class UserBasic(UserSafe):
    """User as seen in lists, as an author, follower or creator (Entities::UserBasic)."""

    state: UserState
    """State of a user account. Open-ended: newer GitLab versions may add values."""
    web_url: str
    """URL of the user's profile page."""
    locked: bool | None = None
    """Whether the account is locked after too many failed sign-in attempts."""
    avatar_url: None | str = None
    """Absolute URL of the avatar."""
    avatar_path: str | None = None
    """Relative avatar path. Only sent when the server renders with `only_path` (never on these
    routes)."""
    custom_attributes: "list[CustomAttribute] | None" = None
    """Only sent with `with_custom_attributes=true` to an administrator."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.custom_attribute import CustomAttribute  # noqa: E402, F401
