"""``POST /user/support_pin``: Create a Support PIN (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.user_support_pin import UserSupportPin
from ...types import (
    Response,
    parse_json,
)

OPERATION_ID = "user_support_pin_create"
METHOD = "POST"
PATH = "/user/support_pin"


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


def parse_response(response: httpx.Response) -> UserSupportPin:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 201:
        parsed_201: UserSupportPin = parse_json(UserSupportPin, response.content)
        return parsed_201
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
    *,
    client: ApiClient,
) -> Response[UserSupportPin]:
    """Create a Support PIN.

    Creates a Support PIN for the authenticated user, valid for seven days, to prove
    identity to GitLab Support. 422 with the service message when it fails. Granular token
    permission: `create_user_support_pin`.

    """
    request = build_request()
    return build_response(client, await client.send(request))


async def asyncio(
    *,
    client: ApiClient,
) -> UserSupportPin:
    """Create a Support PIN.

    Creates a Support PIN for the authenticated user, valid for seven days, to prove
    identity to GitLab Support. 422 with the service message when it fails. Granular token
    permission: `create_user_support_pin`.

    """
    return (await asyncio_detailed(client=client)).parsed
