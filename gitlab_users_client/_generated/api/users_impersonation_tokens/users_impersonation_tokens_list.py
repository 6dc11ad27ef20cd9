"""``GET /users/{user_id}/impersonation_tokens``: List the impersonation tokens of a user (generated; do not edit).

Pure functions: :func:`build_request` and :func:`parse_response`. The resource method
that calls them is documented in this package's ``__init__``; sending is the client's job.
"""

from __future__ import annotations

from typing import Literal

import httpx

from ...._contract.encoding import (
    path_int,
    q_enum,
    q_int,
)
from ...._contract.extras import with_extras
from ...._contract.models import parse_json
from ...._contract.request import ApiRequest, UnexpectedStatus
from ...._contract.types import NOT_GIVEN, ExtraHeaders, ExtraQuery, NotGiven
from ...models.impersonation_token import ImpersonationToken
from ...models.impersonation_token_state import ImpersonationTokenState

OPERATION_ID = "users_impersonation_tokens_list"
METHOD = "GET"
PATH = "/users/{user_id}/impersonation_tokens"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset({"page", "per_page", "state", "user_id"})
#: Its header parameters (lower case): ``extra_headers`` cannot set them.
HEADERS: frozenset[str] = frozenset({"sudo"})


def build_request(
    user_id: int,
    *,
    state: ImpersonationTokenState | Literal["active", "all", "inactive"] | NotGiven = NOT_GIVEN,
    page: int | NotGiven = NOT_GIVEN,
    per_page: int | NotGiven = NOT_GIVEN,
    extra_headers: ExtraHeaders | None = None,
    extra_query: ExtraQuery | None = None,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(state, NotGiven):
        params.append(("state", q_enum("state", state, ImpersonationTokenState)))
    if not isinstance(page, NotGiven):
        params.append(("page", q_int("page", page)))
    if not isinstance(per_page, NotGiven):
        params.append(("per_page", q_int("per_page", per_page)))
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            user_id=path_int("user_id", user_id),
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


def parse_response(response: httpx.Response) -> list[ImpersonationToken]:
    """The body of a successful response, validated; ``UnexpectedStatus`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: list[ImpersonationToken] = parse_json(
            list[ImpersonationToken], response.content
        )
        return parsed_200
    raise UnexpectedStatus(status)
