"""``POST /users/{user_id}/personal_access_tokens``: Create a personal access token for a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.create_personal_access_token_request import CreatePersonalAccessTokenRequest
from ...models.personal_access_token_with_token import PersonalAccessTokenWithToken
from ...types import (
    Response,
    parse_json,
    path_int,
)

OPERATION_ID = "users_personal_access_tokens_create"
METHOD = "POST"
PATH = "/users/{user_id}/personal_access_tokens"


def build_request(
    user_id: int,
    *,
    body: CreatePersonalAccessTokenRequest,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            user_id=path_int("user_id", user_id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    request.json = body.model_dump_json(exclude_unset=True, by_alias=True).encode()
    return request


def parse_response(response: httpx.Response) -> PersonalAccessTokenWithToken:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 201:
        parsed_201: PersonalAccessTokenWithToken = parse_json(
            PersonalAccessTokenWithToken, response.content
        )
        return parsed_201
    raise UnexpectedStatusError(status)


def build_response(
    client: ApiClient, response: httpx.Response
) -> Response[PersonalAccessTokenWithToken]:
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
    body: CreatePersonalAccessTokenRequest,
) -> Response[PersonalAccessTokenWithToken]:
    """Create a personal access token for a user.

    Creates a personal access token for a user. Administrators only. The token value is
    returned only once. Each scope must be one GitLab knows. Without `expires_at` the
    instance maximum lifetime applies. A service failure answers with its HTTP status
    (default 422) and `{"message": ...}`. Granular token permission:
    `create_personal_access_token`.

    Args:
        user_id: Numeric ID of the user (a username is not accepted here).

    """
    request = build_request(
        user_id,
        body=body,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    user_id: int,
    *,
    client: ApiClient,
    body: CreatePersonalAccessTokenRequest,
) -> PersonalAccessTokenWithToken:
    """Create a personal access token for a user.

    Creates a personal access token for a user. Administrators only. The token value is
    returned only once. Each scope must be one GitLab knows. Without `expires_at` the
    instance maximum lifetime applies. A service failure answers with its HTTP status
    (default 422) and `{"message": ...}`. Granular token permission:
    `create_personal_access_token`.

    Args:
        user_id: Numeric ID of the user (a username is not accepted here).

    """
    return (await asyncio_detailed(user_id, body=body, client=client)).parsed
