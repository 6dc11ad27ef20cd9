"""``POST /users/{id}/reject``: Reject a user (generated; do not edit).

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
from ...models.reject_result import RejectResult

OPERATION_ID = "users_reject"
METHOD = "POST"
PATH = "/users/{id}/reject"


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


def parse_response(response: httpx.Response) -> RejectResult:
    """The body of a successful response, validated; ``UnexpectedStatus`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: RejectResult = parse_json(RejectResult, response.content)
        return parsed_200
    raise UnexpectedStatus(status)
