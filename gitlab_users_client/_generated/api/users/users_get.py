"""``GET /users/{id}``: Get a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.user_details_with_admin import UserDetailsWithAdmin
from ...models.user_profile import UserProfile
from ...types import (
    UNSET,
    Response,
    Unset,
    parse_json,
    path_int,
    q_bool,
)

OPERATION_ID = "users_get"
METHOD = "GET"
PATH = "/users/{id}"


def build_request(
    id: int,
    *,
    with_custom_attributes: bool | Unset = UNSET,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(with_custom_attributes, Unset):
        params.append(
            ("with_custom_attributes", q_bool("with_custom_attributes", with_custom_attributes))
        )
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            id=path_int("id", id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    return request


def parse_response(response: httpx.Response) -> UserDetailsWithAdmin | UserProfile:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: UserDetailsWithAdmin | UserProfile = parse_json(
            UserDetailsWithAdmin | UserProfile, response.content
        )
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(
    client: ApiClient, response: httpx.Response
) -> Response[UserDetailsWithAdmin | UserProfile]:
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
    id: int,
    *,
    client: ApiClient,
    with_custom_attributes: bool | Unset = UNSET,
) -> Response[UserDetailsWithAdmin | UserProfile]:
    """Get a user.

    Returns one user by numeric ID. Needs a signed-in user: an anonymous call gets 403 "Not
    authorized!", not 401. Regular users get `UserProfile`; administrators, auditors and
    custom admin roles with `read_admin_users` get `UserDetailsWithAdmin`. A user the caller
    may not read gives 404 "User Not Found". Rate limited per user by the `users_get_by_id`
    application limit (default 300 requests per 10 minutes; callers who can read all
    resources and allowlisted users are exempt). Granular token permission: `read_user`.

    Args:
        id: Numeric ID of the user (the route only matches digits).
        with_custom_attributes: Include the user's custom attributes (only honoured for administrators). Server
            default false.

    """
    request = build_request(
        id,
        with_custom_attributes=with_custom_attributes,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    id: int,
    *,
    client: ApiClient,
    with_custom_attributes: bool | Unset = UNSET,
) -> UserDetailsWithAdmin | UserProfile:
    """Get a user.

    Returns one user by numeric ID. Needs a signed-in user: an anonymous call gets 403 "Not
    authorized!", not 401. Regular users get `UserProfile`; administrators, auditors and
    custom admin roles with `read_admin_users` get `UserDetailsWithAdmin`. A user the caller
    may not read gives 404 "User Not Found". Rate limited per user by the `users_get_by_id`
    application limit (default 300 requests per 10 minutes; callers who can read all
    resources and allowlisted users are exempt). Granular token permission: `read_user`.

    Args:
        id: Numeric ID of the user (the route only matches digits).
        with_custom_attributes: Include the user's custom attributes (only honoured for administrators). Server
            default false.

    """
    return (
        await asyncio_detailed(id, with_custom_attributes=with_custom_attributes, client=client)
    ).parsed
