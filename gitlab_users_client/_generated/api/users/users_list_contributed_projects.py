"""``GET /users/{user_id}/contributed_projects``: List the projects a user contributed to (generated; do not edit).

A pure function, :func:`build_request`, and data, ``RESPONSES``. The resource method
that uses them is documented in this package's ``__init__``; sending and parsing are the
client's job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypedDict

from ...._contract.encoding import (
    path_id,
    q_bool,
    q_enum,
    q_int,
)
from ...._contract.extras import with_extras
from ...._contract.request import ApiRequest
from ...._contract.response import LazyResponses, ResponseTypes
from ...._contract.types import NOT_GIVEN, ExtraHeaders, ExtraQuery, NotGiven
from ...models.project_order_by import ProjectOrderBy
from ...models.sort_direction import SortDirection

if TYPE_CHECKING:
    from ...models.basic_project_details import BasicProjectDetails
    from ...models.project_with_access import ProjectWithAccess

OPERATION_ID = "users_list_contributed_projects"
METHOD = "GET"
PATH = "/users/{user_id}/contributed_projects"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset(
    {"order_by", "page", "per_page", "simple", "sort", "user_id"}
)
#: Its header parameters (lower case): ``extra_headers`` cannot set them.
HEADERS: frozenset[str] = frozenset({"sudo"})
#: Its documented successful answers: status → body type (``None``: no body). The client
#: parses with it; any other status is an error.
#: Built on first access (``__getattr__``), with its models: importing this module, and
#: building and sending a request, import no pydantic model (a scan sends its first
#: requests, then imports the models while the server answers).
RESPONSES: ResponseTypes[list[BasicProjectDetails | ProjectWithAccess]]


def __getattr__(name: str) -> ResponseTypes[list[BasicProjectDetails | ProjectWithAccess]]:
    if name != "RESPONSES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from ...models.basic_project_details import BasicProjectDetails
    from ...models.project_with_access import ProjectWithAccess

    responses: ResponseTypes[list[BasicProjectDetails | ProjectWithAccess]] = ResponseTypes(
        {
            200: list[BasicProjectDetails | ProjectWithAccess],
        }
    )
    globals()["RESPONSES"] = responses
    return responses


#: ``RESPONSES`` as the resource method hands it to the client: read at the answer's
#: first lookup, so a fresh process's first call sends its request, then imports the
#: models while the server answers.
ANSWERS: LazyResponses[list[BasicProjectDetails | ProjectWithAccess]] = LazyResponses(__name__)


class UsersListContributedProjectsFilters(TypedDict, total=False):
    """The filters of ``GET /users/{user_id}/contributed_projects``: its query parameters but the order and the
    pagination, as :func:`build_request` takes them."""

    simple: bool | NotGiven


def build_request(
    user_id: int | str,
    *,
    order_by: ProjectOrderBy
    | Literal[
        "created_at",
        "id",
        "last_activity_at",
        "name",
        "packages_size",
        "path",
        "repository_size",
        "similarity",
        "star_count",
        "storage_size",
        "updated_at",
        "wiki_size",
    ]
    | NotGiven = NOT_GIVEN,
    sort: SortDirection | Literal["asc", "desc"] | NotGiven = NOT_GIVEN,
    simple: bool | NotGiven = NOT_GIVEN,
    page: int | NotGiven = NOT_GIVEN,
    per_page: int | NotGiven = NOT_GIVEN,
    extra_headers: ExtraHeaders | None = None,
    extra_query: ExtraQuery | None = None,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(order_by, NotGiven):
        params.append(("order_by", q_enum("order_by", order_by, ProjectOrderBy)))
    if not isinstance(sort, NotGiven):
        params.append(("sort", q_enum("sort", sort, SortDirection)))
    if not isinstance(simple, NotGiven):
        params.append(("simple", q_bool("simple", simple)))
    if not isinstance(page, NotGiven):
        params.append(("page", q_int("page", page)))
    if not isinstance(per_page, NotGiven):
        params.append(("per_page", q_int("per_page", per_page)))
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            user_id=path_id("user_id", user_id),
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
