"""``GET /user/gpg_keys``: List your GPG keys (generated; do not edit).

Pure functions: :func:`build_request` and :func:`parse_response`. The resource method
that calls them is documented in this package's ``__init__``; sending is the client's job.
"""

from __future__ import annotations

import httpx

from ...._contract.encoding import (
    q_int,
)
from ...._contract.extras import with_extras
from ...._contract.models import parse_json
from ...._contract.request import ApiRequest, UnexpectedStatus
from ...._contract.types import NOT_GIVEN, ExtraHeaders, ExtraQuery, NotGiven
from ...models.gpg_key import GpgKey

OPERATION_ID = "user_gpg_keys_list"
METHOD = "GET"
PATH = "/user/gpg_keys"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset({"page", "per_page"})
#: Its header parameters (lower case): ``extra_headers`` cannot set them.
HEADERS: frozenset[str] = frozenset({"sudo"})


def build_request(
    *,
    page: int | NotGiven = NOT_GIVEN,
    per_page: int | NotGiven = NOT_GIVEN,
    extra_headers: ExtraHeaders | None = None,
    extra_query: ExtraQuery | None = None,
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
    return with_extras(
        request,
        PARAMETERS,
        HEADERS,
        extra_headers=extra_headers,
        extra_query=extra_query,
    )


def parse_response(response: httpx.Response) -> list[GpgKey]:
    """The body of a successful response, validated; ``UnexpectedStatus`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: list[GpgKey] = parse_json(list[GpgKey], response.content)
        return parsed_200
    raise UnexpectedStatus(status)
