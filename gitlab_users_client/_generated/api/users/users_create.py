"""``POST /users``: Create a user (generated; do not edit).

Pure functions: :func:`build_request` and :func:`parse_response`. The resource method
that calls them is documented in this package's ``__init__``; sending is the client's job.
"""

from __future__ import annotations

import httpx

from ...._encoding import (
    to_multipart,
)
from ...._request import ApiRequest, UnexpectedStatus
from ...._runtime import parse_json
from ...models.create_user_multipart_request import CreateUserMultipartRequest
from ...models.create_user_request import CreateUserRequest
from ...models.user_with_admin import UserWithAdmin

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
    """The body of a successful response, validated; ``UnexpectedStatus`` for an undocumented status."""
    status = response.status_code
    if status == 201:
        parsed_201: UserWithAdmin = parse_json(UserWithAdmin, response.content)
        return parsed_201
    raise UnexpectedStatus(status)
