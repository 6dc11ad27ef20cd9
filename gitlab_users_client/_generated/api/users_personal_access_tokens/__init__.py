"""Resource ``users_personal_access_tokens`` (generated from the OpenAPI document; do not edit)."""

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
    from ...models.create_personal_access_token_request import CreatePersonalAccessTokenRequest
    from ...models.error_message import ErrorMessage
    from ...models.grape_error import GrapeError
    from ...models.nested_error_message import NestedErrorMessage
    from ...models.o_auth_error import OAuthError
    from ...models.personal_access_token_with_token import PersonalAccessTokenWithToken
    from ...models.validation_error_message import ValidationErrorMessage

__all__ = ("UsersPersonalAccessTokensResource", "UsersPersonalAccessTokensResourceWithRawResponse")


class UsersPersonalAccessTokensResource(BaseResource):
    """Operations tagged ``users_personal_access_tokens`` in the OpenAPI document."""

    @cached_property
    def with_raw_response(self) -> UsersPersonalAccessTokensResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return UsersPersonalAccessTokensResourceWithRawResponse(self)

    async def create(
        self,
        user_id: int,
        *,
        name: str,
        scopes: Sequence[str],
        description: str | NotGiven = NOT_GIVEN,
        expires_at: datetime.date | str | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> PersonalAccessTokenWithToken:
        """Create a personal access token for a user.

        Creates a personal access token for a user. Administrators only. The token value is
        returned only once. Each scope must be one GitLab knows. Without `expires_at` the
        instance maximum lifetime applies; a date in the past is accepted and gives an inactive
        token. A service failure answers with its HTTP status (default 422) and `{"message":
        ...}` holding the token's validation messages as one sentence, for example `Scopes can't
        be blank` for an empty `scopes` or `Expires at must be before <date>`. Granular token
        permission: `create_personal_access_token`.

        Args:
            user_id: Numeric ID of the user (a username is not accepted here).
            name: Token name.
            scopes: Scopes; each must be a scope GitLab knows, for example `api` or `read_user`.
            description: Token description.
            expires_at: Expiry date (YYYY-MM-DD). Server default the instance maximum lifetime.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.create_personal_access_token_request import CreatePersonalAccessTokenRequest
        from . import users_personal_access_tokens_create as _users_personal_access_tokens_create

        body = build_body(
            CreatePersonalAccessTokenRequest,
            {
                "name": name,
                "scopes": scopes,
                "description": description,
                "expires_at": expires_at,
            },
        )
        return await self._request(
            _users_personal_access_tokens_create.build_request(
                user_id,
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_personal_access_tokens_create.ANSWERS,
            sudo,
            timeout,
        )


class UsersPersonalAccessTokensResourceWithRawResponse(
    RawResponseView[UsersPersonalAccessTokensResource]
):
    """``UsersPersonalAccessTokensResource``'s operations, returning :class:`Response` objects (status,
    headers, parsed body); list operations return their first page."""

    create = raw_response(UsersPersonalAccessTokensResource.create)
