"""Resource ``user_status`` (generated from the OpenAPI document; do not edit)."""

from __future__ import annotations

import builtins
import datetime
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from ...._contract.encoding import File, FileContent, as_file
from ...._contract.resource import (
    NOT_GIVEN,
    BaseResource,
    ExtraBody,
    ExtraHeaders,
    ExtraQuery,
    Keyset,
    NotGiven,
    PaginationMode,
    RawResponseView,
    SudoArg,
    TimeoutArg,
    raw_page,
    raw_response,
)

# Endpoint modules, models, pydantic (`build_body`) and the paginator are imported where
# they are used, so that touching `gl.users` imports no operation of the tag, no model,
# no pydantic and no paging code.
if TYPE_CHECKING:
    from ...._contract.resource import AsyncPaginator
    from ...models.clear_status_after import ClearStatusAfter
    from ...models.error_message import ErrorMessage
    from ...models.grape_error import GrapeError
    from ...models.nested_error_message import NestedErrorMessage
    from ...models.o_auth_error import OAuthError
    from ...models.set_user_status_request import SetUserStatusRequest
    from ...models.user_availability import UserAvailability
    from ...models.user_status import UserStatus
    from ...models.validation_error_message import ValidationErrorMessage

__all__ = ("UserStatusResource", "UserStatusResourceWithRawResponse")


class UserStatusResource(BaseResource):
    """Operations tagged ``user_status`` in the OpenAPI document."""

    @cached_property
    def with_raw_response(self) -> UserStatusResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return UserStatusResourceWithRawResponse(self)

    async def get(
        self,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserStatus:
        """Get your status.

        Returns the authenticated user's status. Every field is null when no status is set.

        Args:
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_status_get as _user_status_get

        return await self._request(
            _user_status_get.build_request(
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _user_status_get.ANSWERS,
            sudo,
            timeout,
        )

    async def set(
        self,
        *,
        emoji: str | None | NotGiven = NOT_GIVEN,
        message: str | None | NotGiven = NOT_GIVEN,
        availability: UserAvailability | Literal["busy", "not_set"] | None | NotGiven = NOT_GIVEN,
        clear_status_after: ClearStatusAfter
        | Literal["1_day", "30_days", "30_minutes", "3_days", "3_hours", "7_days", "8_hours"]
        | None
        | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserStatus:
        """Set your status.

        Replaces the authenticated user's status: every attribute left out is cleared. No emoji,
        no message and no availability other than `not_set` (null or blank values included)
        removes the status. Otherwise a missing emoji becomes `speech_balloon` and a missing
        availability `not_set`. 403 when the user may not update their status. Granular token
        permission: `update_user_status`.

        Args:
            emoji: Emoji name (from the Gemojione index). Without it `speech_balloon` is used
                when a message is set.
            message: Status message, at most 100 characters; may contain emoji codes.
            availability: Availability.
            clear_status_after: Clear the status automatically after this interval.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.set_user_status_request import SetUserStatusRequest
        from . import user_status_set as _user_status_set

        body = build_body(
            SetUserStatusRequest,
            {
                "emoji": emoji,
                "message": message,
                "availability": availability,
                "clear_status_after": clear_status_after,
            },
        )
        return await self._request(
            _user_status_set.build_request(
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _user_status_set.ANSWERS,
            sudo,
            timeout,
        )

    async def update(
        self,
        *,
        emoji: str | None | NotGiven = NOT_GIVEN,
        message: str | None | NotGiven = NOT_GIVEN,
        availability: UserAvailability | Literal["busy", "not_set"] | None | NotGiven = NOT_GIVEN,
        clear_status_after: ClearStatusAfter
        | Literal["1_day", "30_days", "30_minutes", "3_days", "3_hours", "7_days", "8_hours"]
        | None
        | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None | UserStatus:
        """Update your status.

        Updates the authenticated user's status from the attributes that are sent. `message` and
        `clear_status_after` left out are kept; `emoji` and `availability` left out fall back to
        `speech_balloon` and `not_set`. When the sent emoji and message are null or blank and
        the availability is absent or `not_set`, the status is removed. When no attribute at all
        is sent GitLab answers 200 with an empty body (null). 403 when the user may not update
        their status.

        Args:
            emoji: Emoji name (from the Gemojione index). Without it `speech_balloon` is used
                when a message is set.
            message: Status message, at most 100 characters; may contain emoji codes.
            availability: Availability.
            clear_status_after: Clear the status automatically after this interval.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.set_user_status_request import SetUserStatusRequest
        from . import user_status_update as _user_status_update

        body = build_body(
            SetUserStatusRequest,
            {
                "emoji": emoji,
                "message": message,
                "availability": availability,
                "clear_status_after": clear_status_after,
            },
        )
        return await self._request(
            _user_status_update.build_request(
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _user_status_update.ANSWERS,
            sudo,
            timeout,
        )


class UserStatusResourceWithRawResponse(RawResponseView[UserStatusResource]):
    """``UserStatusResource``'s operations, returning :class:`Response` objects (status,
    headers, parsed body); list operations return their first page."""

    get = raw_response(UserStatusResource.get)
    set = raw_response(UserStatusResource.set)
    update = raw_response(UserStatusResource.update)
