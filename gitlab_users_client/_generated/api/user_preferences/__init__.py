"""Resource ``user_preferences`` (generated from the OpenAPI document; do not edit)."""

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
    from ...models.update_user_preferences_request import UpdateUserPreferencesRequest
    from ...models.user_preferences import UserPreferences
    from ...models.validation_error_message import ValidationErrorMessage

__all__ = ("UserPreferencesResource", "UserPreferencesResourceWithRawResponse")


class UserPreferencesResource(BaseResource):
    """Operations tagged ``user_preferences`` in the OpenAPI document."""

    @cached_property
    def with_raw_response(self) -> UserPreferencesResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return UserPreferencesResourceWithRawResponse(self)

    async def get(
        self,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserPreferences:
        """Get your preferences.

        Returns the authenticated user's preferences.

        Args:
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_preferences_get as _user_preferences_get

        return await self._request(
            _user_preferences_get.build_request(
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _user_preferences_get.ANSWERS,
            sudo,
            timeout,
        )

    async def update(
        self,
        *,
        view_diffs_file_by_file: bool | NotGiven = NOT_GIVEN,
        show_whitespace_in_diffs: bool | NotGiven = NOT_GIVEN,
        pass_user_identities_to_ci_jwt: bool | NotGiven = NOT_GIVEN,
        policy_advanced_editor: bool | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserPreferences:
        """Update your preferences.

        Updates the authenticated user's preferences. At least one attribute must be sent. 400
        `400 Bad request` when the update fails. Granular token permission:
        `update_user_preference`.

        Args:
            view_diffs_file_by_file: Show only one file diff per page.
            show_whitespace_in_diffs: Show whitespace changes in diffs.
            pass_user_identities_to_ci_jwt: Pass external identities to CI/CD ID tokens (internal to GitLab; not for
                third parties).
            policy_advanced_editor: Use the advanced editor for security policies.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.update_user_preferences_request import UpdateUserPreferencesRequest
        from . import user_preferences_update as _user_preferences_update

        body = build_body(
            UpdateUserPreferencesRequest,
            {
                "view_diffs_file_by_file": view_diffs_file_by_file,
                "show_whitespace_in_diffs": show_whitespace_in_diffs,
                "pass_user_identities_to_ci_jwt": pass_user_identities_to_ci_jwt,
                "policy_advanced_editor": policy_advanced_editor,
            },
        )
        return await self._request(
            _user_preferences_update.build_request(
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _user_preferences_update.ANSWERS,
            sudo,
            timeout,
        )


class UserPreferencesResourceWithRawResponse(RawResponseView[UserPreferencesResource]):
    """``UserPreferencesResource``'s operations, returning :class:`Response` objects (status,
    headers, parsed body); list operations return their first page."""

    get = raw_response(UserPreferencesResource.get)
    update = raw_response(UserPreferencesResource.update)
