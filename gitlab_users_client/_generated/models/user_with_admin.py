"""A user as seen by an administrator (Entities::UserWithAdmin): lists for reader-admins, GET /user
for admins, and create/update results. (generated; do not edit)."""

import datetime

from ..models.user_public import UserPublic
from ..models.user_state import UserState  # noqa: F401


class UserWithAdmin(UserPublic):
    """A user as seen by an administrator (Entities::UserWithAdmin): lists for reader-admins, GET
    /user for admins, and create/update results.
    """

    is_admin: bool
    """Whether the user is an administrator."""
    note: None | str = None
    """Administrator note."""
    namespace_id: int | None = None
    """ID of the user's personal namespace."""
    created_by: "None | UserBasic" = None
    """The administrator who created the account; null when the user signed up themselves."""
    provisioned_by_project_id: int | None = None
    """ID of the project whose bot this user is, if any."""
    using_license_seat: bool | None = None
    """EE only. Whether the user uses a license seat."""
    is_auditor: bool | None = None
    """EE only, when auditor users are licensed. Whether the user is an auditor."""
    provisioned_by_group_id: int | None = None
    """EE only, when group SAML is licensed. ID of the group that provisioned the user."""
    enterprise_group_id: int | None = None
    """EE only, when domain verification is licensed. ID of the enterprise group."""
    enterprise_group_associated_at: datetime.datetime | None = None
    """EE only. When the user became an enterprise user."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.custom_attribute import CustomAttribute  # noqa: E402, F401
from ..models.identity import Identity  # noqa: E402, F401
from ..models.scim_identity import ScimIdentity  # noqa: E402, F401
from ..models.user_basic import UserBasic  # noqa: E402, F401
