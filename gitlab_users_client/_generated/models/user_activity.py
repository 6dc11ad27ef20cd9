"""The last activity date of a user. (generated; do not edit)."""

import datetime

from ..._contract.models import ApiModel


class UserActivity(ApiModel):
    """The last activity date of a user."""

    username: str
    """Username."""
    last_activity_on: datetime.date | None = None
    """Date of the last activity."""
    last_activity_at: datetime.date | None = None
    """Deprecated alias of `last_activity_on`."""
