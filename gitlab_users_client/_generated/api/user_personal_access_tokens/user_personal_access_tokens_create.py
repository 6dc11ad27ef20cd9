"""``POST /user/personal_access_tokens``: Create a personal access token for yourself (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.create_own_personal_access_token_request import CreateOwnPersonalAccessTokenRequest
from ...models.personal_access_token_with_token import PersonalAccessTokenWithToken
from ...types import (
    Response,
    parse_json,
)

OPERATION_ID = "user_personal_access_tokens_create"
METHOD = "POST"
PATH = "/user/personal_access_tokens"


def build_request(
    *,
    body: CreateOwnPersonalAccessTokenRequest,
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
    *,
    client: ApiClient,
    body: CreateOwnPersonalAccessTokenRequest,
) -> Response[PersonalAccessTokenWithToken]:
    """Create a personal access token for yourself.

    Creates a narrowly scoped personal access token for the authenticated user. Exactly one
    of `scopes` (only `k8s_proxy` and `self_rotate`) and `granular_scopes` must be sent;
    `granular_scopes` needs the `granular_personal_access_tokens` feature flag (404
    otherwise). The token value is returned only once. A service failure answers with its
    HTTP status (default 422). Granular token permission: `create_personal_access_token`.

    """
    request = build_request(
        body=body,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    *,
    client: ApiClient,
    body: CreateOwnPersonalAccessTokenRequest,
) -> PersonalAccessTokenWithToken:
    """Create a personal access token for yourself.

    Creates a narrowly scoped personal access token for the authenticated user. Exactly one
    of `scopes` (only `k8s_proxy` and `self_rotate`) and `granular_scopes` must be sent;
    `granular_scopes` needs the `granular_personal_access_tokens` feature flag (404
    otherwise). The token value is returned only once. A service failure answers with its
    HTTP status (default 422). Granular token permission: `create_personal_access_token`.

    """
    return (await asyncio_detailed(body=body, client=client)).parsed
