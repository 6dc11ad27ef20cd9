"""``DELETE /users/{id}/identities/{provider}``: Delete an authentication identity of a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...types import (
    UNSET,
    Response,
    Unset,
    path_int,
    path_str,
)

OPERATION_ID = "users_delete_identity"
METHOD = "DELETE"
PATH = "/users/{id}/identities/{provider}"


def build_request(
    id: int,
    provider: str,
    *,
    if_unmodified_since: str | Unset = UNSET,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            id=path_int("id", id),
            provider=path_str("provider", provider),
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
    id: int,
    provider: str,
    *,
    client: ApiClient,
    if_unmodified_since: str | Unset = UNSET,
) -> Response[None]:
    """Delete an authentication identity of a user.

    Removes the user's external authentication identity for the given provider.
    Administrators only. 404 when the user or the identity does not exist. Honours `If-
    Unmodified-Since`. Granular token permission: `delete_identity`.

    Args:
        id: Numeric ID of the user (the route only matches digits).
        provider: Name of the external authentication provider, for example `github` or `saml`.

    """
    request = build_request(
        id,
        provider,
        if_unmodified_since=if_unmodified_since,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    id: int,
    provider: str,
    *,
    client: ApiClient,
    if_unmodified_since: str | Unset = UNSET,
) -> None:
    """Delete an authentication identity of a user.

    Removes the user's external authentication identity for the given provider.
    Administrators only. 404 when the user or the identity does not exist. Honours `If-
    Unmodified-Since`. Granular token permission: `delete_identity`.

    Args:
        id: Numeric ID of the user (the route only matches digits).
        provider: Name of the external authentication provider, for example `github` or `saml`.

    """
    return (
        await asyncio_detailed(id, provider, if_unmodified_since=if_unmodified_since, client=client)
    ).parsed
