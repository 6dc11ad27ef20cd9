"""``POST /users/{user_id}/keys``: Add an SSH key to a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.create_ssh_key_request import CreateSshKeyRequest
from ...models.ssh_key import SshKey
from ...types import (
    Response,
    parse_json,
    path_int,
)

OPERATION_ID = "users_keys_create"
METHOD = "POST"
PATH = "/users/{user_id}/keys"


def build_request(
    user_id: int,
    *,
    body: CreateSshKeyRequest,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            user_id=path_int("user_id", user_id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    request.json = body.model_dump_json(exclude_unset=True, by_alias=True).encode()
    return request


def parse_response(response: httpx.Response) -> SshKey:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 201:
        parsed_201: SshKey = parse_json(SshKey, response.content)
        return parsed_201
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
    user_id: int,
    *,
    client: ApiClient,
    body: CreateSshKeyRequest,
) -> Response[SshKey]:
    """Add an SSH key to a user.

    Adds an SSH key to a user. Administrators only. The user must be given by numeric ID.
    400 with per-field messages when the key is invalid or already taken. Granular token
    permission: `create_user_ssh_key`.

    Args:
        user_id: Numeric ID of the user (a username is not accepted here).

    """
    request = build_request(
        user_id,
        body=body,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    user_id: int,
    *,
    client: ApiClient,
    body: CreateSshKeyRequest,
) -> SshKey:
    """Add an SSH key to a user.

    Adds an SSH key to a user. Administrators only. The user must be given by numeric ID.
    400 with per-field messages when the key is invalid or already taken. Granular token
    permission: `create_user_ssh_key`.

    Args:
        user_id: Numeric ID of the user (a username is not accepted here).

    """
    return (await asyncio_detailed(user_id, body=body, client=client)).parsed
