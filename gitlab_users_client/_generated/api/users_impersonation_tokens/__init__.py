"""Resource ``users_impersonation_tokens`` (generated from the OpenAPI document; do not edit)."""

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
    from ...models.create_impersonation_token_request import CreateImpersonationTokenRequest
    from ...models.error_message import ErrorMessage
    from ...models.granular_scope_input import GranularScopeInput
    from ...models.grape_error import GrapeError
    from ...models.impersonation_token import ImpersonationToken
    from ...models.impersonation_token_state import ImpersonationTokenState
    from ...models.impersonation_token_with_token import ImpersonationTokenWithToken
    from ...models.nested_error_message import NestedErrorMessage
    from ...models.o_auth_error import OAuthError
    from ...models.validation_error_message import ValidationErrorMessage

__all__ = ("UsersImpersonationTokensResource", "UsersImpersonationTokensResourceWithRawResponse")


class UsersImpersonationTokensResource(BaseResource):
    """Operations tagged ``users_impersonation_tokens`` in the OpenAPI document."""

    @cached_property
    def with_raw_response(self) -> UsersImpersonationTokensResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return UsersImpersonationTokensResourceWithRawResponse(self)

    async def create(
        self,
        user_id: int,
        *,
        name: str,
        description: str | NotGiven = NOT_GIVEN,
        expires_at: datetime.date | str | NotGiven = NOT_GIVEN,
        scopes: Sequence[str] | NotGiven = NOT_GIVEN,
        granular_scopes: Sequence[GranularScopeInput] | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> ImpersonationTokenWithToken:
        """Create an impersonation token for a user.

        Creates an impersonation token for a user. Administrators only. The token value is
        returned only once. `scopes` and `granular_scopes` cannot both be sent;
        `granular_scopes` needs the `granular_personal_access_tokens` feature flag (404
        otherwise). Without `expires_at` the instance maximum lifetime applies; a date in the
        past is accepted and gives a token that is inactive from the start. No (or empty)
        `scopes` fails the token's validation: 400 `{"message": {"scopes": ["can't be
        blank"]}}`. Granular token permission: `create_impersonation_token`.

        Args:
            user_id: Numeric ID of the user (a username is not accepted here).
            name: Token name.
            description: Token description.
            expires_at: Expiry date (YYYY-MM-DD).
            scopes: Scopes, for example `api` or `read_user`.
            granular_scopes: Fine-grained scopes (needs the `granular_personal_access_tokens` feature
                flag, 404 otherwise).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.create_impersonation_token_request import CreateImpersonationTokenRequest
        from . import users_impersonation_tokens_create as _users_impersonation_tokens_create

        body = build_body(
            CreateImpersonationTokenRequest,
            {
                "name": name,
                "description": description,
                "expires_at": expires_at,
                "scopes": scopes,
                "granular_scopes": granular_scopes,
            },
        )
        return await self._request(
            _users_impersonation_tokens_create.build_request(
                user_id,
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_impersonation_tokens_create.ANSWERS,
            sudo,
            timeout,
        )

    async def get(
        self,
        user_id: int,
        impersonation_token_id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> ImpersonationToken:
        """Get an impersonation token of a user.

        Returns one impersonation token of a user (without its value). Administrators only. 404
        `Impersonation Token Not Found` when it does not exist. Granular token permission:
        `read_impersonation_token`.

        Args:
            user_id: Numeric ID of the user (a username is not accepted here).
            impersonation_token_id: Numeric ID of the impersonation token.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_impersonation_tokens_get as _users_impersonation_tokens_get

        return await self._request(
            _users_impersonation_tokens_get.build_request(
                user_id,
                impersonation_token_id,
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _users_impersonation_tokens_get.ANSWERS,
            sudo,
            timeout,
        )

    def list(
        self,
        user_id: int,
        *,
        state: ImpersonationTokenState
        | Literal["active", "all", "inactive"]
        | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        page: int | NotGiven = NOT_GIVEN,
        max_items: int | None = None,
        max_pages: int | None = None,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> AsyncPaginator[ImpersonationToken]:
        """List the impersonation tokens of a user.

        Lists a user's impersonation tokens. Administrators only. Offset paginated. Granular
        token permission: `read_impersonation_token`.

        Args:
            user_id: Numeric ID of the user (a username is not accepted here).
            state: State filter for impersonation tokens.
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
        from . import users_impersonation_tokens_list as _users_impersonation_tokens_list

        return self._paginate(
            _users_impersonation_tokens_list.build_request(
                user_id,
                state=state,
                extra_headers=extra_headers,
                extra_query=extra_query,
                per_page=per_page,
                page=page,
            ),
            _users_impersonation_tokens_list.ANSWERS,
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )

    async def revoke(
        self,
        user_id: int,
        impersonation_token_id: int,
        *,
        if_unmodified_since: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Revoke an impersonation token of a user.

        Revokes (does not delete) an impersonation token of a user. Administrators only. Honours
        `If-Unmodified-Since`. Granular token permission: `revoke_impersonation_token`.

        Args:
            user_id: Numeric ID of the user (a username is not accepted here).
            impersonation_token_id: Numeric ID of the impersonation token.
            if_unmodified_since: HTTP date. When the resource changed after this time GitLab answers 412 and
                deletes nothing. Unparseable values are ignored.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_impersonation_tokens_revoke as _users_impersonation_tokens_revoke

        return await self._request(
            _users_impersonation_tokens_revoke.build_request(
                user_id,
                impersonation_token_id,
                if_unmodified_since=if_unmodified_since,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_impersonation_tokens_revoke.ANSWERS,
            sudo,
            timeout,
        )


class UsersImpersonationTokensResourceWithRawResponse(
    RawResponseView[UsersImpersonationTokensResource]
):
    """``UsersImpersonationTokensResource``'s operations, returning :class:`Response` objects (status,
    headers, parsed body); list operations return their first page."""

    create = raw_response(UsersImpersonationTokensResource.create)
    get = raw_response(UsersImpersonationTokensResource.get)
    list = raw_page(UsersImpersonationTokensResource.list)
    revoke = raw_response(UsersImpersonationTokensResource.revoke)
