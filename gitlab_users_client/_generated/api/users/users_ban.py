"""``POST /users/{id}/ban``: Ban a user (generated; do not edit).

Pure functions: :func:`build_request` and :func:`parse_response`. The resource method
that calls them is documented in this package's ``__init__``; sending is the client's job.
"""

from __future__ import annotations

import httpx

from ...._contract.encoding import (
    path_int,
)
from ...._contract.extras import with_extras
from ...._contract.models import parse_json
from ...._contract.request import ApiRequest, UnexpectedStatus
from ...._contract.types import ExtraBody, ExtraHeaders, ExtraQuery

OPERATION_ID = "users_ban"
METHOD = "POST"
PATH = "/users/{id}/ban"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset({"id"})
#: Its header parameters (lower case): ``extra_headers`` cannot set them.
HEADERS: frozenset[str] = frozenset({"sudo"})


def build_request(
    id: int,
    *,
    extra_headers: ExtraHeaders | None = None,
    extra_query: ExtraQuery | None = None,
    extra_body: ExtraBody | None = None,
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
    return with_extras(
        request,
        PARAMETERS,
        HEADERS,
        extra_headers=extra_headers,
        extra_query=extra_query,
        extra_body=extra_body,
    )


def parse_response(response: httpx.Response) -> bool:
    """The body of a successful response, validated; ``UnexpectedStatus`` for an undocumented status."""
    status = response.status_code
    if status == 201:
        parsed_201: bool = parse_json(bool, response.content)
        return parsed_201
    raise UnexpectedStatus(status)
