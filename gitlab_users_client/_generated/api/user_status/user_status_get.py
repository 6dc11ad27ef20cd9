"""``GET /user/status``: Get your status (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.user_status import UserStatus
from ...types import (
    Response,
    parse_json,
)

OPERATION_ID = "user_status_get"
METHOD = "GET"
PATH = "/user/status"


def build_request() -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH,
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
    *,
    client: ApiClient,
) -> Response[UserStatus]:
    """Get your status.

    Returns the authenticated user's status. Every field is null when no status is set.

    """
    request = build_request()
    return build_response(client, await client.send(request))


async def asyncio(
    *,
    client: ApiClient,
) -> UserStatus:
    """Get your status.

    Returns the authenticated user's status. Every field is null when no status is set.

    """
    return (await asyncio_detailed(client=client)).parsed
