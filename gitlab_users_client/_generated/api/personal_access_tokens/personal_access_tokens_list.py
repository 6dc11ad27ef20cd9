"""``GET /personal_access_tokens``: List personal access tokens (generated; do not edit).

A pure function, :func:`build_request`, and data, ``RESPONSES``. The resource method
that uses them is documented in this package's ``__init__``; sending and parsing are the
client's job.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Literal, TypedDict

from ...._contract.encoding import (
    q_bool,
    q_date,
    q_datetime,
    q_enum,
    q_int,
    q_str,
)
from ...._contract.extras import with_extras
from ...._contract.request import ApiRequest
from ...._contract.response import LazyResponses, ResponseTypes
from ...._contract.types import NOT_GIVEN, ExtraHeaders, ExtraQuery, NotGiven
from ...models.personal_access_token_sort import PersonalAccessTokenSort
from ...models.personal_access_token_state import PersonalAccessTokenState

if TYPE_CHECKING:
    from ...models.personal_access_token import PersonalAccessToken

OPERATION_ID = "personal_access_tokens_list"
METHOD = "GET"
PATH = "/personal_access_tokens"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset(
    {
        "created_after",
        "created_before",
        "expires_after",
        "expires_before",
        "last_used_after",
        "last_used_before",
        "page",
        "per_page",
        "revoked",
        "search",
        "sort",
        "state",
        "user_id",
    }
)
#: Its header parameters (lower case): ``extra_headers`` cannot set them.
HEADERS: frozenset[str] = frozenset({"sudo"})
#: Its documented successful answers: status → body type (``None``: no body). The client
#: parses with it; any other status is an error.
#: Built on first access (``__getattr__``), with its models: importing this module, and
#: building and sending a request, import no pydantic model (a scan sends its first
#: requests, then imports the models while the server answers).
RESPONSES: ResponseTypes[list[PersonalAccessToken]]


def __getattr__(name: str) -> ResponseTypes[list[PersonalAccessToken]]:
    if name != "RESPONSES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from ...models.personal_access_token import PersonalAccessToken

    responses: ResponseTypes[list[PersonalAccessToken]] = ResponseTypes(
        {
            200: list[PersonalAccessToken],
        }
    )
    globals()["RESPONSES"] = responses
    return responses


#: ``RESPONSES`` as the resource method hands it to the client: read at the answer's
#: first lookup, so a fresh process's first call sends its request, then imports the
#: models while the server answers.
ANSWERS: LazyResponses[list[PersonalAccessToken]] = LazyResponses(__name__)


class PersonalAccessTokensListFilters(TypedDict, total=False):
    """The filters of ``GET /personal_access_tokens``: its query parameters but the order and the
    pagination, as :func:`build_request` takes them."""

    user_id: int | NotGiven
    revoked: bool | NotGiven
    state: PersonalAccessTokenState | Literal["active", "inactive"] | NotGiven
    created_before: datetime.datetime | datetime.date | str | NotGiven
    created_after: datetime.datetime | datetime.date | str | NotGiven
    last_used_before: datetime.datetime | datetime.date | str | NotGiven
    last_used_after: datetime.datetime | datetime.date | str | NotGiven
    expires_before: datetime.date | str | NotGiven
    expires_after: datetime.date | str | NotGiven
    search: str | NotGiven


def build_request(
    *,
    user_id: int | NotGiven = NOT_GIVEN,
    revoked: bool | NotGiven = NOT_GIVEN,
    state: PersonalAccessTokenState | Literal["active", "inactive"] | NotGiven = NOT_GIVEN,
    created_before: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
    created_after: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
    last_used_before: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
    last_used_after: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
    expires_before: datetime.date | str | NotGiven = NOT_GIVEN,
    expires_after: datetime.date | str | NotGiven = NOT_GIVEN,
    search: str | NotGiven = NOT_GIVEN,
    sort: PersonalAccessTokenSort
    | Literal[
        "created_asc",
        "created_at_asc",
        "created_at_desc",
        "created_date",
        "created_desc",
        "expires_asc",
        "expires_at_asc_id_desc",
        "expires_desc",
        "id_asc",
        "id_desc",
        "last_used_asc",
        "last_used_desc",
        "name_asc",
        "name_desc",
        "updated_asc",
        "updated_at_asc",
        "updated_at_desc",
        "updated_desc",
    ]
    | NotGiven = NOT_GIVEN,
    page: int | NotGiven = NOT_GIVEN,
    per_page: int | NotGiven = NOT_GIVEN,
    extra_headers: ExtraHeaders | None = None,
    extra_query: ExtraQuery | None = None,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(user_id, NotGiven):
        params.append(("user_id", q_int("user_id", user_id)))
    if not isinstance(revoked, NotGiven):
        params.append(("revoked", q_bool("revoked", revoked)))
    if not isinstance(state, NotGiven):
        params.append(("state", q_enum("state", state, PersonalAccessTokenState)))
    if not isinstance(created_before, NotGiven):
        params.append(("created_before", q_datetime("created_before", created_before)))
    if not isinstance(created_after, NotGiven):
        params.append(("created_after", q_datetime("created_after", created_after)))
    if not isinstance(last_used_before, NotGiven):
        params.append(("last_used_before", q_datetime("last_used_before", last_used_before)))
    if not isinstance(last_used_after, NotGiven):
        params.append(("last_used_after", q_datetime("last_used_after", last_used_after)))
    if not isinstance(expires_before, NotGiven):
        params.append(("expires_before", q_date("expires_before", expires_before)))
    if not isinstance(expires_after, NotGiven):
        params.append(("expires_after", q_date("expires_after", expires_after)))
    if not isinstance(search, NotGiven):
        params.append(("search", q_str("search", search)))
    if not isinstance(sort, NotGiven):
        params.append(("sort", q_enum("sort", sort, PersonalAccessTokenSort)))
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
