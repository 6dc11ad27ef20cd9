"""A user as returned by GET /users/{id} to a regular user (Entities::UserProfile). (generated; do not edit)."""

from ..models.user import User
from ..models.user_state import UserState  # noqa: F401


class UserProfile(User):
    """A user as returned by GET /users/{id} to a regular user (Entities::UserProfile)."""

    bio_html: None | str = None
    """The biography rendered as HTML. Always present; may be null."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.custom_attribute import CustomAttribute  # noqa: E402, F401
