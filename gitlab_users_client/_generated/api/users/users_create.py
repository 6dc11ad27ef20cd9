"""``POST /users``: Create a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.create_user_multipart_request import CreateUserMultipartRequest
from ...models.create_user_request import CreateUserRequest
from ...models.user_with_admin import UserWithAdmin
from ...types import (
    Response,
    parse_json,
    to_multipart,
)

OPERATION_ID = "users_create"
METHOD = "POST"
PATH = "/users"


def build_request(
    *,
    body: CreateUserRequest | CreateUserMultipartRequest,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH,
        operation_id=OPERATION_ID,
        params=params,
    )
    if isinstance(body, CreateUserRequest):
        request.json = body.model_dump_json(exclude_unset=True, by_alias=True).encode()
    if isinstance(body, CreateUserMultipartRequest):
        request.data, request.files = to_multipart(body)
    return request


def parse_response(response: httpx.Response) -> UserWithAdmin:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 201:
        parsed_201: UserWithAdmin = parse_json(UserWithAdmin, response.content)
        return parsed_201
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
    *,
    client: ApiClient,
    body: CreateUserRequest | CreateUserMultipartRequest,
) -> Response[UserWithAdmin]:
    """Create a user.

    Creates a user. Administrators only. `email`, `name` and `username` are required, plus
    at least one of `password`, `reset_password` and `force_random_password`. `extern_uid`
    and `provider` must be sent together. Send `multipart/form-data` to upload an avatar in
    the same call. `private_profile` sent as null takes the instance default. Returns 409
    when the email or username is already taken and 400 with per-field messages for other
    validation failures. Granular token permission: `create_user`.

    """
    request = build_request(
        body=body,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    *,
    client: ApiClient,
    body: CreateUserRequest | CreateUserMultipartRequest,
) -> UserWithAdmin:
    """Create a user.

    Creates a user. Administrators only. `email`, `name` and `username` are required, plus
    at least one of `password`, `reset_password` and `force_random_password`. `extern_uid`
    and `provider` must be sent together. Send `multipart/form-data` to upload an avatar in
    the same call. `private_profile` sent as null takes the instance default. Returns 409
    when the email or username is already taken and 400 with per-field messages for other
    validation failures. Granular token permission: `create_user`.

    """
    return (await asyncio_detailed(body=body, client=client)).parsed
