"""``GET /users/{id}/following``: List the accounts a user follows (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.user_basic import UserBasic
from ...types import (
    UNSET,
    Response,
    Unset,
    parse_json,
    path_int,
    q_int,
)

OPERATION_ID = "users_list_following"
METHOD = "GET"
PATH = "/users/{id}/following"


def build_request(
    id: int,
    *,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(page, Unset):
        params.append(("page", q_int("page", page)))
    if not isinstance(per_page, Unset):
        params.append(("per_page", q_int("per_page", per_page)))
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            id=path_int("id", id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    return request


def parse_response(response: httpx.Response) -> list[UserBasic]:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: list[UserBasic] = parse_json(list[UserBasic], response.content)
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[list[UserBasic]]:
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
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> Response[list[UserBasic]]:
    """List the accounts a user follows.

    Lists the users that the given user follows. Needs a signed-in user (an anonymous call
    gets 403). 404 when the caller may not read the user's profile (for example a private
    profile). Offset paginated. Rate limited by the `user_following` application limit
    (default 100 per minute; callers who can read all resources are exempt). Granular token
    permission: `read_user_following`.

    Args:
        id: Numeric ID of the user (the route only matches digits).
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.

    """
    request = build_request(
        id,
        page=page,
        per_page=per_page,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    id: int,
    *,
    client: ApiClient,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> list[UserBasic]:
    """List the accounts a user follows.

    Lists the users that the given user follows. Needs a signed-in user (an anonymous call
    gets 403). 404 when the caller may not read the user's profile (for example a private
    profile). Offset paginated. Rate limited by the `user_following` application limit
    (default 100 per minute; callers who can read all resources are exempt). Granular token
    permission: `read_user_following`.

    Args:
        id: Numeric ID of the user (the route only matches digits).
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.

    """
    return (await asyncio_detailed(id, page=page, per_page=per_page, client=client)).parsed
