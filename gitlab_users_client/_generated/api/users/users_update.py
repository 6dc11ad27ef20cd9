"""``PUT /users/{id}``: Update a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.update_user_multipart_request import UpdateUserMultipartRequest
from ...models.update_user_request import UpdateUserRequest
from ...models.user_with_admin import UserWithAdmin
from ...types import (
    Response,
    parse_json,
    path_int,
    to_multipart,
)

OPERATION_ID = "users_update"
METHOD = "PUT"
PATH = "/users/{id}"


def build_request(
    id: int,
    *,
    body: UpdateUserRequest | UpdateUserMultipartRequest,
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
    if isinstance(body, UpdateUserRequest):
        request.json = body.model_dump_json(exclude_unset=True, by_alias=True).encode()
    if isinstance(body, UpdateUserMultipartRequest):
        request.data, request.files = to_multipart(body)
    return request


def parse_response(response: httpx.Response) -> UserWithAdmin:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: UserWithAdmin = parse_json(UserWithAdmin, response.content)
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[UserWithAdmin]:
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
    body: UpdateUserRequest | UpdateUserMultipartRequest,
) -> Response[UserWithAdmin]:
    """Update a user.

    Modifies a user. Administrators only. Every attribute is optional; `extern_uid` and
    `provider` go together. When an administrator sets another user's password, the password
    is marked expired so the user must change it at the next sign-in. `organization` is
    stored as the user's company. Send `multipart/form-data` to upload an avatar. Returns
    409 when the new email or username belongs to another user. Granular token permission:
    `update_user`.

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
    body: UpdateUserRequest | UpdateUserMultipartRequest,
) -> UserWithAdmin:
    """Update a user.

    Modifies a user. Administrators only. Every attribute is optional; `extern_uid` and
    `provider` go together. When an administrator sets another user's password, the password
    is marked expired so the user must change it at the next sign-in. `organization` is
    stored as the user's company. Send `multipart/form-data` to upload an avatar. Returns
    409 when the new email or username belongs to another user. Granular token permission:
    `update_user`.

    Args:
        id: Numeric ID of the user (the route only matches digits).

    """
    return (await asyncio_detailed(id, body=body, client=client)).parsed
