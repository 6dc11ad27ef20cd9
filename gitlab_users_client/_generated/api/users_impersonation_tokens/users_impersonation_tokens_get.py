"""``GET /users/{user_id}/impersonation_tokens/{impersonation_token_id}``: Get an impersonation token of a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.impersonation_token import ImpersonationToken
from ...types import (
    Response,
    parse_json,
    path_int,
)

OPERATION_ID = "users_impersonation_tokens_get"
METHOD = "GET"
PATH = "/users/{user_id}/impersonation_tokens/{impersonation_token_id}"


def build_request(
    user_id: int,
    impersonation_token_id: int,
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
    return request


def parse_response(response: httpx.Response) -> ImpersonationToken:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: ImpersonationToken = parse_json(ImpersonationToken, response.content)
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[ImpersonationToken]:
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
    impersonation_token_id: int,
    *,
    client: ApiClient,
) -> Response[ImpersonationToken]:
    """Get an impersonation token of a user.

    Returns one impersonation token of a user (without its value). Administrators only. 404
    `Impersonation Token Not Found` when it does not exist. Granular token permission:
    `read_impersonation_token`.

    Args:
        user_id: Numeric ID of the user (a username is not accepted here).
        impersonation_token_id: Numeric ID of the impersonation token.

    """
    request = build_request(
        user_id,
        impersonation_token_id,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    user_id: int,
    impersonation_token_id: int,
    *,
    client: ApiClient,
) -> ImpersonationToken:
    """Get an impersonation token of a user.

    Returns one impersonation token of a user (without its value). Administrators only. 404
    `Impersonation Token Not Found` when it does not exist. Granular token permission:
    `read_impersonation_token`.

    Args:
        user_id: Numeric ID of the user (a username is not accepted here).
        impersonation_token_id: Numeric ID of the impersonation token.

    """
    return (await asyncio_detailed(user_id, impersonation_token_id, client=client)).parsed
