"""``GET /users/{user_id}/status``: Get the status of a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.user_status import UserStatus
from ...types import (
    Response,
    parse_json,
    path_id,
)

OPERATION_ID = "users_get_status"
METHOD = "GET"
PATH = "/users/{user_id}/status"


def build_request(
    user_id: int | str,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            user_id=path_id("user_id", user_id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    return request


def parse_response(response: httpx.Response) -> UserStatus:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: UserStatus = parse_json(UserStatus, response.content)
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[UserStatus]:
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
    user_id: int | str,
    *,
    client: ApiClient,
) -> Response[UserStatus]:
    """Get the status of a user.

    Returns a user's status. Public: no token needed (the instance may still restrict it).
    The user is given by ID or username. Every field is null when the user has no status.
    Rate limited by the `user_status` application limit (default 240 per minute, per user or
    IP). Granular token permission: `read_user_status`.

    Args:
        user_id: Numeric ID or username of the user. An all-digit value is always read as an ID,
            so an all-digit username can only be reached by its ID.

    """
    request = build_request(
        user_id,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    user_id: int | str,
    *,
    client: ApiClient,
) -> UserStatus:
    """Get the status of a user.

    Returns a user's status. Public: no token needed (the instance may still restrict it).
    The user is given by ID or username. Every field is null when the user has no status.
    Rate limited by the `user_status` application limit (default 240 per minute, per user or
    IP). Granular token permission: `read_user_status`.

    Args:
        user_id: Numeric ID or username of the user. An all-digit value is always read as an ID,
            so an all-digit username can only be reached by its ID.

    """
    return (await asyncio_detailed(user_id, client=client)).parsed
