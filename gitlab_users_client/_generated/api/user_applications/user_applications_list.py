"""``GET /user/applications``: List your OAuth applications (generated; do not edit).

A pure function, :func:`build_request`, and data, ``RESPONSES``. The resource method
that uses them is documented in this package's ``__init__``; sending and parsing are the
client's job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from ...._contract.encoding import (
    q_int,
)
from ...._contract.extras import with_extras
from ...._contract.request import ApiRequest
from ...._contract.response import LazyResponses, ResponseTypes
from ...._contract.types import NOT_GIVEN, ExtraHeaders, ExtraQuery, NotGiven

if TYPE_CHECKING:
    from ...models.application import Application

OPERATION_ID = "user_applications_list"
METHOD = "GET"
PATH = "/user/applications"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset({"page", "per_page"})
#: Its header parameters (lower case): ``extra_headers`` cannot set them.
HEADERS: frozenset[str] = frozenset({"sudo"})
#: Its documented successful answers: status → body type (``None``: no body). The client
#: parses with it; any other status is an error.
#: Built on first access (``__getattr__``), with its models: importing this module, and
#: building and sending a request, import no pydantic model (a scan sends its first
#: requests, then imports the models while the server answers).
RESPONSES: ResponseTypes[list[Application]]


def __getattr__(name: str) -> ResponseTypes[list[Application]]:
    if name != "RESPONSES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from ...models.application import Application

    responses: ResponseTypes[list[Application]] = ResponseTypes(
        {
            200: list[Application],
        }
    )
    globals()["RESPONSES"] = responses
    return responses


#: ``RESPONSES`` as the resource method hands it to the client: read at the answer's
#: first lookup, so a fresh process's first call sends its request, then imports the
#: models while the server answers.
ANSWERS: LazyResponses[list[Application]] = LazyResponses(__name__)


class UserApplicationsListFilters(TypedDict, total=False):
    """The filters of ``GET /user/applications``: its query parameters but the order and the
    pagination, as :func:`build_request` takes them."""


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
