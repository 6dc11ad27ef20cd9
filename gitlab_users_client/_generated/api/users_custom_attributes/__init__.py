"""Resource ``users_custom_attributes`` (generated from the OpenAPI document; do not edit)."""

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
    from ...models.custom_attribute import CustomAttribute
    from ...models.error_message import ErrorMessage
    from ...models.grape_error import GrapeError
    from ...models.nested_error_message import NestedErrorMessage
    from ...models.o_auth_error import OAuthError
    from ...models.set_custom_attribute_request import SetCustomAttributeRequest
    from ...models.validation_error_message import ValidationErrorMessage

__all__ = ("UsersCustomAttributesResource", "UsersCustomAttributesResourceWithRawResponse")


class UsersCustomAttributesResource(BaseResource):
    """Operations tagged ``users_custom_attributes`` in the OpenAPI document."""

    @cached_property
    def with_raw_response(self) -> UsersCustomAttributesResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return UsersCustomAttributesResourceWithRawResponse(self)

    async def delete(
        self,
        id: int,
        key: str,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Delete a custom attribute of a user.

        Deletes one custom attribute of a user. Administrators only in practice. 404 `Custom
        attribute Not Found` when the key does not exist.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            key: Key of the custom attribute.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_custom_attributes_delete as _users_custom_attributes_delete

        return await self._request(
            _users_custom_attributes_delete.build_request(
                id,
                key,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_custom_attributes_delete.ANSWERS,
            sudo,
            timeout,
        )

    async def get(
        self,
        id: int,
        key: str,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> CustomAttribute:
        """Get a custom attribute of a user.

        Returns one custom attribute of a user. Administrators only in practice. 404 (`404 Not
        found`) when the key does not exist.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            key: Key of the custom attribute.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_custom_attributes_get as _users_custom_attributes_get

        return await self._request(
            _users_custom_attributes_get.build_request(
                id,
                key,
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _users_custom_attributes_get.ANSWERS,
            sudo,
            timeout,
        )

    async def list(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> builtins.list[CustomAttribute]:
        """List the custom attributes of a user.

        Lists all custom attributes of a user. Administrators only in practice (needs
        `read_custom_attribute`). Not paginated.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_custom_attributes_list as _users_custom_attributes_list

        return await self._request(
            _users_custom_attributes_list.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _users_custom_attributes_list.ANSWERS,
            sudo,
            timeout,
        )

    async def set(
        self,
        id: int,
        key: str,
        *,
        value: str,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> CustomAttribute:
        """Set a custom attribute of a user.

        Creates or replaces one custom attribute of a user. Administrators only in practice
        (needs `update_custom_attribute`). 400 with the service message when it cannot be saved.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            key: Key of the custom attribute.
            value: The value.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.set_custom_attribute_request import SetCustomAttributeRequest
        from . import users_custom_attributes_set as _users_custom_attributes_set

        body = build_body(
            SetCustomAttributeRequest,
            {
                "value": value,
            },
        )
        return await self._request(
            _users_custom_attributes_set.build_request(
                id,
                key,
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_custom_attributes_set.ANSWERS,
            sudo,
            timeout,
        )


class UsersCustomAttributesResourceWithRawResponse(RawResponseView[UsersCustomAttributesResource]):
    """``UsersCustomAttributesResource``'s operations, returning :class:`Response` objects (status,
    headers, parsed body); list operations return their first page."""

    delete = raw_response(UsersCustomAttributesResource.delete)
    get = raw_response(UsersCustomAttributesResource.get)
    list = raw_response(UsersCustomAttributesResource.list)
    set = raw_response(UsersCustomAttributesResource.set)
