"""``GET /users/{user_id}/impersonation_tokens``: List the impersonation tokens of a user (generated; do not edit)."""

from __future__ import annotations

from typing import Literal

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.impersonation_token import ImpersonationToken
from ...models.impersonation_token_state import ImpersonationTokenState
from ...types import (
    UNSET,
    Response,
    Unset,
    parse_json,
    path_int,
    q_enum,
    q_int,
)

OPERATION_ID = "users_impersonation_tokens_list"
METHOD = "GET"
PATH = "/users/{user_id}/impersonation_tokens"


def build_request(
    user_id: int,
    *,
    state: ImpersonationTokenState | Literal["active", "all", "inactive"] | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(state, Unset):
        params.append(("state", q_enum("state", state, ImpersonationTokenState)))
    if not isinstance(page, Unset):
        params.append(("page", q_int("page", page)))
    if not isinstance(per_page, Unset):
        params.append(("per_page", q_int("per_page", per_page)))
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            user_id=path_int("user_id", user_id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    return request


def parse_response(response: httpx.Response) -> list[ImpersonationToken]:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: list[ImpersonationToken] = parse_json(
            list[ImpersonationToken], response.content
        )
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(
    client: ApiClient, response: httpx.Response
) -> Response[list[ImpersonationToken]]:
    """Wrap the parsed body with the status, headers and raw response."""
    try:
        parsed = parse_response(response)
    except ValueError as exc:  # pydantic.ValidationError, bad JSON, undocumented status
        raise client.response_error(response, exc) from exc
    return Response(
        status_code=response.status_code,
        headers=response.headers,
        content=response.content,
        parsed=parsed,
        http_response=response,
    )


async def asyncio_detailed(
    user_id: int,
    *,
    client: ApiClient,
    state: ImpersonationTokenState | Literal["active", "all", "inactive"] | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> Response[list[ImpersonationToken]]:
    """List the impersonation tokens of a user.

    Lists a user's impersonation tokens. Administrators only. Offset paginated. Granular
    token permission: `read_impersonation_token`.

    Args:
        user_id: Numeric ID of the user (a username is not accepted here).
        state: State filter for impersonation tokens.
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.

    """
    request = build_request(
        user_id,
        state=state,
        page=page,
        per_page=per_page,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    user_id: int,
    *,
    client: ApiClient,
    state: ImpersonationTokenState | Literal["active", "all", "inactive"] | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> list[ImpersonationToken]:
    """List the impersonation tokens of a user.

    Lists a user's impersonation tokens. Administrators only. Offset paginated. Granular
    token permission: `read_impersonation_token`.

    Args:
        user_id: Numeric ID of the user (a username is not accepted here).
        state: State filter for impersonation tokens.
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.

    """
    return (
        await asyncio_detailed(user_id, state=state, page=page, per_page=per_page, client=client)
    ).parsed
