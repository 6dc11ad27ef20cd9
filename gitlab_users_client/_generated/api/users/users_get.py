"""``GET /users/{id}``: Get a user (generated; do not edit).

Pure functions: :func:`build_request` and :func:`parse_response`. The resource method
that calls them is documented in this package's ``__init__``; sending is the client's job.
"""

from __future__ import annotations

import httpx

from ...._contract.encoding import (
    path_int,
    q_bool,
)
from ...._contract.extras import with_extras
from ...._contract.models import parse_json
from ...._contract.request import ApiRequest, UnexpectedStatus
from ...._contract.types import NOT_GIVEN, ExtraHeaders, ExtraQuery, NotGiven
from ...models.user_details_with_admin import UserDetailsWithAdmin
from ...models.user_profile import UserProfile

OPERATION_ID = "users_get"
METHOD = "GET"
PATH = "/users/{id}"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset({"id", "with_custom_attributes"})
#: Its header parameters (lower case): ``extra_headers`` cannot set them.
HEADERS: frozenset[str] = frozenset({"sudo"})


def build_request(
    id: int,
    *,
    with_custom_attributes: bool | NotGiven = NOT_GIVEN,
    extra_headers: ExtraHeaders | None = None,
    extra_query: ExtraQuery | None = None,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(with_custom_attributes, NotGiven):
        params.append(
            ("with_custom_attributes", q_bool("with_custom_attributes", with_custom_attributes))
        )
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
    )


def parse_response(response: httpx.Response) -> UserDetailsWithAdmin | UserProfile:
    """The body of a successful response, validated; ``UnexpectedStatus`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: UserDetailsWithAdmin | UserProfile = parse_json(
            UserDetailsWithAdmin | UserProfile, response.content
        )
        return parsed_200
    raise UnexpectedStatus(status)
