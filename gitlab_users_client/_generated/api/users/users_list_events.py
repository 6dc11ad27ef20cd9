"""``GET /users/{id}/events``: List a user's contribution events (generated; do not edit)."""

from __future__ import annotations

import datetime
from typing import Literal

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.event import Event
from ...models.event_target_type import EventTargetType
from ...models.sort_direction import SortDirection
from ...types import (
    UNSET,
    Response,
    Unset,
    parse_json,
    path_id,
    q_date,
    q_enum,
    q_int,
    q_str,
)

OPERATION_ID = "users_list_events"
METHOD = "GET"
PATH = "/users/{id}/events"


def build_request(
    id: int | str,
    *,
    action: str | Unset = UNSET,
    target_type: EventTargetType
    | Literal["epic", "issue", "merge_request", "milestone", "note", "project", "snippet", "user"]
    | Unset = UNSET,
    before: datetime.date | Unset = UNSET,
    after: datetime.date | Unset = UNSET,
    sort: SortDirection | Literal["asc", "desc"] | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(action, Unset):
        params.append(("action", q_str("action", action)))
    if not isinstance(target_type, Unset):
        params.append(("target_type", q_enum("target_type", target_type, EventTargetType)))
    if not isinstance(before, Unset):
        params.append(("before", q_date("before", before)))
    if not isinstance(after, Unset):
        params.append(("after", q_date("after", after)))
    if not isinstance(sort, Unset):
        params.append(("sort", q_enum("sort", sort, SortDirection)))
    if not isinstance(page, Unset):
        params.append(("page", q_int("page", page)))
    if not isinstance(per_page, Unset):
        params.append(("per_page", q_int("per_page", per_page)))
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            id=path_id("id", id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    return request


def parse_response(response: httpx.Response) -> list[Event]:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: list[Event] = parse_json(list[Event], response.content)
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[list[Event]]:
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
    id: int | str,
    *,
    client: ApiClient,
    action: str | Unset = UNSET,
    target_type: EventTargetType
    | Literal["epic", "issue", "merge_request", "milestone", "note", "project", "snippet", "user"]
    | Unset = UNSET,
    before: datetime.date | Unset = UNSET,
    after: datetime.date | Unset = UNSET,
    sort: SortDirection | Literal["asc", "desc"] | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> Response[list[Event]]:
    """List a user's contribution events.

    Lists the contribution events of the given user (ID or username), newest first by
    default. Needs a signed-in user with the `read_user` or `api` scope; events the caller
    may not see are left out. Offset paginated.

    Args:
        id: Numeric ID or username of the user. An all-digit value is always read as an ID.
        action: Only events with this action name, for example `created`, `updated`, `closed`,
            `reopened`, `pushed`, `commented`, `merged`, `joined`, `left`, `destroyed`,
            `expired` or `approved`.
        target_type: Target type filter for events.
        before: Only events created before this date (YYYY-MM-DD).
        after: Only events created after this date (YYYY-MM-DD).
        sort: Sort direction.
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.

    """
    request = build_request(
        id,
        action=action,
        target_type=target_type,
        before=before,
        after=after,
        sort=sort,
        page=page,
        per_page=per_page,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    id: int | str,
    *,
    client: ApiClient,
    action: str | Unset = UNSET,
    target_type: EventTargetType
    | Literal["epic", "issue", "merge_request", "milestone", "note", "project", "snippet", "user"]
    | Unset = UNSET,
    before: datetime.date | Unset = UNSET,
    after: datetime.date | Unset = UNSET,
    sort: SortDirection | Literal["asc", "desc"] | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> list[Event]:
    """List a user's contribution events.

    Lists the contribution events of the given user (ID or username), newest first by
    default. Needs a signed-in user with the `read_user` or `api` scope; events the caller
    may not see are left out. Offset paginated.

    Args:
        id: Numeric ID or username of the user. An all-digit value is always read as an ID.
        action: Only events with this action name, for example `created`, `updated`, `closed`,
            `reopened`, `pushed`, `commented`, `merged`, `joined`, `left`, `destroyed`,
            `expired` or `approved`.
        target_type: Target type filter for events.
        before: Only events created before this date (YYYY-MM-DD).
        after: Only events created after this date (YYYY-MM-DD).
        sort: Sort direction.
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.

    """
    return (
        await asyncio_detailed(
            id,
            action=action,
            target_type=target_type,
            before=before,
            after=after,
            sort=sort,
            page=page,
            per_page=per_page,
            client=client,
        )
    ).parsed
