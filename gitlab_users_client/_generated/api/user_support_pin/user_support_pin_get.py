"""``GET /user/support_pin``: Get your Support PIN (generated; do not edit).

Pure functions: :func:`build_request` and :func:`parse_response`. The resource method
that calls them is documented in this package's ``__init__``; sending is the client's job.
"""

from __future__ import annotations

import httpx

from ...._contract.extras import with_extras
from ...._contract.models import parse_json
from ...._contract.request import ApiRequest, UnexpectedStatus
from ...._contract.types import ExtraHeaders, ExtraQuery
from ...models.user_support_pin import UserSupportPin

OPERATION_ID = "user_support_pin_get"
METHOD = "GET"
PATH = "/user/support_pin"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset()
#: Its header parameters (lower case): ``extra_headers`` cannot set them.
HEADERS: frozenset[str] = frozenset({"sudo"})


def build_request(
    *,
    extra_headers: ExtraHeaders | None = None,
    extra_query: ExtraQuery | None = None,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH,
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


def parse_response(response: httpx.Response) -> UserSupportPin:
    """The body of a successful response, validated; ``UnexpectedStatus`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: UserSupportPin = parse_json(UserSupportPin, response.content)
        return parsed_200
    raise UnexpectedStatus(status)
