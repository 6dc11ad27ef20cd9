"""``GET /users/{user_id}/projects``: List a user's projects (generated; do not edit).

A pure function, :func:`build_request`, and data, ``RESPONSES``. The resource method
that uses them is documented in this package's ``__init__``; sending and parsing are the
client's job.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal, TypedDict

from ...._contract.encoding import (
    path_id,
    q_bool,
    q_date,
    q_datetime,
    q_enum,
    q_int,
    q_map,
    q_str,
)
from ...._contract.extras import with_extras
from ...._contract.request import ApiRequest
from ...._contract.response import LazyResponses, ResponseTypes
from ...._contract.types import NOT_GIVEN, ExtraHeaders, ExtraQuery, NotGiven
from ...models.keyset_pagination import KeysetPagination
from ...models.project_order_by import ProjectOrderBy
from ...models.project_visibility import ProjectVisibility
from ...models.sort_direction import SortDirection

if TYPE_CHECKING:
    from ...models.basic_project_details import BasicProjectDetails
    from ...models.project_with_access import ProjectWithAccess

OPERATION_ID = "users_list_projects"
METHOD = "GET"
PATH = "/users/{user_id}/projects"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset(
    {
        "active",
        "archived",
        "custom_attributes",
        "id_after",
        "id_before",
        "imported",
        "include_pending_delete",
        "last_activity_after",
        "last_activity_before",
        "marked_for_deletion_on",
        "membership",
        "min_access_level",
        "order_by",
        "owned",
        "page",
        "pagination",
        "per_page",
        "repository_storage",
        "search",
        "search_namespaces",
        "simple",
        "sort",
        "starred",
        "statistics",
        "topic",
        "topic_id",
        "updated_after",
        "updated_before",
        "user_id",
        "visibility",
        "with_custom_attributes",
        "with_issues_enabled",
        "with_merge_requests_enabled",
        "with_programming_language",
    }
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


class UsersListProjectsFilters(TypedDict, total=False):
    """The filters of ``GET /users/{user_id}/projects``: its query parameters but the order and the
    pagination, as :func:`build_request` takes them."""

    archived: bool | NotGiven
    visibility: ProjectVisibility | Literal["internal", "private", "public"] | NotGiven
    search: str | NotGiven
    search_namespaces: bool | NotGiven
    owned: bool | NotGiven
    starred: bool | NotGiven
    imported: bool | NotGiven
    membership: bool | NotGiven
    with_issues_enabled: bool | NotGiven
    with_merge_requests_enabled: bool | NotGiven
    with_programming_language: str | NotGiven
    min_access_level: int | NotGiven
    id_after: int | NotGiven
    id_before: int | NotGiven
    last_activity_after: datetime.datetime | datetime.date | str | NotGiven
    last_activity_before: datetime.datetime | datetime.date | str | NotGiven
    repository_storage: str | NotGiven
    topic: str | NotGiven
    topic_id: int | NotGiven
    updated_before: datetime.datetime | datetime.date | str | NotGiven
    updated_after: datetime.datetime | datetime.date | str | NotGiven
    include_pending_delete: bool | NotGiven
    marked_for_deletion_on: datetime.date | str | NotGiven
    active: bool | NotGiven
    simple: bool | NotGiven
    statistics: bool | NotGiven
    with_custom_attributes: bool | NotGiven
    custom_attributes: Mapping[str, str] | NotGiven


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
    archived: bool | NotGiven = NOT_GIVEN,
    visibility: ProjectVisibility | Literal["internal", "private", "public"] | NotGiven = NOT_GIVEN,
    search: str | NotGiven = NOT_GIVEN,
    search_namespaces: bool | NotGiven = NOT_GIVEN,
    owned: bool | NotGiven = NOT_GIVEN,
    starred: bool | NotGiven = NOT_GIVEN,
    imported: bool | NotGiven = NOT_GIVEN,
    membership: bool | NotGiven = NOT_GIVEN,
    with_issues_enabled: bool | NotGiven = NOT_GIVEN,
    with_merge_requests_enabled: bool | NotGiven = NOT_GIVEN,
    with_programming_language: str | NotGiven = NOT_GIVEN,
    min_access_level: int | NotGiven = NOT_GIVEN,
    id_after: int | NotGiven = NOT_GIVEN,
    id_before: int | NotGiven = NOT_GIVEN,
    last_activity_after: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
    last_activity_before: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
    repository_storage: str | NotGiven = NOT_GIVEN,
    topic: str | NotGiven = NOT_GIVEN,
    topic_id: int | NotGiven = NOT_GIVEN,
    updated_before: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
    updated_after: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
    include_pending_delete: bool | NotGiven = NOT_GIVEN,
    marked_for_deletion_on: datetime.date | str | NotGiven = NOT_GIVEN,
    active: bool | NotGiven = NOT_GIVEN,
    simple: bool | NotGiven = NOT_GIVEN,
    statistics: bool | NotGiven = NOT_GIVEN,
    with_custom_attributes: bool | NotGiven = NOT_GIVEN,
    custom_attributes: Mapping[str, str] | NotGiven = NOT_GIVEN,
    page: int | NotGiven = NOT_GIVEN,
    per_page: int | NotGiven = NOT_GIVEN,
    pagination: KeysetPagination | Literal["keyset"] | NotGiven = NOT_GIVEN,
    extra_headers: ExtraHeaders | None = None,
    extra_query: ExtraQuery | None = None,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(order_by, NotGiven):
        params.append(("order_by", q_enum("order_by", order_by, ProjectOrderBy)))
    if not isinstance(sort, NotGiven):
        params.append(("sort", q_enum("sort", sort, SortDirection)))
    if not isinstance(archived, NotGiven):
        params.append(("archived", q_bool("archived", archived)))
    if not isinstance(visibility, NotGiven):
        params.append(("visibility", q_enum("visibility", visibility, ProjectVisibility)))
    if not isinstance(search, NotGiven):
        params.append(("search", q_str("search", search)))
    if not isinstance(search_namespaces, NotGiven):
        params.append(("search_namespaces", q_bool("search_namespaces", search_namespaces)))
    if not isinstance(owned, NotGiven):
        params.append(("owned", q_bool("owned", owned)))
    if not isinstance(starred, NotGiven):
        params.append(("starred", q_bool("starred", starred)))
    if not isinstance(imported, NotGiven):
        params.append(("imported", q_bool("imported", imported)))
    if not isinstance(membership, NotGiven):
        params.append(("membership", q_bool("membership", membership)))
    if not isinstance(with_issues_enabled, NotGiven):
        params.append(("with_issues_enabled", q_bool("with_issues_enabled", with_issues_enabled)))
    if not isinstance(with_merge_requests_enabled, NotGiven):
        params.append(
            (
                "with_merge_requests_enabled",
                q_bool("with_merge_requests_enabled", with_merge_requests_enabled),
            )
        )
    if not isinstance(with_programming_language, NotGiven):
        params.append(
            (
                "with_programming_language",
                q_str("with_programming_language", with_programming_language),
            )
        )
    if not isinstance(min_access_level, NotGiven):
        params.append(("min_access_level", q_int("min_access_level", min_access_level)))
    if not isinstance(id_after, NotGiven):
        params.append(("id_after", q_int("id_after", id_after)))
    if not isinstance(id_before, NotGiven):
        params.append(("id_before", q_int("id_before", id_before)))
    if not isinstance(last_activity_after, NotGiven):
        params.append(
            ("last_activity_after", q_datetime("last_activity_after", last_activity_after))
        )
    if not isinstance(last_activity_before, NotGiven):
        params.append(
            ("last_activity_before", q_datetime("last_activity_before", last_activity_before))
        )
    if not isinstance(repository_storage, NotGiven):
        params.append(("repository_storage", q_str("repository_storage", repository_storage)))
    if not isinstance(topic, NotGiven):
        params.append(("topic", q_str("topic", topic)))
    if not isinstance(topic_id, NotGiven):
        params.append(("topic_id", q_int("topic_id", topic_id)))
    if not isinstance(updated_before, NotGiven):
        params.append(("updated_before", q_datetime("updated_before", updated_before)))
    if not isinstance(updated_after, NotGiven):
        params.append(("updated_after", q_datetime("updated_after", updated_after)))
    if not isinstance(include_pending_delete, NotGiven):
        params.append(
            ("include_pending_delete", q_bool("include_pending_delete", include_pending_delete))
        )
    if not isinstance(marked_for_deletion_on, NotGiven):
        params.append(
            ("marked_for_deletion_on", q_date("marked_for_deletion_on", marked_for_deletion_on))
        )
    if not isinstance(active, NotGiven):
        params.append(("active", q_bool("active", active)))
    if not isinstance(simple, NotGiven):
        params.append(("simple", q_bool("simple", simple)))
    if not isinstance(statistics, NotGiven):
        params.append(("statistics", q_bool("statistics", statistics)))
    if not isinstance(with_custom_attributes, NotGiven):
        params.append(
            ("with_custom_attributes", q_bool("with_custom_attributes", with_custom_attributes))
        )
    if not isinstance(custom_attributes, NotGiven):
        params.extend(q_map("custom_attributes", custom_attributes))
    if not isinstance(page, NotGiven):
        params.append(("page", q_int("page", page)))
    if not isinstance(per_page, NotGiven):
        params.append(("per_page", q_int("per_page", per_page)))
    if not isinstance(pagination, NotGiven):
        params.append(("pagination", q_enum("pagination", pagination, KeysetPagination)))
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
