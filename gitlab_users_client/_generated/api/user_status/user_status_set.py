"""``PUT /user/status``: Set your status (generated; do not edit)."""

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

OPERATION_ID = "user_status_set"
METHOD = "PUT"
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
    body: SetUserStatusRequest | Unset = UNSET,
) -> Response[UserStatus]:
    """Set your status.

    Replaces the authenticated user's status: every attribute left out is cleared. Without
    `emoji` GitLab uses `speech_balloon` when a message is set. 403 when the user may not
    update their status. Granular token permission: `update_user_status`.

    """
    request = build_request(
        body=body,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    *,
    client: ApiClient,
    body: SetUserStatusRequest | Unset = UNSET,
) -> UserStatus:
    """Set your status.

    Replaces the authenticated user's status: every attribute left out is cleared. Without
    `emoji` GitLab uses `speech_balloon` when a message is set. 403 when the user may not
    update their status. Granular token permission: `update_user_status`.

    """
    return (await asyncio_detailed(body=body, client=client)).parsed
