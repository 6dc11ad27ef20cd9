"""Resource ``users_emails`` (generated from the OpenAPI document; do not edit)."""

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
    from ...models.create_email_request import CreateEmailRequest
    from ...models.email import Email
    from ...models.error_message import ErrorMessage
    from ...models.grape_error import GrapeError
    from ...models.nested_error_message import NestedErrorMessage
    from ...models.o_auth_error import OAuthError
    from ...models.validation_error_message import ValidationErrorMessage

__all__ = ("UsersEmailsResource", "UsersEmailsResourceWithRawResponse")


class UsersEmailsResource(BaseResource):
    """Operations tagged ``users_emails`` in the OpenAPI document."""

    @cached_property
    def with_raw_response(self) -> UsersEmailsResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return UsersEmailsResourceWithRawResponse(self)

    async def create(
        self,
        id: int,
        *,
        email: str,
        skip_confirmation: bool | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Email:
        """Add an email to a user.

        Adds a secondary email address to a user. Administrators only. 400 with per-field
        messages when the address is invalid or already taken. Granular token permission:
        `create_user_email`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            email: The email address.
            skip_confirmation: Treat the address as confirmed without sending a confirmation email. Server
                default false.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.create_email_request import CreateEmailRequest
        from . import users_emails_create as _users_emails_create

        body = build_body(
            CreateEmailRequest,
            {
                "email": email,
                "skip_confirmation": skip_confirmation,
            },
        )
        return await self._request(
            _users_emails_create.build_request(
                id,
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_emails_create.ANSWERS,
            sudo,
            timeout,
        )

    async def delete(
        self,
        id: int,
        email_id: int,
        *,
        if_unmodified_since: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Delete an email of a user.

        Deletes a secondary email address of a user (not the primary one). Administrators only.
        Honours `If-Unmodified-Since`. Granular token permission: `delete_user_email`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            email_id: Numeric ID of the email address.
            if_unmodified_since: HTTP date. When the resource changed after this time GitLab answers 412 and
                deletes nothing. Unparseable values are ignored.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_emails_delete as _users_emails_delete

        return await self._request(
            _users_emails_delete.build_request(
                id,
                email_id,
                if_unmodified_since=if_unmodified_since,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_emails_delete.ANSWERS,
            sudo,
            timeout,
        )

    def list(
        self,
        id: int,
        *,
        per_page: int = 100,
        page: int | NotGiven = NOT_GIVEN,
        max_items: int | None = None,
        max_pages: int | None = None,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> AsyncPaginator[Email]:
        """List the emails of a user.

        Lists a user's email addresses: the primary email first, then the secondary ones.
        Administrators only. Offset paginated. Granular token permission: `read_user_email`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            per_page: Items per page (GitLab caps it at 100).
            page: Page to start from (offset pagination only).
            max_items: Stop after this many items.
            max_pages: Stop after this many pages.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.

        Returns:
            A lazy paginator: ``async for`` over items, ``.pages()``, ``.first_page()``, ``.to_list()``.
        """
        from . import users_emails_list as _users_emails_list

        return self._paginate(
            _users_emails_list.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                per_page=per_page,
                page=page,
            ),
            _users_emails_list.ANSWERS,
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )


class UsersEmailsResourceWithRawResponse(RawResponseView[UsersEmailsResource]):
    """``UsersEmailsResource``'s operations, returning :class:`Response` objects (status,
    headers, parsed body); list operations return their first page."""

    create = raw_response(UsersEmailsResource.create)
    delete = raw_response(UsersEmailsResource.delete)
    list = raw_page(UsersEmailsResource.list)
