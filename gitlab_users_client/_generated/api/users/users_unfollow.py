"""``POST /users/{id}/unfollow``: Unfollow a user (generated; do not edit).

Pure functions: :func:`build_request` and :func:`parse_response`. The resource method
that calls them is documented in this package's ``__init__``; sending is the client's job.
"""

from __future__ import annotations

import httpx

from ...._encoding import (
    path_int,
)
from ...._request import ApiRequest, UnexpectedStatus
from ...._runtime import parse_json
from ...models.user_basic import UserBasic

OPERATION_ID = "users_unfollow"
METHOD = "POST"
PATH = "/users/{id}/unfollow"


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


def parse_response(response: httpx.Response) -> UserBasic | None:
    """The body of a successful response, validated; ``UnexpectedStatus`` for an undocumented status."""
    status = response.status_code
    if status == 201:
        parsed_201: UserBasic = parse_json(UserBasic, response.content)
        return parsed_201
    if status == 304:
        return None
    raise UnexpectedStatus(status)
