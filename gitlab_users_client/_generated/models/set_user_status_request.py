"""A user status. With PUT every attribute left out is cleared; with PATCH attributes left out are
kept and an explicit null clears one. (generated; do not edit)."""

from __future__ import annotations

from ..models.clear_status_after import ClearStatusAfter  # noqa: F401
from ..models.user_availability import UserAvailability  # noqa: F401
from ..types import ApiModel


class SetUserStatusRequest(ApiModel):
    """A user status. With PUT every attribute left out is cleared; with PATCH attributes left out
    are kept and an explicit null clears one.
    """

    emoji: None | str = None
    """Emoji name (from the Gemojione index). Without it `speech_balloon` is used when a
    message is set."""
    message: None | str = None
    """Status message, at most 100 characters; may contain emoji codes."""
    availability: None | UserAvailability = None
    """Availability."""
    clear_status_after: ClearStatusAfter | None = None
    """Clear the status automatically after this interval."""
