"""``GET /users/{id}/support_pin``: Get the Support PIN of a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.user_support_pin import UserSupportPin
from ...types import (
    Response,
    parse_json,
    path_int,
)

OPERATION_ID = "users_get_support_pin"
METHOD = "GET"
PATH = "/users/{id}/support_pin"


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


def parse_response(response: httpx.Response) -> UserSupportPin:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: UserSupportPin = parse_json(UserSupportPin, response.content)
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[UserSupportPin]:
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
) -> Response[UserSupportPin]:
    """Get the Support PIN of a user.

    Returns a user's current Support PIN and its expiry. Administrators only. 404 "Support
    PIN not found or expired" when there is none; 422 when it cannot be read. Granular token
    permission: `read_user_support_pin`.

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
) -> UserSupportPin:
    """Get the Support PIN of a user.

    Returns a user's current Support PIN and its expiry. Administrators only. 404 "Support
    PIN not found or expired" when there is none; 422 when it cannot be read. Granular token
    permission: `read_user_support_pin`.

    Args:
        id: Numeric ID of the user (the route only matches digits).

    """
    return (await asyncio_detailed(id, client=client)).parsed
