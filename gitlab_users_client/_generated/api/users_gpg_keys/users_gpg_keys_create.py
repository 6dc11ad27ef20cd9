"""``POST /users/{id}/gpg_keys``: Add a GPG key to a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.create_gpg_key_request import CreateGpgKeyRequest
from ...models.gpg_key import GpgKey
from ...types import (
    Response,
    parse_json,
    path_int,
)

OPERATION_ID = "users_gpg_keys_create"
METHOD = "POST"
PATH = "/users/{id}/gpg_keys"


def build_request(
    id: int,
    *,
    body: CreateGpgKeyRequest,
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
    request.json = body.model_dump_json(exclude_unset=True, by_alias=True).encode()
    return request


def parse_response(response: httpx.Response) -> GpgKey:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 201:
        parsed_201: GpgKey = parse_json(GpgKey, response.content)
        return parsed_201
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[GpgKey]:
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
    body: CreateGpgKeyRequest,
) -> Response[GpgKey]:
    """Add a GPG key to a user.

    Adds a GPG key to a user. Administrators only. Returns the created key as a single
    object. Granular token permission: `create_user_gpg_key`.

    Args:
        id: Numeric ID of the user (the route only matches digits).

    """
    request = build_request(
        id,
        body=body,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    id: int,
    *,
    client: ApiClient,
    body: CreateGpgKeyRequest,
) -> GpgKey:
    """Add a GPG key to a user.

    Adds a GPG key to a user. Administrators only. Returns the created key as a single
    object. Granular token permission: `create_user_gpg_key`.

    Args:
        id: Numeric ID of the user (the route only matches digits).

    """
    return (await asyncio_detailed(id, body=body, client=client)).parsed
