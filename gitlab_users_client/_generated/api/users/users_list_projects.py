"""``GET /users/{user_id}/projects``: List a user's projects (generated; do not edit)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Literal

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.basic_project_details import BasicProjectDetails
from ...models.keyset_pagination import KeysetPagination
from ...models.project_order_by import ProjectOrderBy
from ...models.project_visibility import ProjectVisibility
from ...models.project_with_access import ProjectWithAccess
from ...models.sort_direction import SortDirection
from ...types import (
    UNSET,
    Response,
    Unset,
    parse_json,
    path_id,
    q_bool,
    q_date,
    q_datetime,
    q_enum,
    q_int,
    q_map,
    q_str,
)

OPERATION_ID = "users_list_projects"
METHOD = "GET"
PATH = "/users/{user_id}/projects"


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
    | Unset = UNSET,
    sort: SortDirection | Literal["asc", "desc"] | Unset = UNSET,
    archived: bool | Unset = UNSET,
    visibility: ProjectVisibility | Literal["internal", "private", "public"] | Unset = UNSET,
    search: str | Unset = UNSET,
    search_namespaces: bool | Unset = UNSET,
    owned: bool | Unset = UNSET,
    starred: bool | Unset = UNSET,
    imported: bool | Unset = UNSET,
    membership: bool | Unset = UNSET,
    with_issues_enabled: bool | Unset = UNSET,
    with_merge_requests_enabled: bool | Unset = UNSET,
    with_programming_language: str | Unset = UNSET,
    min_access_level: int | Unset = UNSET,
    id_after: int | Unset = UNSET,
    id_before: int | Unset = UNSET,
    last_activity_after: datetime.datetime | Unset = UNSET,
    last_activity_before: datetime.datetime | Unset = UNSET,
    repository_storage: str | Unset = UNSET,
    topic: str | Unset = UNSET,
    topic_id: int | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    include_pending_delete: bool | Unset = UNSET,
    marked_for_deletion_on: datetime.date | Unset = UNSET,
    active: bool | Unset = UNSET,
    simple: bool | Unset = UNSET,
    statistics: bool | Unset = UNSET,
    with_custom_attributes: bool | Unset = UNSET,
    custom_attributes: Mapping[str, str] | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    pagination: KeysetPagination | Literal["keyset"] | Unset = UNSET,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(order_by, Unset):
        params.append(("order_by", q_enum("order_by", order_by, ProjectOrderBy)))
    if not isinstance(sort, Unset):
        params.append(("sort", q_enum("sort", sort, SortDirection)))
    if not isinstance(archived, Unset):
        params.append(("archived", q_bool("archived", archived)))
    if not isinstance(visibility, Unset):
        params.append(("visibility", q_enum("visibility", visibility, ProjectVisibility)))
    if not isinstance(search, Unset):
        params.append(("search", q_str("search", search)))
    if not isinstance(search_namespaces, Unset):
        params.append(("search_namespaces", q_bool("search_namespaces", search_namespaces)))
    if not isinstance(owned, Unset):
        params.append(("owned", q_bool("owned", owned)))
    if not isinstance(starred, Unset):
        params.append(("starred", q_bool("starred", starred)))
    if not isinstance(imported, Unset):
        params.append(("imported", q_bool("imported", imported)))
    if not isinstance(membership, Unset):
        params.append(("membership", q_bool("membership", membership)))
    if not isinstance(with_issues_enabled, Unset):
        params.append(("with_issues_enabled", q_bool("with_issues_enabled", with_issues_enabled)))
    if not isinstance(with_merge_requests_enabled, Unset):
        params.append(
            (
                "with_merge_requests_enabled",
                q_bool("with_merge_requests_enabled", with_merge_requests_enabled),
            )
        )
    if not isinstance(with_programming_language, Unset):
        params.append(
            (
                "with_programming_language",
                q_str("with_programming_language", with_programming_language),
            )
        )
    if not isinstance(min_access_level, Unset):
        params.append(("min_access_level", q_int("min_access_level", min_access_level)))
    if not isinstance(id_after, Unset):
        params.append(("id_after", q_int("id_after", id_after)))
    if not isinstance(id_before, Unset):
        params.append(("id_before", q_int("id_before", id_before)))
    if not isinstance(last_activity_after, Unset):
        params.append(
            ("last_activity_after", q_datetime("last_activity_after", last_activity_after))
        )
    if not isinstance(last_activity_before, Unset):
        params.append(
            ("last_activity_before", q_datetime("last_activity_before", last_activity_before))
        )
    if not isinstance(repository_storage, Unset):
        params.append(("repository_storage", q_str("repository_storage", repository_storage)))
    if not isinstance(topic, Unset):
        params.append(("topic", q_str("topic", topic)))
    if not isinstance(topic_id, Unset):
        params.append(("topic_id", q_int("topic_id", topic_id)))
    if not isinstance(updated_before, Unset):
        params.append(("updated_before", q_datetime("updated_before", updated_before)))
    if not isinstance(updated_after, Unset):
        params.append(("updated_after", q_datetime("updated_after", updated_after)))
    if not isinstance(include_pending_delete, Unset):
        params.append(
            ("include_pending_delete", q_bool("include_pending_delete", include_pending_delete))
        )
    if not isinstance(marked_for_deletion_on, Unset):
        params.append(
            ("marked_for_deletion_on", q_date("marked_for_deletion_on", marked_for_deletion_on))
        )
    if not isinstance(active, Unset):
        params.append(("active", q_bool("active", active)))
    if not isinstance(simple, Unset):
        params.append(("simple", q_bool("simple", simple)))
    if not isinstance(statistics, Unset):
        params.append(("statistics", q_bool("statistics", statistics)))
    if not isinstance(with_custom_attributes, Unset):
        params.append(
            ("with_custom_attributes", q_bool("with_custom_attributes", with_custom_attributes))
        )
    if not isinstance(custom_attributes, Unset):
        params.extend(q_map("custom_attributes", custom_attributes))
    if not isinstance(page, Unset):
        params.append(("page", q_int("page", page)))
    if not isinstance(per_page, Unset):
        params.append(("per_page", q_int("per_page", per_page)))
    if not isinstance(pagination, Unset):
        params.append(("pagination", q_enum("pagination", pagination, KeysetPagination)))
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            user_id=path_id("user_id", user_id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    return request


def parse_response(response: httpx.Response) -> list[BasicProjectDetails | ProjectWithAccess]:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: list[BasicProjectDetails | ProjectWithAccess] = parse_json(
            list[BasicProjectDetails | ProjectWithAccess], response.content
        )
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(
    client: ApiClient, response: httpx.Response
) -> Response[list[BasicProjectDetails | ProjectWithAccess]]:
    """Wrap the parsed body with the status, headers and raw response."""
    try:
        parsed = parse_response(response)
    except ValueError as exc:  # pydantic.ValidationError, bad JSON, undocumented status
        raise client.response_error(response, exc) from exc
    return Response(
        status_code=response.status_code,
        headers=response.headers,
        content=response.content,
        parsed=parsed,
        http_response=response,
    )


async def asyncio_detailed(
    user_id: int | str,
    *,
    client: ApiClient,
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
    | Unset = UNSET,
    sort: SortDirection | Literal["asc", "desc"] | Unset = UNSET,
    archived: bool | Unset = UNSET,
    visibility: ProjectVisibility | Literal["internal", "private", "public"] | Unset = UNSET,
    search: str | Unset = UNSET,
    search_namespaces: bool | Unset = UNSET,
    owned: bool | Unset = UNSET,
    starred: bool | Unset = UNSET,
    imported: bool | Unset = UNSET,
    membership: bool | Unset = UNSET,
    with_issues_enabled: bool | Unset = UNSET,
    with_merge_requests_enabled: bool | Unset = UNSET,
    with_programming_language: str | Unset = UNSET,
    min_access_level: int | Unset = UNSET,
    id_after: int | Unset = UNSET,
    id_before: int | Unset = UNSET,
    last_activity_after: datetime.datetime | Unset = UNSET,
    last_activity_before: datetime.datetime | Unset = UNSET,
    repository_storage: str | Unset = UNSET,
    topic: str | Unset = UNSET,
    topic_id: int | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    include_pending_delete: bool | Unset = UNSET,
    marked_for_deletion_on: datetime.date | Unset = UNSET,
    active: bool | Unset = UNSET,
    simple: bool | Unset = UNSET,
    statistics: bool | Unset = UNSET,
    with_custom_attributes: bool | Unset = UNSET,
    custom_attributes: Mapping[str, str] | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    pagination: KeysetPagination | Literal["keyset"] | Unset = UNSET,
) -> Response[list[BasicProjectDetails | ProjectWithAccess]]:
    """List a user's projects.

    Lists the projects owned by the given user (ID or username) that the caller can see.
    Public: anonymous callers see public projects only, and a private profile gives an empty
    list. Items are `ProjectWithAccess` for signed-in callers and `BasicProjectDetails` for
    anonymous callers or with `simple=true`. Offset paginated; keyset pagination is
    available with `order_by=id`. Rate limited by the `user_projects_api` application limit
    (per user or IP).

    Args:
        user_id: Numeric ID or username of the user. An all-digit value is always read as an ID,
            so an all-digit username can only be reached by its ID.
        order_by: Field to order projects by. The statistics columns are for administrators only;
            `similarity` only applies together with `search`.
        sort: Sort direction.
        archived: Limit by archived status. Without it archived and unarchived projects are
            returned.
        visibility: Project visibility level.
        search: Only projects matching this search text.
        search_namespaces: Also match the namespace path when searching.
        owned: Only projects owned by the current user. Server default false.
        starred: Only projects starred by the current user. Server default false.
        imported: Only projects imported by the current user. Server default false.
        membership: Only projects the current user is a member of. Server default false.
        with_issues_enabled: Only projects with the issues feature enabled. Server default false.
        with_merge_requests_enabled: Only projects with the merge requests feature enabled. Server default false.
        with_programming_language: Only projects using this programming language.
        min_access_level: Only projects where the current user has at least this access level (5, 10, 15,
            20, 30, 40 or 50).
        id_after: Only projects with an ID greater than this.
        id_before: Only projects with an ID less than this.
        last_activity_after: Only projects with activity after this time.
        last_activity_before: Only projects with activity before this time.
        repository_storage: Only projects stored on this repository storage. Administrators only.
        topic: Only projects with all of these topics, as one comma-separated string (GitLab
            also accepts `topic[]` repeated; the SDK sends the csv form).
        topic_id: Only projects with the topic of this ID.
        updated_before: Only projects last updated before this time.
        updated_after: Only projects last updated after this time.
        include_pending_delete: Include projects pending deletion. Administrators only.
        marked_for_deletion_on: Only projects marked for deletion on this date (YYYY-MM-DD).
        active: Only active projects (`true`) or only archived or pending-deletion projects
            (`false`).
        simple: Return only the basic fields of each project (`BasicProjectDetails`). Server
            default false.
        statistics: Include project statistics (reporters and above). Server default false.
        with_custom_attributes: Include each project's custom attributes (only honoured for administrators).
            Server default false.
        custom_attributes: Custom attribute filter, sent as deepObject query pairs
            `custom_attributes[key]=value`; every pair must match.
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.
        pagination: Selects keyset pagination.

    """
    request = build_request(
        user_id,
        order_by=order_by,
        sort=sort,
        archived=archived,
        visibility=visibility,
        search=search,
        search_namespaces=search_namespaces,
        owned=owned,
        starred=starred,
        imported=imported,
        membership=membership,
        with_issues_enabled=with_issues_enabled,
        with_merge_requests_enabled=with_merge_requests_enabled,
        with_programming_language=with_programming_language,
        min_access_level=min_access_level,
        id_after=id_after,
        id_before=id_before,
        last_activity_after=last_activity_after,
        last_activity_before=last_activity_before,
        repository_storage=repository_storage,
        topic=topic,
        topic_id=topic_id,
        updated_before=updated_before,
        updated_after=updated_after,
        include_pending_delete=include_pending_delete,
        marked_for_deletion_on=marked_for_deletion_on,
        active=active,
        simple=simple,
        statistics=statistics,
        with_custom_attributes=with_custom_attributes,
        custom_attributes=custom_attributes,
        page=page,
        per_page=per_page,
        pagination=pagination,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    user_id: int | str,
    *,
    client: ApiClient,
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
    | Unset = UNSET,
    sort: SortDirection | Literal["asc", "desc"] | Unset = UNSET,
    archived: bool | Unset = UNSET,
    visibility: ProjectVisibility | Literal["internal", "private", "public"] | Unset = UNSET,
    search: str | Unset = UNSET,
    search_namespaces: bool | Unset = UNSET,
    owned: bool | Unset = UNSET,
    starred: bool | Unset = UNSET,
    imported: bool | Unset = UNSET,
    membership: bool | Unset = UNSET,
    with_issues_enabled: bool | Unset = UNSET,
    with_merge_requests_enabled: bool | Unset = UNSET,
    with_programming_language: str | Unset = UNSET,
    min_access_level: int | Unset = UNSET,
    id_after: int | Unset = UNSET,
    id_before: int | Unset = UNSET,
    last_activity_after: datetime.datetime | Unset = UNSET,
    last_activity_before: datetime.datetime | Unset = UNSET,
    repository_storage: str | Unset = UNSET,
    topic: str | Unset = UNSET,
    topic_id: int | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    include_pending_delete: bool | Unset = UNSET,
    marked_for_deletion_on: datetime.date | Unset = UNSET,
    active: bool | Unset = UNSET,
    simple: bool | Unset = UNSET,
    statistics: bool | Unset = UNSET,
    with_custom_attributes: bool | Unset = UNSET,
    custom_attributes: Mapping[str, str] | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    pagination: KeysetPagination | Literal["keyset"] | Unset = UNSET,
) -> list[BasicProjectDetails | ProjectWithAccess]:
    """List a user's projects.

    Lists the projects owned by the given user (ID or username) that the caller can see.
    Public: anonymous callers see public projects only, and a private profile gives an empty
    list. Items are `ProjectWithAccess` for signed-in callers and `BasicProjectDetails` for
    anonymous callers or with `simple=true`. Offset paginated; keyset pagination is
    available with `order_by=id`. Rate limited by the `user_projects_api` application limit
    (per user or IP).

    Args:
        user_id: Numeric ID or username of the user. An all-digit value is always read as an ID,
            so an all-digit username can only be reached by its ID.
        order_by: Field to order projects by. The statistics columns are for administrators only;
            `similarity` only applies together with `search`.
        sort: Sort direction.
        archived: Limit by archived status. Without it archived and unarchived projects are
            returned.
        visibility: Project visibility level.
        search: Only projects matching this search text.
        search_namespaces: Also match the namespace path when searching.
        owned: Only projects owned by the current user. Server default false.
        starred: Only projects starred by the current user. Server default false.
        imported: Only projects imported by the current user. Server default false.
        membership: Only projects the current user is a member of. Server default false.
        with_issues_enabled: Only projects with the issues feature enabled. Server default false.
        with_merge_requests_enabled: Only projects with the merge requests feature enabled. Server default false.
        with_programming_language: Only projects using this programming language.
        min_access_level: Only projects where the current user has at least this access level (5, 10, 15,
            20, 30, 40 or 50).
        id_after: Only projects with an ID greater than this.
        id_before: Only projects with an ID less than this.
        last_activity_after: Only projects with activity after this time.
        last_activity_before: Only projects with activity before this time.
        repository_storage: Only projects stored on this repository storage. Administrators only.
        topic: Only projects with all of these topics, as one comma-separated string (GitLab
            also accepts `topic[]` repeated; the SDK sends the csv form).
        topic_id: Only projects with the topic of this ID.
        updated_before: Only projects last updated before this time.
        updated_after: Only projects last updated after this time.
        include_pending_delete: Include projects pending deletion. Administrators only.
        marked_for_deletion_on: Only projects marked for deletion on this date (YYYY-MM-DD).
        active: Only active projects (`true`) or only archived or pending-deletion projects
            (`false`).
        simple: Return only the basic fields of each project (`BasicProjectDetails`). Server
            default false.
        statistics: Include project statistics (reporters and above). Server default false.
        with_custom_attributes: Include each project's custom attributes (only honoured for administrators).
            Server default false.
        custom_attributes: Custom attribute filter, sent as deepObject query pairs
            `custom_attributes[key]=value`; every pair must match.
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.
        pagination: Selects keyset pagination.

    """
    return (
        await asyncio_detailed(
            user_id,
            order_by=order_by,
            sort=sort,
            archived=archived,
            visibility=visibility,
            search=search,
            search_namespaces=search_namespaces,
            owned=owned,
            starred=starred,
            imported=imported,
            membership=membership,
            with_issues_enabled=with_issues_enabled,
            with_merge_requests_enabled=with_merge_requests_enabled,
            with_programming_language=with_programming_language,
            min_access_level=min_access_level,
            id_after=id_after,
            id_before=id_before,
            last_activity_after=last_activity_after,
            last_activity_before=last_activity_before,
            repository_storage=repository_storage,
            topic=topic,
            topic_id=topic_id,
            updated_before=updated_before,
            updated_after=updated_after,
            include_pending_delete=include_pending_delete,
            marked_for_deletion_on=marked_for_deletion_on,
            active=active,
            simple=simple,
            statistics=statistics,
            with_custom_attributes=with_custom_attributes,
            custom_attributes=custom_attributes,
            page=page,
            per_page=per_page,
            pagination=pagination,
            client=client,
        )
    ).parsed
