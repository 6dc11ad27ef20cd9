"""``GET /users/{user_id}/memberships``: List the direct memberships of a user (generated; do not edit)."""

from __future__ import annotations

from typing import Literal

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.membership import Membership
from ...models.membership_type import MembershipType
from ...types import (
    UNSET,
    Response,
    Unset,
    parse_json,
    path_int,
    q_enum,
    q_int,
)

OPERATION_ID = "users_list_memberships"
METHOD = "GET"
PATH = "/users/{user_id}/memberships"


def build_request(
    user_id: int,
    *,
    type_: MembershipType | Literal["Namespace", "Project"] | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(type_, Unset):
        params.append(("type", q_enum("type", type_, MembershipType)))
    if not isinstance(page, Unset):
        params.append(("page", q_int("page", page)))
    if not isinstance(per_page, Unset):
        params.append(("per_page", q_int("per_page", per_page)))
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            user_id=path_int("user_id", user_id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    return request


def parse_response(response: httpx.Response) -> list[Membership]:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: list[Membership] = parse_json(list[Membership], response.content)
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[list[Membership]]:
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
    user_id: int,
    *,
    client: ApiClient,
    type_: MembershipType | Literal["Namespace", "Project"] | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> Response[list[Membership]]:
    """List the direct memberships of a user.

    Lists the projects and groups the user is a direct member of (inherited memberships are
    not included). Administrators only. Offset paginated. Granular token permission:
    `read_user`.

    Args:
        user_id: Numeric ID of the user (a username is not accepted here).
        type_: Source type of a membership (`Namespace` means a group).
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.

    """
    request = build_request(
        user_id,
        type_=type_,
        page=page,
        per_page=per_page,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    user_id: int,
    *,
    client: ApiClient,
    type_: MembershipType | Literal["Namespace", "Project"] | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> list[Membership]:
    """List the direct memberships of a user.

    Lists the projects and groups the user is a direct member of (inherited memberships are
    not included). Administrators only. Offset paginated. Granular token permission:
    `read_user`.

    Args:
        user_id: Numeric ID of the user (a username is not accepted here).
        type_: Source type of a membership (`Namespace` means a group).
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.

    """
    return (
        await asyncio_detailed(user_id, type_=type_, page=page, per_page=per_page, client=client)
    ).parsed
