"""A user status. With PUT every attribute left out counts as null; with PATCH only the attributes
sent count. Null or blank emoji and message with no availability (or `not_set`) remove the
status. (generated; do not edit)."""

from typing import Any, ClassVar

from pydantic import ConfigDict, model_validator

from ..._contract.models import ApiModel, prepare_request
from ..models.clear_status_after import ClearStatusAfter  # noqa: F401
from ..models.user_availability import UserAvailability  # noqa: F401


class SetUserStatusRequest(ApiModel):
    """A user status. With PUT every attribute left out counts as null; with PATCH only the
    attributes sent count. Null or blank emoji and message with no availability (or `not_set`)
    remove the status.
    """

    # A request body: no silent coercion ("5" for an int), documented enum values only.
    model_config: ClassVar[ConfigDict] = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _prepare(cls, data: Any) -> Any:
        return prepare_request(cls, data)

    emoji: None | str = None
    """Emoji name (from the Gemojione index). Without it `speech_balloon` is used when a
    message is set."""
    message: None | str = None
    """Status message, at most 100 characters; may contain emoji codes."""
    availability: None | UserAvailability = None
    """Availability."""
    clear_status_after: ClearStatusAfter | None = None
    """Clear the status automatically after this interval."""
