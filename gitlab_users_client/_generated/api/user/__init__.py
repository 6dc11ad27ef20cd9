"""Resource ``user`` (generated from the OpenAPI document; do not edit)."""

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
    from ...models.avatar import Avatar
    from ...models.error_message import ErrorMessage
    from ...models.grape_error import GrapeError
    from ...models.nested_error_message import NestedErrorMessage
    from ...models.o_auth_error import OAuthError
    from ...models.upload_avatar_request import UploadAvatarRequest
    from ...models.user_activity import UserActivity
    from ...models.user_counts import UserCounts
    from ...models.user_public import UserPublic
    from ...models.user_with_admin import UserWithAdmin
    from ...models.validation_error_message import ValidationErrorMessage
    from ..user_applications import (
        UserApplicationsResource,
        UserApplicationsResourceWithRawResponse,
    )
    from ..user_emails import UserEmailsResource, UserEmailsResourceWithRawResponse
    from ..user_gpg_keys import UserGpgKeysResource, UserGpgKeysResourceWithRawResponse
    from ..user_keys import UserKeysResource, UserKeysResourceWithRawResponse
    from ..user_personal_access_tokens import (
        UserPersonalAccessTokensResource,
        UserPersonalAccessTokensResourceWithRawResponse,
    )
    from ..user_preferences import UserPreferencesResource, UserPreferencesResourceWithRawResponse
    from ..user_runners import UserRunnersResource, UserRunnersResourceWithRawResponse
    from ..user_status import UserStatusResource, UserStatusResourceWithRawResponse
    from ..user_support_pin import UserSupportPinResource, UserSupportPinResourceWithRawResponse

__all__ = ("UserResource", "UserResourceWithRawResponse")


