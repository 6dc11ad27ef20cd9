"""``POST /users/{id}/approve``: Approve a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.approve_result import ApproveResult
from ...types import (
    Response,
    parse_json,
    path_int,
)

OPERATION_ID = "users_approve"
METHOD = "POST"
PATH = "/users/{id}/approve"


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


def parse_response(response: httpx.Response) -> ApproveResult:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 201:
        parsed_201: ApproveResult = parse_json(ApproveResult, response.content)
        return parsed_201
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[ApproveResult]:
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
) -> Response[ApproveResult]:
    """Approve a user.

    Approves a user who is pending approval. Needs a signed-in user; the route does not
    itself require an administrator, the approval service decides (in practice
    administrators). Answers 201 with the service's result hash. 404 when the caller may not
    read the user. Service failures use the service's HTTP status; the docs name 403 for a
    blocked user and 409 for a deactivated one or one not pending approval. Granular token
    permission: `approve_user`.

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
) -> ApproveResult:
    """Approve a user.

    Approves a user who is pending approval. Needs a signed-in user; the route does not
    itself require an administrator, the approval service decides (in practice
    administrators). Answers 201 with the service's result hash. 404 when the caller may not
    read the user. Service failures use the service's HTTP status; the docs name 403 for a
    blocked user and 409 for a deactivated one or one not pending approval. Granular token
    permission: `approve_user`.

    Args:
        id: Numeric ID of the user (the route only matches digits).

    """
    return (await asyncio_detailed(id, client=client)).parsed
