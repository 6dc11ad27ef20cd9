"""Resource ``user_applications`` (generated from the OpenAPI document; do not edit)."""

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
    from ...models.application import Application
    from ...models.application_with_secret import ApplicationWithSecret
    from ...models.create_application_request import CreateApplicationRequest
    from ...models.error_message import ErrorMessage
    from ...models.grape_error import GrapeError
    from ...models.nested_error_message import NestedErrorMessage
    from ...models.o_auth_error import OAuthError
    from ...models.update_application_request import UpdateApplicationRequest
    from ...models.validation_error_message import ValidationErrorMessage

__all__ = ("UserApplicationsResource", "UserApplicationsResourceWithRawResponse")


class UserApplicationsResource(BaseResource):
    """Operations tagged ``user_applications`` in the OpenAPI document."""

    @cached_property
    def with_raw_response(self) -> UserApplicationsResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return UserApplicationsResourceWithRawResponse(self)

    async def create(
        self,
        *,
        name: str,
        redirect_uri: str,
        scopes: str,
        confidential: bool | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> ApplicationWithSecret:
        """Create an OAuth application.

        Creates an OAuth application owned by the authenticated user and returns it with its
        secret, which is shown only this once. `scopes` is one string of space-separated scopes
        and may not be blank. The application's validation failures answer 400 `{"message":
        {"<field>": [...]}}`, for example an invalid `redirect_uri`. Granular token permission:
        `create_oauth_application`.

        Args:
            name: Name of the application.
            redirect_uri: Redirect URI of the application (several URIs one per line).
            scopes: Scopes the application may request, separated by spaces, for example `api
                read_user`. May not be blank.
            confidential: Whether the application can keep its secret confidential (server default
                true); false for native and single-page apps.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.create_application_request import CreateApplicationRequest
        from . import user_applications_create as _user_applications_create

        body = build_body(
            CreateApplicationRequest,
            {
                "name": name,
                "redirect_uri": redirect_uri,
                "scopes": scopes,
                "confidential": confidential,
            },
        )
        return await self._request(
            _user_applications_create.build_request(
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _user_applications_create.ANSWERS,
            sudo,
            timeout,
        )

    async def delete(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Delete one of your OAuth applications.

        Deletes an OAuth application (its tokens stop working). 404 when it does not exist, 403
        when it belongs to someone else. Granular token permission: `delete_oauth_application`.

        Args:
            id: Numeric ID of the OAuth application (not its `application_id`).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_applications_delete as _user_applications_delete

        return await self._request(
            _user_applications_delete.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _user_applications_delete.ANSWERS,
            sudo,
            timeout,
        )

    async def get(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Application:
        """Get one of your OAuth applications.

        Returns one OAuth application (without its secret). 404 `404 Application Not Found` when
        it does not exist; 403 when it belongs to someone else (the docs: administrators may
        read any). Granular token permission: `read_oauth_application`.

        Args:
            id: Numeric ID of the OAuth application (not its `application_id`).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_applications_get as _user_applications_get

        return await self._request(
            _user_applications_get.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _user_applications_get.ANSWERS,
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
    ) -> AsyncPaginator[Application]:
        """List your OAuth applications.

        Lists the OAuth applications the authenticated user owns, without their secrets. Offset
        paginated. Granular token permission: `read_oauth_application`.

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
        from . import user_applications_list as _user_applications_list

        return self._paginate(
            _user_applications_list.build_request(
                extra_headers=extra_headers, extra_query=extra_query, per_page=per_page, page=page
            ),
            _user_applications_list.ANSWERS,
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )

    async def update(
        self,
        id: int,
        *,
        name: str | NotGiven = NOT_GIVEN,
        scopes: str | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Application:
        """Update one of your OAuth applications.

        Renames an OAuth application or changes its scopes. 404 when it does not exist, 403 when
        it belongs to someone else, 400 `{"message": {"name": [...]}}` for a blank name.
        Granular token permission: `update_oauth_application`.

        Args:
            id: Numeric ID of the OAuth application (not its `application_id`).
            name: Name of the application.
            scopes: Scopes the application may request, separated by spaces. May not be blank.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.update_application_request import UpdateApplicationRequest
        from . import user_applications_update as _user_applications_update

        body = build_body(
            UpdateApplicationRequest,
            {
                "name": name,
                "scopes": scopes,
            },
        )
        return await self._request(
            _user_applications_update.build_request(
                id,
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _user_applications_update.ANSWERS,
            sudo,
            timeout,
        )


class UserApplicationsResourceWithRawResponse(RawResponseView[UserApplicationsResource]):
    """``UserApplicationsResource``'s operations, returning :class:`Response` objects (status,
    headers, parsed body); list operations return their first page."""

    create = raw_response(UserApplicationsResource.create)
    delete = raw_response(UserApplicationsResource.delete)
    get = raw_response(UserApplicationsResource.get)
    list = raw_page(UserApplicationsResource.list)
    update = raw_response(UserApplicationsResource.update)