class UserResource(BaseResource):
    """Operations tagged ``user`` in the OpenAPI document."""

    @cached_property
    def applications(self) -> UserApplicationsResource:
        """Sub-resource ``applications``."""
        from ..user_applications import UserApplicationsResource

        return UserApplicationsResource(self._client)

    @cached_property
    def emails(self) -> UserEmailsResource:
        """Sub-resource ``emails``."""
        from ..user_emails import UserEmailsResource

        return UserEmailsResource(self._client)

    @cached_property
    def gpg_keys(self) -> UserGpgKeysResource:
        """Sub-resource ``gpg_keys``."""
        from ..user_gpg_keys import UserGpgKeysResource

        return UserGpgKeysResource(self._client)

    @cached_property
    def keys(self) -> UserKeysResource:
        """Sub-resource ``keys``."""
        from ..user_keys import UserKeysResource

        return UserKeysResource(self._client)

    @cached_property
    def personal_access_tokens(self) -> UserPersonalAccessTokensResource:
        """Sub-resource ``personal_access_tokens``."""
        from ..user_personal_access_tokens import UserPersonalAccessTokensResource

        return UserPersonalAccessTokensResource(self._client)

    @cached_property
    def preferences(self) -> UserPreferencesResource:
        """Sub-resource ``preferences``."""
        from ..user_preferences import UserPreferencesResource

        return UserPreferencesResource(self._client)

    @cached_property
    def runners(self) -> UserRunnersResource:
        """Sub-resource ``runners``."""
        from ..user_runners import UserRunnersResource

        return UserRunnersResource(self._client)

    @cached_property
    def status(self) -> UserStatusResource:
        """Sub-resource ``status``."""
        from ..user_status import UserStatusResource

        return UserStatusResource(self._client)

    @cached_property
    def support_pin(self) -> UserSupportPinResource:
        """Sub-resource ``support_pin``."""
        from ..user_support_pin import UserSupportPinResource

        return UserSupportPinResource(self._client)

    @cached_property
    def with_raw_response(self) -> UserResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return UserResourceWithRawResponse(self)

    async def get(
        self,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserPublic | UserWithAdmin:
        """Get the current user.

        Returns the authenticated user (or, with `Sudo`, the impersonated user). Any signed-in
        user. Administrators (a plain admin check, not auditors) get `UserWithAdmin`, everyone
        else `UserPublic`. Scopes `read_user`, `read_api`, `api` (and `ai_workflows`). Granular
        token permission: `read_user`.

        Args:
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_get as _user_get

        return await self._request(
            _user_get.build_request(
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _user_get.ANSWERS,
            sudo,
            timeout,
        )

    async def get_counts(
        self,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserCounts:
        """Get your counts of issues, merge requests, reviews and to-do items.

        Returns counts of the authenticated user's open assigned issues, assigned merge
        requests, review requests and pending to-do items. Any signed-in user (anonymous callers
        get 401).

        Args:
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_get_counts as _user_get_counts

        return await self._request(
            _user_get_counts.build_request(
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _user_get_counts.ANSWERS,
            sudo,
            timeout,
        )

    def list_activities(
        self,
        *,
        from_: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        page: int | NotGiven = NOT_GIVEN,
        max_items: int | None = None,
        max_pages: int | None = None,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> AsyncPaginator[UserActivity]:
        """List user activities.

        Lists the last activity dates of users, oldest first (ordered by `last_activity_on`).
        Any signed-in user; non-admins only see users with public profiles. By default the last
        six months are covered. Activities that update the date include Git over HTTP/SSH,
        signing in, visiting dashboards, projects, issues and merge requests, and using the REST
        or GraphQL API. Offset paginated. Granular token permission: `read_user_activity`.

        Args:
            from_: Only activity on or after this time. The server also accepts plain and
                loosely written dates (`2000-01-01`, `2000-1-1`); an unparsable value is 400
                `from is invalid`. Server default: six months ago.
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
        from . import user_list_activities as _user_list_activities

        return self._paginate(
            _user_list_activities.build_request(
                from_=from_,
                extra_headers=extra_headers,
                extra_query=extra_query,
                per_page=per_page,
                page=page,
            ),
            _user_list_activities.ANSWERS,
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )

    async def upload_avatar(
        self,
        *,
        avatar: File | FileContent,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Avatar:
        """Upload your avatar.

        Uploads a new avatar for the authenticated user as `multipart/form-data` (docs: at most
        200 KiB; bmp, gif, ico, jpeg, png or tiff). 400 with the service message, for example
        when the file is too large. Granular token permission: `update_user_avatar`.

        Args:
            avatar: The image file (ideally 192 x 192 pixels; at most 200 KiB; bmp, gif, ico,
                jpeg, png or tiff).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.upload_avatar_request import UploadAvatarRequest
        from . import user_upload_avatar as _user_upload_avatar

        body = build_body(
            UploadAvatarRequest,
            {
                "avatar": as_file(avatar),
            },
        )
        return await self._request(
            _user_upload_avatar.build_request(
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _user_upload_avatar.ANSWERS,
            sudo,
            timeout,
        )


class UserResourceWithRawResponse(RawResponseView[UserResource]):
    """``UserResource``'s operations, returning :class:`Response` objects (status,
    headers, parsed body); list operations return their first page."""

    @cached_property
    def applications(self) -> UserApplicationsResourceWithRawResponse:
        """Sub-resource ``applications``."""
        return self._resource.applications.with_raw_response

    @cached_property
    def emails(self) -> UserEmailsResourceWithRawResponse:
        """Sub-resource ``emails``."""
        return self._resource.emails.with_raw_response

    @cached_property
    def gpg_keys(self) -> UserGpgKeysResourceWithRawResponse:
        """Sub-resource ``gpg_keys``."""
        return self._resource.gpg_keys.with_raw_response

    @cached_property
    def keys(self) -> UserKeysResourceWithRawResponse:
        """Sub-resource ``keys``."""
        return self._resource.keys.with_raw_response

    @cached_property
    def personal_access_tokens(self) -> UserPersonalAccessTokensResourceWithRawResponse:
        """Sub-resource ``personal_access_tokens``."""
        return self._resource.personal_access_tokens.with_raw_response

    @cached_property
    def preferences(self) -> UserPreferencesResourceWithRawResponse:
        """Sub-resource ``preferences``."""
        return self._resource.preferences.with_raw_response

    @cached_property
    def runners(self) -> UserRunnersResourceWithRawResponse:
        """Sub-resource ``runners``."""
        return self._resource.runners.with_raw_response

    @cached_property
    def status(self) -> UserStatusResourceWithRawResponse:
        """Sub-resource ``status``."""
        return self._resource.status.with_raw_response

    @cached_property
    def support_pin(self) -> UserSupportPinResourceWithRawResponse:
        """Sub-resource ``support_pin``."""
        return self._resource.support_pin.with_raw_response

    get = raw_response(UserResource.get)
    get_counts = raw_response(UserResource.get_counts)
    list_activities = raw_page(UserResource.list_activities)
    upload_avatar = raw_response(UserResource.upload_avatar)
