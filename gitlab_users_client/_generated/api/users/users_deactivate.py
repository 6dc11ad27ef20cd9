"""``POST /users/{id}/deactivate``: Deactivate a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...types import (
    Response,
    parse_json,
    path_int,
)

OPERATION_ID = "users_deactivate"
METHOD = "POST"
PATH = "/users/{id}/deactivate"


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


def parse_response(response: httpx.Response) -> bool | None:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 201:
        if not response.content:
            return None
        parsed_201: bool | None = parse_json(bool | None, response.content)
        return parsed_201
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[bool | None]:
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
) -> Response[bool | None]:
    """Deactivate a user.

    Deactivates a user. Administrators only. Answers 201 with `true`; when the user is
    already deactivated, 201 with an empty (`null`) body. A service failure answers with the
    status derived from its reason; the docs name 403 for users that are not dormant, are
    blocked, or are internal. Granular token permission: `deactivate_user`.

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
) -> bool | None:
    """Deactivate a user.

    Deactivates a user. Administrators only. Answers 201 with `true`; when the user is
    already deactivated, 201 with an empty (`null`) body. A service failure answers with the
    status derived from its reason; the docs name 403 for users that are not dormant, are
    blocked, or are internal. Granular token permission: `deactivate_user`.

    Args:
        id: Numeric ID of the user (the route only matches digits).

    """
    return (await asyncio_detailed(id, client=client)).parsed
