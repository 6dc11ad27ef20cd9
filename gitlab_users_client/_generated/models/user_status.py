"""A user status. Every field is null when no status is set. (generated; do not edit)."""

import datetime

from ..._contract.models import ApiModel
from ..models.user_availability import UserAvailability  # noqa: F401


class UserStatus(ApiModel):
    """A user status. Every field is null when no status is set."""

    emoji: None | str = None
    """Emoji name, for example `coffee`."""
    message: None | str = None
    """Status message."""
    availability: None | UserAvailability = None
    """Availability."""
    message_html: None | str = None
    """The message rendered as HTML."""
    clear_status_at: datetime.datetime | None = None
    """When the status is cleared automatically."""
