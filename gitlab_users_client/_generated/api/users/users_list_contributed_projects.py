"""``GET /users/{user_id}/contributed_projects``: List the projects a user contributed to (generated; do not edit)."""

from __future__ import annotations

from typing import Literal

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.basic_project_details import BasicProjectDetails
from ...models.project_order_by import ProjectOrderBy
from ...models.project_with_access import ProjectWithAccess
from ...models.sort_direction import SortDirection
from ...types import (
    UNSET,
    Response,
    Unset,
    parse_json,
    path_id,
    q_bool,
    q_enum,
    q_int,
)

OPERATION_ID = "users_list_contributed_projects"
METHOD = "GET"
PATH = "/users/{user_id}/contributed_projects"


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
    simple: bool | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(order_by, Unset):
        params.append(("order_by", q_enum("order_by", order_by, ProjectOrderBy)))
    if not isinstance(sort, Unset):
        params.append(("sort", q_enum("sort", sort, SortDirection)))
    if not isinstance(simple, Unset):
        params.append(("simple", q_bool("simple", simple)))
    if not isinstance(page, Unset):
        params.append(("page", q_int("page", page)))
    if not isinstance(per_page, Unset):
        params.append(("per_page", q_int("per_page", per_page)))
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
    simple: bool | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> Response[list[BasicProjectDetails | ProjectWithAccess]]:
    """List the projects a user contributed to.

    Lists the projects the given user (ID or username) contributed to in the last year and
    that the caller can see. Public. Items are `ProjectWithAccess` for signed-in callers and
    `BasicProjectDetails` for anonymous callers or with `simple=true`. Offset paginated.
    Rate limited by the `user_contributed_projects_api` application limit (per user or IP).

    Args:
        user_id: Numeric ID or username of the user. An all-digit value is always read as an ID,
            so an all-digit username can only be reached by its ID.
        order_by: Field to order projects by. The statistics columns are for administrators only;
            `similarity` only applies together with `search`.
        sort: Sort direction.
        simple: Return only the basic fields of each project (`BasicProjectDetails`). Server
            default false.
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.

    """
    request = build_request(
        user_id,
        order_by=order_by,
        sort=sort,
        simple=simple,
        page=page,
        per_page=per_page,
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
    simple: bool | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> list[BasicProjectDetails | ProjectWithAccess]:
    """List the projects a user contributed to.

    Lists the projects the given user (ID or username) contributed to in the last year and
    that the caller can see. Public. Items are `ProjectWithAccess` for signed-in callers and
    `BasicProjectDetails` for anonymous callers or with `simple=true`. Offset paginated.
    Rate limited by the `user_contributed_projects_api` application limit (per user or IP).

    Args:
        user_id: Numeric ID or username of the user. An all-digit value is always read as an ID,
            so an all-digit username can only be reached by its ID.
        order_by: Field to order projects by. The statistics columns are for administrators only;
            `similarity` only applies together with `search`.
        sort: Sort direction.
        simple: Return only the basic fields of each project (`BasicProjectDetails`). Server
            default false.
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.

    """
    return (
        await asyncio_detailed(
            user_id,
            order_by=order_by,
            sort=sort,
            simple=simple,
            page=page,
            per_page=per_page,
            client=client,
        )
    ).parsed
