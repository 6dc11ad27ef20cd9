"""Resource ``user_personal_access_tokens`` (generated from the OpenAPI document; do not edit)."""

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
    from ...models.create_own_personal_access_token_request import (
        CreateOwnPersonalAccessTokenRequest,
    )
    from ...models.error_message import ErrorMessage
    from ...models.granular_scope_input import GranularScopeInput
    from ...models.grape_error import GrapeError
    from ...models.nested_error_message import NestedErrorMessage
    from ...models.o_auth_error import OAuthError
    from ...models.own_personal_access_token_scope import OwnPersonalAccessTokenScope
    from ...models.personal_access_token_with_token import PersonalAccessTokenWithToken
    from ...models.validation_error_message import ValidationErrorMessage

__all__ = ("UserPersonalAccessTokensResource", "UserPersonalAccessTokensResourceWithRawResponse")


class UserPersonalAccessTokensResource(BaseResource):
    """Operations tagged ``user_personal_access_tokens`` in the OpenAPI document."""

    @cached_property
    def with_raw_response(self) -> UserPersonalAccessTokensResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return UserPersonalAccessTokensResourceWithRawResponse(self)

    async def create(
        self,
        *,
        name: str,
        description: str | NotGiven = NOT_GIVEN,
        expires_at: datetime.date | str | NotGiven = NOT_GIVEN,
        scopes: Sequence[OwnPersonalAccessTokenScope | Literal["k8s_proxy", "self_rotate"]]
        | NotGiven = NOT_GIVEN,
        granular_scopes: Sequence[GranularScopeInput] | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> PersonalAccessTokenWithToken:
        """Create a personal access token for yourself.

        Creates a narrowly scoped personal access token for the authenticated user. Exactly one
        of `scopes` (only `k8s_proxy` and `self_rotate`) and `granular_scopes` must be sent;
        `granular_scopes` needs the `granular_personal_access_tokens` feature flag (404
        otherwise). The token value is returned only once. Without `expires_at` the token gets
        the instance's maximum lifetime (365 days by default); a date in the past is accepted
        and gives an inactive token. A service failure answers with its HTTP status (default
        422), for example `{"message": "Scopes can't be blank"}` for an empty `scopes`. Granular
        token permission: `create_personal_access_token`.

        Args:
            name: Token name.
            description: Token description.
            expires_at: Expiry date (YYYY-MM-DD).
            scopes: Scopes; only `k8s_proxy` and `self_rotate` are allowed here.
            granular_scopes: Fine-grained scopes (needs the `granular_personal_access_tokens` feature
                flag, 404 otherwise).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.create_own_personal_access_token_request import (
            CreateOwnPersonalAccessTokenRequest,
        )
        from . import user_personal_access_tokens_create as _user_personal_access_tokens_create

        body = build_body(
            CreateOwnPersonalAccessTokenRequest,
            {
                "name": name,
                "description": description,
                "expires_at": expires_at,
                "scopes": scopes,
                "granular_scopes": granular_scopes,
            },
        )
        return await self._request(
            _user_personal_access_tokens_create.build_request(
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _user_personal_access_tokens_create.ANSWERS,
            sudo,
            timeout,
        )


class UserPersonalAccessTokensResourceWithRawResponse(
    RawResponseView[UserPersonalAccessTokensResource]
):
    """``UserPersonalAccessTokensResource``'s operations, returning :class:`Response` objects (status,
    headers, parsed body); list operations return their first page."""

    create = raw_response(UserPersonalAccessTokensResource.create)
