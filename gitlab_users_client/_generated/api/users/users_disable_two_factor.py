"""``PATCH /users/{id}/disable_two_factor``: Disable two-factor authentication for a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...types import (
    Response,
    path_int,
)

OPERATION_ID = "users_disable_two_factor"
METHOD = "PATCH"
PATH = "/users/{id}/disable_two_factor"


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
    id: int,
    *,
    client: ApiClient,
) -> Response[None]:
    """Disable two-factor authentication for a user.

    Turns off two-factor authentication for a user. Administrators only, and the target may
    not be an administrator (403; use the Rails console instead). 400 with the service
    message when it fails, for example when 2FA is not enabled. Granular token permission:
    `disable_two_factor_user`.

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
) -> None:
    """Disable two-factor authentication for a user.

    Turns off two-factor authentication for a user. Administrators only, and the target may
    not be an administrator (403; use the Rails console instead). 400 with the service
    message when it fails, for example when 2FA is not enabled. Granular token permission:
    `disable_two_factor_user`.

    Args:
        id: Numeric ID of the user (the route only matches digits).

    """
    return (await asyncio_detailed(id, client=client)).parsed
