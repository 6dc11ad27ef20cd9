"""A user as returned by GET /users/{id} to an administrator (Entities::UserDetailsWithAdmin). (generated; do not edit)."""

from ..models.user_state import UserState  # noqa: F401
from ..models.user_with_admin import UserWithAdmin


class UserDetailsWithAdmin(UserWithAdmin):
    """A user as returned by GET /users/{id} to an administrator (Entities::UserDetailsWithAdmin)."""

    highest_role: int
    """Highest access level in any group or project (0, 5, 10, 15, 20, 30, 40 or 50)."""
    bio_html: None | str = None
    """The biography rendered as HTML."""
    current_sign_in_ip: None | str = None
    """IP address of the current sign-in."""
    last_sign_in_ip: None | str = None
    """IP address of the previous sign-in."""
    sign_in_count: int | None = None
    """Number of sign-ins."""
    plan: None | str = None
    """EE only. Subscription plan of the user's namespace."""
    trial: bool | None = None
    """EE only. Whether that plan is a trial."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.custom_attribute import CustomAttribute  # noqa: E402, F401
from ..models.identity import Identity  # noqa: E402, F401
from ..models.scim_identity import ScimIdentity  # noqa: E402, F401
from ..models.user_basic import UserBasic  # noqa: E402, F401
