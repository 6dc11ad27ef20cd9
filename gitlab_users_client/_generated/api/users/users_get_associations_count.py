"""``GET /users/{id}/associations_count``: Get counts of a user's groups, projects, issues and merge requests (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.user_associations_count import UserAssociationsCount
from ...types import (
    Response,
    parse_json,
    path_int,
)

OPERATION_ID = "users_get_associations_count"
METHOD = "GET"
PATH = "/users/{id}/associations_count"


def build_request(
    id: int,
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
    return request


def parse_response(response: httpx.Response) -> UserAssociationsCount:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: UserAssociationsCount = parse_json(UserAssociationsCount, response.content)
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[UserAssociationsCount]:
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
) -> Response[UserAssociationsCount]:
    """Get counts of a user's groups, projects, issues and merge requests.

    Returns how many groups, projects, issues and merge requests a user is associated with.
    A user may query themselves; administrators may query anyone (403 otherwise). Granular
    token permission: `read_user_association`.

    Args:
        id: Numeric ID of the user (the route only matches digits).

    """
    request = build_request(
        id,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    id: int,
    *,
    client: ApiClient,
) -> UserAssociationsCount:
    """Get counts of a user's groups, projects, issues and merge requests.

    Returns how many groups, projects, issues and merge requests a user is associated with.
    A user may query themselves; administrators may query anyone (403 otherwise). Granular
    token permission: `read_user_association`.

    Args:
        id: Numeric ID of the user (the route only matches digits).

    """
    return (await asyncio_detailed(id, client=client)).parsed
