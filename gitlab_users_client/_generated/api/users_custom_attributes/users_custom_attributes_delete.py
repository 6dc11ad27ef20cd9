"""``DELETE /users/{id}/custom_attributes/{key}``: Delete a custom attribute of a user (generated; do not edit).

Pure functions: :func:`build_request` and :func:`parse_response`. The resource method
that calls them is documented in this package's ``__init__``; sending is the client's job.
"""

from __future__ import annotations

import httpx

from ...._encoding import (
    path_int,
    path_str,
)
from ...._request import ApiRequest, UnexpectedStatus

OPERATION_ID = "users_custom_attributes_delete"
METHOD = "DELETE"
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


def parse_response(response: httpx.Response) -> None:
    """The body of a successful response, validated; ``UnexpectedStatus`` for an undocumented status."""
    status = response.status_code
    if status == 204:
        return None
    raise UnexpectedStatus(status)
