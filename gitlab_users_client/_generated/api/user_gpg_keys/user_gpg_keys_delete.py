"""``DELETE /user/gpg_keys/{key_id}``: Delete one of your GPG keys (generated; do not edit).

Pure functions: :func:`build_request` and :func:`parse_response`. The resource method
that calls them is documented in this package's ``__init__``; sending is the client's job.
"""

from __future__ import annotations

import datetime

import httpx

from ...._encoding import (
    h_date,
    path_int,
)
from ...._request import ApiRequest, UnexpectedStatus
from ...._types import NOT_GIVEN, NotGiven

OPERATION_ID = "user_gpg_keys_delete"
METHOD = "DELETE"
PATH = "/user/gpg_keys/{key_id}"


def build_request(
    key_id: int,
    *,
    if_unmodified_since: datetime.datetime | NotGiven = NOT_GIVEN,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            key_id=path_int("key_id", key_id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    if not isinstance(if_unmodified_since, NotGiven):
        request.headers["If-Unmodified-Since"] = h_date("If-Unmodified-Since", if_unmodified_since)
    return request


def parse_response(response: httpx.Response) -> None:
    """The body of a successful response, validated; ``UnexpectedStatus`` for an undocumented status."""
    status = response.status_code
    if status == 204:
        return None
    raise UnexpectedStatus(status)
