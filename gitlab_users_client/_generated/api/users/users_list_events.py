"""``GET /users/{id}/events``: List a user's contribution events (generated; do not edit).

A pure function, :func:`build_request`, and data, ``RESPONSES``. The resource method
that uses them is documented in this package's ``__init__``; sending and parsing are the
client's job.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Literal, TypedDict

from ...._contract.encoding import (
    path_id,
    q_date,
    q_enum,
    q_int,
    q_str,
)
from ...._contract.extras import with_extras
from ...._contract.request import ApiRequest
from ...._contract.response import LazyResponses, ResponseTypes
from ...._contract.types import NOT_GIVEN, ExtraHeaders, ExtraQuery, NotGiven
from ...models.event_target_type import EventTargetType
from ...models.sort_direction import SortDirection

if TYPE_CHECKING:
    from ...models.event import Event

OPERATION_ID = "users_list_events"
METHOD = "GET"
PATH = "/users/{id}/events"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset(
    {"action", "after", "before", "id", "page", "per_page", "sort", "target_type"}
)
#: Its header parameters (lower case): ``extra_headers`` cannot set them.
HEADERS: frozenset[str] = frozenset({"sudo"})
#: Its documented successful answers: status → body type (``None``: no body). The client
#: parses with it; any other status is an error.
#: Built on first access (``__getattr__``), with its models: importing this module, and
#: building and sending a request, import no pydantic model (a scan sends its first
#: requests, then imports the models while the server answers).
RESPONSES: ResponseTypes[list[Event]]


def __getattr__(name: str) -> ResponseTypes[list[Event]]:
    if name != "RESPONSES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from ...models.event import Event

    responses: ResponseTypes[list[Event]] = ResponseTypes(
        {
            200: list[Event],
        }
    )
    globals()["RESPONSES"] = responses
    return responses


#: ``RESPONSES`` as the resource method hands it to the client: read at the answer's
#: first lookup, so a fresh process's first call sends its request, then imports the
#: models while the server answers.
ANSWERS: LazyResponses[list[Event]] = LazyResponses(__name__)


class UsersListEventsFilters(TypedDict, total=False):
    """The filters of ``GET /users/{id}/events``: its query parameters but the order and the
    pagination, as :func:`build_request` takes them."""

    action: str | NotGiven
    target_type: (
        EventTargetType
        | Literal[
            "epic", "issue", "merge_request", "milestone", "note", "project", "snippet", "user"
        ]
        | NotGiven
    )
    before: datetime.date | str | NotGiven
    after: datetime.date | str | NotGiven


def build_request(
    id: int | str,
    *,
    action: str | NotGiven = NOT_GIVEN,
    target_type: EventTargetType
    | Literal["epic", "issue", "merge_request", "milestone", "note", "project", "snippet", "user"]
    | NotGiven = NOT_GIVEN,
    before: datetime.date | str | NotGiven = NOT_GIVEN,
    after: datetime.date | str | NotGiven = NOT_GIVEN,
    sort: SortDirection | Literal["asc", "desc"] | NotGiven = NOT_GIVEN,
    page: int | NotGiven = NOT_GIVEN,
    per_page: int | NotGiven = NOT_GIVEN,
    extra_headers: ExtraHeaders | None = None,
    extra_query: ExtraQuery | None = None,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(action, NotGiven):
        params.append(("action", q_str("action", action)))
    if not isinstance(target_type, NotGiven):
        params.append(("target_type", q_enum("target_type", target_type, EventTargetType)))
    if not isinstance(before, NotGiven):
        params.append(("before", q_date("before", before)))
    if not isinstance(after, NotGiven):
        params.append(("after", q_date("after", after)))
    if not isinstance(sort, NotGiven):
        params.append(("sort", q_enum("sort", sort, SortDirection)))
    if not isinstance(page, NotGiven):
        params.append(("page", q_int("page", page)))
    if not isinstance(per_page, NotGiven):
        params.append(("per_page", q_int("per_page", per_page)))
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            id=path_id("id", id),
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
