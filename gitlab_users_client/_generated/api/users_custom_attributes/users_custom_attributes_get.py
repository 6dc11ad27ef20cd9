"""``GET /users/{id}/custom_attributes/{key}``: Get a custom attribute of a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.custom_attribute import CustomAttribute
from ...types import (
    Response,
    parse_json,
    path_int,
    path_str,
)

OPERATION_ID = "users_custom_attributes_get"
METHOD = "GET"
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


def parse_response(response: httpx.Response) -> CustomAttribute:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: CustomAttribute = parse_json(CustomAttribute, response.content)
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[CustomAttribute]:
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
    key: str,
    *,
    client: ApiClient,
) -> Response[CustomAttribute]:
    """Get a custom attribute of a user.

    Returns one custom attribute of a user. Administrators only in practice. 404 (`404 Not
    found`) when the key does not exist.

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
) -> CustomAttribute:
    """Get a custom attribute of a user.

    Returns one custom attribute of a user. Administrators only in practice. 404 (`404 Not
    found`) when the key does not exist.

    Args:
        id: Numeric ID of the user (the route only matches digits).
        key: Key of the custom attribute.

    """
    return (await asyncio_detailed(id, key, client=client)).parsed
