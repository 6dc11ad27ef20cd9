"""The current user as returned by GET /user to a non-admin (Entities::UserPublic). (generated; do not edit)."""

import datetime

from ..models.user import User
from ..models.user_state import UserState  # noqa: F401


class UserPublic(User):
    """The current user as returned by GET /user to a non-admin (Entities::UserPublic)."""

    email: str
    """Primary email address."""
    last_sign_in_at: datetime.datetime | None = None
    """Time of the previous sign-in."""
    confirmed_at: datetime.datetime | None = None
    """Time the primary email was confirmed."""
    last_activity_on: datetime.date | None = None
    """Date of the last activity."""
    theme_id: int | None = None
    """UI theme ID."""
    color_scheme_id: int | None = None
    """Syntax highlighting color scheme ID."""
    projects_limit: int | None = None
    """Number of personal projects the user may create."""
    current_sign_in_at: datetime.datetime | None = None
    """Time of the current sign-in."""
    identities: "list[Identity] | None" = None
    """External authentication identities (may be empty)."""
    can_create_group: bool | None = None
    """Whether the user may create top-level groups."""
    can_create_project: bool | None = None
    """Whether the user may create projects."""
    two_factor_enabled: bool | None = None
    """Whether two-factor authentication is on."""
    external: bool | None = None
    """Whether the user is external."""
    private_profile: bool | None = None
    """Whether the profile is private (null on some older rows)."""
    commit_email: None | str = None
    """Email used for web commits (the private commit email, or the default)."""
    preferred_language: None | str = None
    """Preferred UI language, for example `en`."""
    shared_runners_minutes_limit: int | None = None
    """EE only. Monthly compute minutes limit."""
    extra_shared_runners_minutes_limit: int | None = None
    """EE only. Extra compute minutes."""
    scim_identities: "list[ScimIdentity] | None" = None
    """EE only. Instance and group SCIM identities."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.custom_attribute import CustomAttribute  # noqa: E402, F401
from ..models.identity import Identity  # noqa: E402, F401
from ..models.scim_identity import ScimIdentity  # noqa: E402, F401
