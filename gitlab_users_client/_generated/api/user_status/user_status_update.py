"""``PATCH /user/status``: Update your status (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.set_user_status_request import SetUserStatusRequest
from ...models.user_status import UserStatus
from ...types import (
    UNSET,
    Response,
    Unset,
    parse_json,
)

OPERATION_ID = "user_status_update"
METHOD = "PATCH"
PATH = "/user/status"


def build_request(
    *,
    body: SetUserStatusRequest | Unset = UNSET,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH,
        operation_id=OPERATION_ID,
        params=params,
    )
    if isinstance(body, Unset):
        return request
    request.json = body.model_dump_json(exclude_unset=True, by_alias=True).encode()
    return request


def parse_response(response: httpx.Response) -> None | UserStatus:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        if not response.content:
            return None
        parsed_200: None | UserStatus = parse_json(None | UserStatus, response.content)
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[None | UserStatus]:
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
    body: SetUserStatusRequest | Unset = UNSET,
) -> Response[None | UserStatus]:
    """Update your status.

    Updates the authenticated user's status: attributes left out are kept, an explicit null
    clears one. When no attribute at all is sent GitLab answers 200 with an empty body
    (null). 403 when the user may not update their status.

    """
    request = build_request(
        body=body,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    *,
    client: ApiClient,
    body: SetUserStatusRequest | Unset = UNSET,
) -> None | UserStatus:
    """Update your status.

    Updates the authenticated user's status: attributes left out are kept, an explicit null
    clears one. When no attribute at all is sent GitLab answers 200 with an empty body
    (null). 403 when the user may not update their status.

    """
    return (await asyncio_detailed(body=body, client=client)).parsed
