"""``POST /users/{id}/unban``: Unban a user (generated; do not edit).

A pure function, :func:`build_request`, and data, ``RESPONSES``. The resource method
that uses them is documented in this package's ``__init__``; sending and parsing are the
client's job.
"""

from __future__ import annotations

from ...._contract.encoding import (
    path_int,
)
from ...._contract.extras import with_extras
from ...._contract.request import ApiRequest
from ...._contract.response import ResponseTypes
from ...._contract.types import ExtraBody, ExtraHeaders, ExtraQuery

OPERATION_ID = "users_unban"
METHOD = "POST"
PATH = "/users/{id}/unban"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset({"id"})
#: Its header parameters (lower case): ``extra_headers`` cannot set them.
HEADERS: frozenset[str] = frozenset({"sudo"})
#: Its documented successful answers: status → body type (``None``: no body). The client
#: parses with it; any other status is an error.
RESPONSES: ResponseTypes[bool] = ResponseTypes(
    {
        201: bool,
    }
)
#: ``RESPONSES`` as the resource method hands it to the client (no model to load).
ANSWERS: ResponseTypes[bool] = RESPONSES


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
