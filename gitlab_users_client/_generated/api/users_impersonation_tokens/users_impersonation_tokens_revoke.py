"""``DELETE /users/{user_id}/impersonation_tokens/{impersonation_token_id}``: Revoke an impersonation token of a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...types import (
    UNSET,
    Response,
    Unset,
    path_int,
)

OPERATION_ID = "users_impersonation_tokens_revoke"
METHOD = "DELETE"
PATH = "/users/{user_id}/impersonation_tokens/{impersonation_token_id}"


def build_request(
    user_id: int,
    impersonation_token_id: int,
    *,
    if_unmodified_since: str | Unset = UNSET,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            user_id=path_int("user_id", user_id),
            impersonation_token_id=path_int("impersonation_token_id", impersonation_token_id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    if not isinstance(if_unmodified_since, Unset):
        request.headers["If-Unmodified-Since"] = str(if_unmodified_since)
    return request


def parse_response(response: httpx.Response) -> None:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 204:
        return None
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[None]:
    """Wrap the parsed body with the status, headers and raw response."""
    try:
        parse_response(response)
        parsed = None
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
    impersonation_token_id: int,
    *,
    client: ApiClient,
    if_unmodified_since: str | Unset = UNSET,
) -> Response[None]:
    """Revoke an impersonation token of a user.

    Revokes (does not delete) an impersonation token of a user. Administrators only. Honours
    `If-Unmodified-Since`. Granular token permission: `revoke_impersonation_token`.

    Args:
        user_id: Numeric ID of the user (a username is not accepted here).
        impersonation_token_id: Numeric ID of the impersonation token.

    """
    request = build_request(
        user_id,
        impersonation_token_id,
        if_unmodified_since=if_unmodified_since,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    user_id: int,
    impersonation_token_id: int,
    *,
    client: ApiClient,
    if_unmodified_since: str | Unset = UNSET,
) -> None:
    """Revoke an impersonation token of a user.

    Revokes (does not delete) an impersonation token of a user. Administrators only. Honours
    `If-Unmodified-Since`. Granular token permission: `revoke_impersonation_token`.

    Args:
        user_id: Numeric ID of the user (a username is not accepted here).
        impersonation_token_id: Numeric ID of the impersonation token.

    """
    return (
        await asyncio_detailed(
            user_id, impersonation_token_id, if_unmodified_since=if_unmodified_since, client=client
        )
    ).parsed
