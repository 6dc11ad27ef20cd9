"""``DELETE /user/gpg_keys/{key_id}``: Delete one of your GPG keys (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...types import (
    UNSET,
    Response,
    Unset,
    path_int,
)

OPERATION_ID = "user_gpg_keys_delete"
METHOD = "DELETE"
PATH = "/user/gpg_keys/{key_id}"


def build_request(
    key_id: int,
    *,
    if_unmodified_since: str | Unset = UNSET,
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
    if not isinstance(if_unmodified_since, Unset):
        request.headers["If-Unmodified-Since"] = str(if_unmodified_since)
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
    key_id: int,
    *,
    client: ApiClient,
    if_unmodified_since: str | Unset = UNSET,
) -> Response[None]:
    """Delete one of your GPG keys.

    Deletes one GPG key of the authenticated user (signatures stay verified; use revoke to
    unverify them). Honours `If-Unmodified-Since`.

    Args:
        key_id: Numeric ID of the key.

    """
    request = build_request(
        key_id,
        if_unmodified_since=if_unmodified_since,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    key_id: int,
    *,
    client: ApiClient,
    if_unmodified_since: str | Unset = UNSET,
) -> None:
    """Delete one of your GPG keys.

    Deletes one GPG key of the authenticated user (signatures stay verified; use revoke to
    unverify them). Honours `If-Unmodified-Since`.

    Args:
        key_id: Numeric ID of the key.

    """
    return (
        await asyncio_detailed(key_id, if_unmodified_since=if_unmodified_since, client=client)
    ).parsed
