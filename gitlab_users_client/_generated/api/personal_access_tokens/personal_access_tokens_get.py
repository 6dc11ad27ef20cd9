"""``GET /personal_access_tokens/{id}``: Get a personal access token (generated; do not edit).

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
from ...models.personal_access_token import PersonalAccessToken

OPERATION_ID = "personal_access_tokens_get"
METHOD = "GET"
PATH = "/personal_access_tokens/{id}"


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


def parse_response(response: httpx.Response) -> PersonalAccessToken:
    """The body of a successful response, validated; ``UnexpectedStatus`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: PersonalAccessToken = parse_json(PersonalAccessToken, response.content)
        return parsed_200
    raise UnexpectedStatus(status)
