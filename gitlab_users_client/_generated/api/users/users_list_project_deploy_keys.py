"""``GET /users/{user_id}/project_deploy_keys``: List the project deploy keys of a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.deploy_key import DeployKey
from ...types import (
    UNSET,
    Response,
    Unset,
    parse_json,
    path_id,
    q_int,
)

OPERATION_ID = "users_list_project_deploy_keys"
METHOD = "GET"
PATH = "/users/{user_id}/project_deploy_keys"


def build_request(
    user_id: int | str,
    *,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(page, Unset):
        params.append(("page", q_int("page", page)))
    if not isinstance(per_page, Unset):
        params.append(("per_page", q_int("per_page", per_page)))
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            user_id=path_id("user_id", user_id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    return request


def parse_response(response: httpx.Response) -> list[DeployKey]:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: list[DeployKey] = parse_json(list[DeployKey], response.content)
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[list[DeployKey]]:
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
    user_id: int | str,
    *,
    client: ApiClient,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> Response[list[DeployKey]]:
    """List the project deploy keys of a user.

    Lists the deploy keys the given user created in projects where both that user and the
    caller are Maintainers. Needs a signed-in user allowed to read the target user. The user
    is given by ID or username. 403 "No common authorized project found" when the two users
    share no such project. Offset paginated. Granular token permission:
    `read_user_project_deploy_key`.

    Args:
        user_id: Numeric ID or username of the user. An all-digit value is always read as an ID,
            so an all-digit username can only be reached by its ID.
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.

    """
    request = build_request(
        user_id,
        page=page,
        per_page=per_page,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    user_id: int | str,
    *,
    client: ApiClient,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> list[DeployKey]:
    """List the project deploy keys of a user.

    Lists the deploy keys the given user created in projects where both that user and the
    caller are Maintainers. Needs a signed-in user allowed to read the target user. The user
    is given by ID or username. 403 "No common authorized project found" when the two users
    share no such project. Offset paginated. Granular token permission:
    `read_user_project_deploy_key`.

    Args:
        user_id: Numeric ID or username of the user. An all-digit value is always read as an ID,
            so an all-digit username can only be reached by its ID.
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.

    """
    return (await asyncio_detailed(user_id, page=page, per_page=per_page, client=client)).parsed
