"""Resource ``personal_access_tokens`` (generated from the OpenAPI document; do not edit)."""

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
    from ...models.personal_access_token import PersonalAccessToken
    from ...models.personal_access_token_associations import PersonalAccessTokenAssociations
    from ...models.personal_access_token_sort import PersonalAccessTokenSort
    from ...models.personal_access_token_state import PersonalAccessTokenState
    from ...models.personal_access_token_with_token import PersonalAccessTokenWithToken
    from ...models.rotate_personal_access_token_request import RotatePersonalAccessTokenRequest
    from ...models.validation_error_message import ValidationErrorMessage

__all__ = ("PersonalAccessTokensResource", "PersonalAccessTokensResourceWithRawResponse")


class PersonalAccessTokensResource(BaseResource):
    """Operations tagged ``personal_access_tokens`` in the OpenAPI document."""

    @cached_property
    def with_raw_response(self) -> PersonalAccessTokensResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return PersonalAccessTokensResourceWithRawResponse(self)

    async def get(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> PersonalAccessToken:
        """Get a personal access token.

        Returns one personal access token (without its value). Administrators may read any token
        and get 404 `404 Not Found` for an ID that does not exist; anyone else may only read
        their own tokens and gets 401 for every other ID, existing or not. Granular token
        permission: `read_personal_access_token`.

        Args:
            id: Numeric ID of the personal access token.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import personal_access_tokens_get as _personal_access_tokens_get

        return await self._request(
            _personal_access_tokens_get.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _personal_access_tokens_get.ANSWERS,
            sudo,
            timeout,
        )

    def list(
        self,
        *,
        user_id: int | NotGiven = NOT_GIVEN,
        revoked: bool | NotGiven = NOT_GIVEN,
        state: PersonalAccessTokenState | Literal["active", "inactive"] | NotGiven = NOT_GIVEN,
        created_before: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        created_after: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        last_used_before: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        last_used_after: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        expires_before: datetime.date | str | NotGiven = NOT_GIVEN,
        expires_after: datetime.date | str | NotGiven = NOT_GIVEN,
        search: str | NotGiven = NOT_GIVEN,
        sort: PersonalAccessTokenSort
        | Literal[
            "created_asc",
            "created_at_asc",
            "created_at_desc",
            "created_date",
            "created_desc",
            "expires_asc",
            "expires_at_asc_id_desc",
            "expires_desc",
            "id_asc",
            "id_desc",
            "last_used_asc",
            "last_used_desc",
            "name_asc",
            "name_desc",
            "updated_asc",
            "updated_at_asc",
            "updated_at_desc",
            "updated_desc",
        ]
        | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        page: int | NotGiven = NOT_GIVEN,
        max_items: int | None = None,
        max_pages: int | None = None,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> AsyncPaginator[PersonalAccessToken]:
        """List personal access tokens.

        Lists personal access tokens: every token of the instance for an administrator
        (impersonation tokens included; narrow with `user_id`), the caller's own non-
        impersonation tokens for anyone else. Ordered by ID unless `sort` says otherwise. Offset
        paginated. A non-administrator who names another user in `user_id` gets 401; an
        administrator who names a user that does not exist (or sends an empty `user_id`) gets
        404 `404 Not Found`. Granular token permission: `read_personal_access_token`.

        Args:
            user_id: Only the tokens of this user (administrators; others may only name
                themselves).
            revoked: Only revoked (`true`) or only not revoked (`false`) tokens.
            state: State filter for personal access tokens.
            created_before: Only tokens created at or before this time.
            created_after: Only tokens created at or after this time.
            last_used_before: Only tokens last used at or before this time (never-used tokens are left
                out).
            last_used_after: Only tokens last used at or after this time.
            expires_before: Only tokens that expire before this day (tokens without an expiry date are
                left out).
            expires_after: Only tokens that expire on or after this day.
            search: Only tokens whose name contains this text (case-insensitive).
            sort: Sort order of personal access tokens (`Sortable.simple_sorts` plus the
                token's own expiry and last-use orders, each with ID descending as tie-
                breaker).
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
        from . import personal_access_tokens_list as _personal_access_tokens_list

        return self._paginate(
            _personal_access_tokens_list.build_request(
                user_id=user_id,
                revoked=revoked,
                state=state,
                created_before=created_before,
                created_after=created_after,
                last_used_before=last_used_before,
                last_used_after=last_used_after,
                expires_before=expires_before,
                expires_after=expires_after,
                search=search,
                sort=sort,
                extra_headers=extra_headers,
                extra_query=extra_query,
                per_page=per_page,
                page=page,
            ),
            _personal_access_tokens_list.ANSWERS,
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )

    async def revoke(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Revoke a personal access token.

        Revokes a personal access token (the record stays, `revoked: true`). Administrators may
        revoke any token, impersonation tokens included; anyone else only their own personal
        access tokens: 400 `400 Bad request - Not permitted to revoke` otherwise. 404 `404 Not
        found` when no token has this ID. Revoking a revoked token again succeeds. Granular
        token permission: `revoke_personal_access_token`.

        Args:
            id: Numeric ID of the personal access token.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import personal_access_tokens_revoke as _personal_access_tokens_revoke

        return await self._request(
            _personal_access_tokens_revoke.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _personal_access_tokens_revoke.ANSWERS,
            sudo,
            timeout,
        )

    async def revoke_self(
        self,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Revoke the token you are using.

        Revokes the personal access token that authenticates the request, whatever its scopes;
        it stops working at once. A non-administrator cannot revoke an impersonation token this
        way: 400 `400 Bad request - Not permitted to revoke`. Granular token permission:
        `revoke_personal_access_token`.

        Args:
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import personal_access_tokens_revoke_self as _personal_access_tokens_revoke_self

        return await self._request(
            _personal_access_tokens_revoke_self.build_request(
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _personal_access_tokens_revoke_self.ANSWERS,
            sudo,
            timeout,
        )

    async def rotate(
        self,
        id: int,
        *,
        expires_at: datetime.date | str | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> PersonalAccessTokenWithToken:
        """Rotate a personal access token.

        Revokes a personal access token and returns its successor: same name, description,
        scopes and kind (impersonation tokens stay impersonation tokens), a new ID and value.
        Without `expires_at` the new token expires in one week; a date past the instance's
        maximum lifetime answers 400 `400 Bad request - Expires at must be before <date>` and
        leaves the old token working, as does 400 `400 Bad request - Token already revoked`.
        Administrators may rotate any token (404 for an ID that does not exist); anyone else
        only their own (401 otherwise). Granular token permission:
        `rotate_personal_access_token`.

        Args:
            id: Numeric ID of the personal access token.
            expires_at: Expiry date of the new token (YYYY-MM-DD). Server default: one week from
                today. At most the instance's maximum token lifetime from today.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.rotate_personal_access_token_request import RotatePersonalAccessTokenRequest
        from . import personal_access_tokens_rotate as _personal_access_tokens_rotate

        body = build_body(
            RotatePersonalAccessTokenRequest,
            {
                "expires_at": expires_at,
            },
        )
        return await self._request(
            _personal_access_tokens_rotate.build_request(
                id,
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _personal_access_tokens_rotate.ANSWERS,
            sudo,
            timeout,
        )

    async def rotate_self(
        self,
        *,
        expires_at: datetime.date | str | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> PersonalAccessTokenWithToken:
        """Rotate the token you are using.

        Revokes the personal access token that authenticates the request and returns its
        successor (same name, description, scopes; a new ID and value). Needs a token with the
        `api` or `self_rotate` scope (403 otherwise). Without `expires_at` the new token expires
        in one week; a date past the instance's maximum lifetime answers 400 `400 Bad request -
        Expires at must be before <date>` and leaves the old token working. Using a rotated
        (revoked) token again answers 401 and revokes its successors too. Granular token
        permission: `rotate_personal_access_token`.

        Args:
            expires_at: Expiry date of the new token (YYYY-MM-DD). Server default: one week from
                today. At most the instance's maximum token lifetime from today.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.rotate_personal_access_token_request import RotatePersonalAccessTokenRequest
        from . import personal_access_tokens_rotate_self as _personal_access_tokens_rotate_self

        body = build_body(
            RotatePersonalAccessTokenRequest,
            {
                "expires_at": expires_at,
            },
        )
        return await self._request(
            _personal_access_tokens_rotate_self.build_request(
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _personal_access_tokens_rotate_self.ANSWERS,
            sudo,
            timeout,
        )

    async def self(
        self,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> PersonalAccessToken:
        """Get the token you are using.

        Returns the personal access token that authenticates the request, whatever its scopes.
        400 `400 Bad request - This endpoint requires token type to be a personal access token`
        for other credentials (OAuth tokens); 401 for a revoked, expired or unknown token.
        Granular token permission: `read_personal_access_token`.

        Args:
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import personal_access_tokens_self as _personal_access_tokens_self

        return await self._request(
            _personal_access_tokens_self.build_request(
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _personal_access_tokens_self.ANSWERS,
            sudo,
            timeout,
        )

    async def self_associations(
        self,
        *,
        min_access_level: int | NotGiven = NOT_GIVEN,
        page: int | NotGiven = NOT_GIVEN,
        per_page: int | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> PersonalAccessTokenAssociations:
        """List the groups and projects the token you are using reaches.

        Lists the groups and projects the caller is a member of, as reachable with the personal
        access token that authenticates the request. `page` and `per_page` apply to both lists
        separately (the pagination headers describe the projects list). Granular token
        permission: `read_personal_access_token`.

        Args:
            min_access_level: Only groups and projects where the caller has at least this access level
                (10, 15, 20, 30, 40 or 50).
            page: Page of both lists. Server default 1.
            per_page: Items per page of each list. Server default 20; values above 100 are clamped
                to 100.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import (
            personal_access_tokens_self_associations as _personal_access_tokens_self_associations,
        )

        return await self._request(
            _personal_access_tokens_self_associations.build_request(
                min_access_level=min_access_level,
                page=page,
                per_page=per_page,
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _personal_access_tokens_self_associations.ANSWERS,
            sudo,
            timeout,
        )


class PersonalAccessTokensResourceWithRawResponse(RawResponseView[PersonalAccessTokensResource]):
    """``PersonalAccessTokensResource``'s operations, returning :class:`Response` objects (status,
    headers, parsed body); list operations return their first page."""

    get = raw_response(PersonalAccessTokensResource.get)
    list = raw_page(PersonalAccessTokensResource.list)
    revoke = raw_response(PersonalAccessTokensResource.revoke)
    revoke_self = raw_response(PersonalAccessTokensResource.revoke_self)
    rotate = raw_response(PersonalAccessTokensResource.rotate)
    rotate_self = raw_response(PersonalAccessTokensResource.rotate_self)
    self = raw_response(PersonalAccessTokensResource.self)
    self_associations = raw_response(PersonalAccessTokensResource.self_associations)
