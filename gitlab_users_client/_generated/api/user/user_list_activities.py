"""``GET /user/activities``: List user activities (generated; do not edit)."""

from __future__ import annotations

import datetime

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.user_activity import UserActivity
from ...types import (
    UNSET,
    Response,
    Unset,
    parse_json,
    q_datetime,
    q_int,
)

OPERATION_ID = "user_list_activities"
METHOD = "GET"
PATH = "/user/activities"


def build_request(
    *,
    from_: datetime.datetime | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(from_, Unset):
        params.append(("from", q_datetime("from", from_)))
    if not isinstance(page, Unset):
        params.append(("page", q_int("page", page)))
    if not isinstance(per_page, Unset):
        params.append(("per_page", q_int("per_page", per_page)))
    request = ApiRequest(
        method=METHOD,
        path=PATH,
        operation_id=OPERATION_ID,
        params=params,
    )
    return request


def parse_response(response: httpx.Response) -> list[UserActivity]:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: list[UserActivity] = parse_json(list[UserActivity], response.content)
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[list[UserActivity]]:
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
    *,
    client: ApiClient,
    from_: datetime.datetime | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> Response[list[UserActivity]]:
    """List user activities.

    Lists the last activity dates of users, oldest first (ordered by `last_activity_on`).
    Any signed-in user; non-admins only see users with public profiles. By default the last
    six months are covered. Activities that update the date include Git over HTTP/SSH,
    signing in, visiting dashboards, projects, issues and merge requests, and using the REST
    or GraphQL API. Offset paginated. Granular token permission: `read_user_activity`.

    Args:
        from_: Only activity on or after this time. A plain date (YYYY-MM-DD) is also accepted
            by the server. Server default: six months ago.
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.

    """
    request = build_request(
        from_=from_,
        page=page,
        per_page=per_page,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    *,
    client: ApiClient,
    from_: datetime.datetime | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> list[UserActivity]:
    """List user activities.

    Lists the last activity dates of users, oldest first (ordered by `last_activity_on`).
    Any signed-in user; non-admins only see users with public profiles. By default the last
    six months are covered. Activities that update the date include Git over HTTP/SSH,
    signing in, visiting dashboards, projects, issues and merge requests, and using the REST
    or GraphQL API. Offset paginated. Granular token permission: `read_user_activity`.

    Args:
        from_: Only activity on or after this time. A plain date (YYYY-MM-DD) is also accepted
            by the server. Server default: six months ago.
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.

    """
    return (await asyncio_detailed(from_=from_, page=page, per_page=per_page, client=client)).parsed
