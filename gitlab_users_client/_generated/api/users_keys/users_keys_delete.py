"""``DELETE /users/{id}/keys/{key_id}``: Delete an SSH key of a user (generated; do not edit).

A pure function, :func:`build_request`, and data, ``RESPONSES``. The resource method
that uses them is documented in this package's ``__init__``; sending and parsing are the
client's job.
"""

from __future__ import annotations

import datetime

from ...._contract.encoding import (
    h_date,
    path_int,
)
from ...._contract.extras import with_extras
from ...._contract.request import ApiRequest
from ...._contract.response import ResponseTypes
from ...._contract.types import NOT_GIVEN, ExtraBody, ExtraHeaders, ExtraQuery, NotGiven

OPERATION_ID = "users_keys_delete"
METHOD = "DELETE"
PATH = "/users/{id}/keys/{key_id}"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset({"id", "key_id"})
#: Its header parameters (lower case): ``extra_headers`` cannot set them.
HEADERS: frozenset[str] = frozenset({"if-unmodified-since", "sudo"})
#: Its documented successful answers: status → body type (``None``: no body). The client
#: parses with it; any other status is an error.
RESPONSES: ResponseTypes[None] = ResponseTypes(
    {
        204: None,
    }
)
#: ``RESPONSES`` as the resource method hands it to the client (no model to load).
ANSWERS: ResponseTypes[None] = RESPONSES


def build_request(
    id: int,
    key_id: int,
    *,
    if_unmodified_since: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
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
            key_id=path_int("key_id", key_id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    if not isinstance(if_unmodified_since, NotGiven):
        request.headers["If-Unmodified-Since"] = h_date("If-Unmodified-Since", if_unmodified_since)
    return with_extras(
        request,
        PARAMETERS,
        HEADERS,
        extra_headers=extra_headers,
        extra_query=extra_query,
        extra_body=extra_body,
    )
