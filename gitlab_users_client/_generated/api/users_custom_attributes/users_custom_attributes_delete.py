"""``DELETE /users/{id}/custom_attributes/{key}``: Delete a custom attribute of a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...types import (
    Response,
    path_int,
    path_str,
)

OPERATION_ID = "users_custom_attributes_delete"
METHOD = "DELETE"
PATH = "/users/{id}/custom_attributes/{key}"


def build_request(
    id: int,
    key: str,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            id=path_int("id", id),
            key=path_str("key", key),
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
    key: str,
    *,
    client: ApiClient,
) -> Response[None]:
    """Delete a custom attribute of a user.

    Deletes one custom attribute of a user. Administrators only in practice. 404 `Custom
    attribute Not Found` when the key does not exist.

    Args:
        id: Numeric ID of the user (the route only matches digits).
        key: Key of the custom attribute.

    """
    request = build_request(
        id,
        key,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    id: int,
    key: str,
    *,
    client: ApiClient,
) -> None:
    """Delete a custom attribute of a user.

    Deletes one custom attribute of a user. Administrators only in practice. 404 `Custom
    attribute Not Found` when the key does not exist.

    Args:
        id: Numeric ID of the user (the route only matches digits).
        key: Key of the custom attribute.

    """
    return (await asyncio_detailed(id, key, client=client)).parsed
