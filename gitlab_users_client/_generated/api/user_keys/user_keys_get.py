"""``GET /user/keys/{key_id}``: Get one of your SSH keys (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.ssh_key import SshKey
from ...types import (
    Response,
    parse_json,
    path_int,
)

OPERATION_ID = "user_keys_get"
METHOD = "GET"
PATH = "/user/keys/{key_id}"


def build_request(
    key_id: int,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            key_id=path_int("key_id", key_id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    return request


def parse_response(response: httpx.Response) -> SshKey:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: SshKey = parse_json(SshKey, response.content)
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[SshKey]:
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
    key_id: int,
    *,
    client: ApiClient,
) -> Response[SshKey]:
    """Get one of your SSH keys.

    Returns one SSH key of the authenticated user. Needs authentication like every /user
    route. 404 `Key` when it does not exist or belongs to someone else.

    Args:
        key_id: Numeric ID of the key.

    """
    request = build_request(
        key_id,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    key_id: int,
    *,
    client: ApiClient,
) -> SshKey:
    """Get one of your SSH keys.

    Returns one SSH key of the authenticated user. Needs authentication like every /user
    route. 404 `Key` when it does not exist or belongs to someone else.

    Args:
        key_id: Numeric ID of the key.

    """
    return (await asyncio_detailed(key_id, client=client)).parsed
