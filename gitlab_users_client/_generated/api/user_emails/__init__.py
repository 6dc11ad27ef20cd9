"""Resource ``user_emails`` (generated from the OpenAPI document; do not edit)."""

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
    from ...models.create_own_email_request import CreateOwnEmailRequest
    from ...models.email import Email
    from ...models.error_message import ErrorMessage
    from ...models.grape_error import GrapeError
    from ...models.nested_error_message import NestedErrorMessage
    from ...models.o_auth_error import OAuthError
    from ...models.validation_error_message import ValidationErrorMessage

__all__ = ("UserEmailsResource", "UserEmailsResourceWithRawResponse")


class UserEmailsResource(BaseResource):
    """Operations tagged ``user_emails`` in the OpenAPI document."""

    @cached_property
    def with_raw_response(self) -> UserEmailsResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return UserEmailsResourceWithRawResponse(self)

    async def create(
        self,
        *,
        email: str,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Email:
        """Add an email.

        Adds a secondary email address to the authenticated user; GitLab sends a confirmation
        email. 400 with per-field messages when the address is invalid or already taken.

        Args:
            email: The email address.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.create_own_email_request import CreateOwnEmailRequest
        from . import user_emails_create as _user_emails_create

        body = build_body(
            CreateOwnEmailRequest,
            {
                "email": email,
            },
        )
        return await self._request(
            _user_emails_create.build_request(
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _user_emails_create.ANSWERS,
            sudo,
            timeout,
        )

    async def delete(
        self,
        email_id: int,
        *,
        if_unmodified_since: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Delete one of your emails.

        Deletes one secondary email address of the authenticated user (not the primary one).
        Honours `If-Unmodified-Since`.

        Args:
            email_id: Numeric ID of the email address.
            if_unmodified_since: HTTP date. When the resource changed after this time GitLab answers 412 and
                deletes nothing. Unparseable values are ignored.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_emails_delete as _user_emails_delete

        return await self._request(
            _user_emails_delete.build_request(
                email_id,
                if_unmodified_since=if_unmodified_since,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _user_emails_delete.ANSWERS,
            sudo,
            timeout,
        )

    async def get(
        self,
        email_id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Email:
        """Get one of your emails.

        Returns one secondary email address of the authenticated user. 404 `Email` when it does
        not exist.

        Args:
            email_id: Numeric ID of the email address.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_emails_get as _user_emails_get

        return await self._request(
            _user_emails_get.build_request(
                email_id,
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _user_emails_get.ANSWERS,
            sudo,
            timeout,
        )

    def list(
        self,
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
        """List your emails.

        Lists the authenticated user's email addresses: the primary email first, then the
        secondary ones. Offset paginated. Granular token permission: `read_user_email`.

        Args:
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
        from . import user_emails_list as _user_emails_list

        return self._paginate(
            _user_emails_list.build_request(
                extra_headers=extra_headers, extra_query=extra_query, per_page=per_page, page=page
            ),
            _user_emails_list.ANSWERS,
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )


class UserEmailsResourceWithRawResponse(RawResponseView[UserEmailsResource]):
    """``UserEmailsResource``'s operations, returning :class:`Response` objects (status,
    headers, parsed body); list operations return their first page."""

    create = raw_response(UserEmailsResource.create)
    delete = raw_response(UserEmailsResource.delete)
    get = raw_response(UserEmailsResource.get)
    list = raw_page(UserEmailsResource.list)
