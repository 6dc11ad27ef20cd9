"""``POST /users/{id}/unfollow``: Unfollow a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.user_basic import UserBasic
from ...types import (
    Response,
    parse_json,
    path_int,
)

OPERATION_ID = "users_unfollow"
METHOD = "POST"
PATH = "/users/{id}/unfollow"


def build_request(
    id: int,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            id=path_int("id", id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    return request


def parse_response(response: httpx.Response) -> UserBasic | None:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 201:
        parsed_201: UserBasic = parse_json(UserBasic, response.content)
        return parsed_201
    if status == 304:
        return None
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[UserBasic | None]:
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
    id: int,
    *,
    client: ApiClient,
) -> Response[UserBasic | None]:
    """Unfollow a user.

    The authenticated user stops following the given user. Any signed-in user. Returns the
    unfollowed user, or 304 with no body when it was not followed. Granular token
    permission: `unfollow_user`.

    Args:
        id: Numeric ID of the user (the route only matches digits).

    """
    request = build_request(
        id,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    id: int,
    *,
    client: ApiClient,
) -> UserBasic | None:
    """Unfollow a user.

    The authenticated user stops following the given user. Any signed-in user. Returns the
    unfollowed user, or 304 with no body when it was not followed. Granular token
    permission: `unfollow_user`.

    Args:
        id: Numeric ID of the user (the route only matches digits).

    """
    return (await asyncio_detailed(id, client=client)).parsed
