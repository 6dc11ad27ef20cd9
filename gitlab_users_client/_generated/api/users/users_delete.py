"""``DELETE /users/{id}``: Delete a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...types import (
    UNSET,
    Response,
    Unset,
    path_int,
    q_bool,
)

OPERATION_ID = "users_delete"
METHOD = "DELETE"
PATH = "/users/{id}"


def build_request(
    id: int,
    *,
    hard_delete: bool | Unset = UNSET,
    if_unmodified_since: str | Unset = UNSET,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(hard_delete, Unset):
        params.append(("hard_delete", q_bool("hard_delete", hard_delete)))
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            id=path_int("id", id),
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
    *,
    client: ApiClient,
    hard_delete: bool | Unset = UNSET,
    if_unmodified_since: str | Unset = UNSET,
) -> Response[None]:
    """Delete a user.

    Deletes a user asynchronously. Administrators only. Without `hard_delete`, contributions
    move to the ghost user and a user who is the sole owner of a group cannot be removed
    (409). Honours `If-Unmodified-Since` (412 when the user changed after that time).
    Granular token permission: `delete_user`.

    Args:
        id: Numeric ID of the user (the route only matches digits).
        hard_delete: Also delete contributions that would normally move to the ghost user, and groups
            owned solely by this user. Server default false.

    """
    request = build_request(
        id,
        hard_delete=hard_delete,
        if_unmodified_since=if_unmodified_since,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    id: int,
    *,
    client: ApiClient,
    hard_delete: bool | Unset = UNSET,
    if_unmodified_since: str | Unset = UNSET,
) -> None:
    """Delete a user.

    Deletes a user asynchronously. Administrators only. Without `hard_delete`, contributions
    move to the ghost user and a user who is the sole owner of a group cannot be removed
    (409). Honours `If-Unmodified-Since` (412 when the user changed after that time).
    Granular token permission: `delete_user`.

    Args:
        id: Numeric ID of the user (the route only matches digits).
        hard_delete: Also delete contributions that would normally move to the ghost user, and groups
            owned solely by this user. Server default false.

    """
    return (
        await asyncio_detailed(
            id, hard_delete=hard_delete, if_unmodified_since=if_unmodified_since, client=client
        )
    ).parsed
