"""``PUT /user/preferences``: Update your preferences (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.update_user_preferences_request import UpdateUserPreferencesRequest
from ...models.user_preferences import UserPreferences
from ...types import (
    Response,
    parse_json,
)

OPERATION_ID = "user_preferences_update"
METHOD = "PUT"
PATH = "/user/preferences"


def build_request(
    *,
    body: UpdateUserPreferencesRequest,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH,
        operation_id=OPERATION_ID,
        params=params,
    )
    request.json = body.model_dump_json(exclude_unset=True, by_alias=True).encode()
    return request


def parse_response(response: httpx.Response) -> UserPreferences:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: UserPreferences = parse_json(UserPreferences, response.content)
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[UserPreferences]:
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
    body: UpdateUserPreferencesRequest,
) -> Response[UserPreferences]:
    """Update your preferences.

    Updates the authenticated user's preferences. At least one attribute must be sent. 400
    `400 Bad request` when the update fails. Granular token permission:
    `update_user_preference`.

    """
    request = build_request(
        body=body,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    *,
    client: ApiClient,
    body: UpdateUserPreferencesRequest,
) -> UserPreferences:
    """Update your preferences.

    Updates the authenticated user's preferences. At least one attribute must be sent. 400
    `400 Bad request` when the update fails. Granular token permission:
    `update_user_preference`.

    """
    return (await asyncio_detailed(body=body, client=client)).parsed
