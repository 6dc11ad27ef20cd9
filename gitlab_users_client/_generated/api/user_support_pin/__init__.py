"""Resource ``user_support_pin`` (generated from the OpenAPI document; do not edit)."""

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
    from ...models.error_message import ErrorMessage
    from ...models.grape_error import GrapeError
    from ...models.nested_error_message import NestedErrorMessage
    from ...models.o_auth_error import OAuthError
    from ...models.user_support_pin import UserSupportPin
    from ...models.validation_error_message import ValidationErrorMessage

__all__ = ("UserSupportPinResource", "UserSupportPinResourceWithRawResponse")


class UserSupportPinResource(BaseResource):
    """Operations tagged ``user_support_pin`` in the OpenAPI document."""

    @cached_property
    def with_raw_response(self) -> UserSupportPinResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return UserSupportPinResourceWithRawResponse(self)

    async def create(
        self,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserSupportPin:
        """Create a Support PIN.

        Creates a Support PIN for the authenticated user, valid for seven days, to prove
        identity to GitLab Support. 422 with the service message when it fails. Granular token
        permission: `create_user_support_pin`.

        Args:
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_support_pin_create as _user_support_pin_create

        return await self._request(
            _user_support_pin_create.build_request(
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _user_support_pin_create.ANSWERS,
            sudo,
            timeout,
        )

    async def get(
        self,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserSupportPin:
        """Get your Support PIN.

        Returns the authenticated user's current Support PIN. 404 `404 Support PIN not found or
        expired Not Found` when there is none. Granular token permission:
        `read_user_support_pin`.

        Args:
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_support_pin_get as _user_support_pin_get

        return await self._request(
            _user_support_pin_get.build_request(
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _user_support_pin_get.ANSWERS,
            sudo,
            timeout,
        )


class UserSupportPinResourceWithRawResponse(RawResponseView[UserSupportPinResource]):
    """``UserSupportPinResource``'s operations, returning :class:`Response` objects (status,
    headers, parsed body); list operations return their first page."""

    create = raw_response(UserSupportPinResource.create)
    get = raw_response(UserSupportPinResource.get)
