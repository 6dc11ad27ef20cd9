"""``GET /user/applications``: List your OAuth applications (generated; do not edit).

Pure functions: :func:`build_request` and :func:`parse_response`. The resource method
that calls them is documented in this package's ``__init__``; sending is the client's job.
"""

from __future__ import annotations

import httpx

from ...._encoding import (
    q_int,
)
from ...._request import ApiRequest, UnexpectedStatus
from ...._runtime import parse_json
from ...._types import NOT_GIVEN, NotGiven
from ...models.application import Application

OPERATION_ID = "user_applications_list"
METHOD = "GET"
PATH = "/user/applications"


def build_request(
    *,
    page: int | NotGiven = NOT_GIVEN,
    per_page: int | NotGiven = NOT_GIVEN,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(page, NotGiven):
        params.append(("page", q_int("page", page)))
    if not isinstance(per_page, NotGiven):
        params.append(("per_page", q_int("per_page", per_page)))
    request = ApiRequest(
        method=METHOD,
        path=PATH,
        operation_id=OPERATION_ID,
        params=params,
    )
    return request


def parse_response(response: httpx.Response) -> list[Application]:
    """The body of a successful response, validated; ``UnexpectedStatus`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: list[Application] = parse_json(list[Application], response.content)
        return parsed_200
    raise UnexpectedStatus(status)
