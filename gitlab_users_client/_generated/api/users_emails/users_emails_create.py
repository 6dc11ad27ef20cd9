"""``POST /users/{id}/emails``: Add an email to a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.create_email_request import CreateEmailRequest
from ...models.email import Email
from ...types import (
    Response,
    parse_json,
    path_int,
)

OPERATION_ID = "users_emails_create"
METHOD = "POST"
PATH = "/users/{id}/emails"


def build_request(
    id: int,
    *,
    body: CreateEmailRequest,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            id=path_int("id", id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    request.json = body.model_dump_json(exclude_unset=True, by_alias=True).encode()
    return request


def parse_response(response: httpx.Response) -> Email:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 201:
        parsed_201: Email = parse_json(Email, response.content)
        return parsed_201
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[Email]:
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
    body: CreateEmailRequest,
) -> Response[Email]:
    """Add an email to a user.

    Adds a secondary email address to a user. Administrators only. 400 with per-field
    messages when the address is invalid or already taken. Granular token permission:
    `create_user_email`.

    Args:
        id: Numeric ID of the user (the route only matches digits).

    """
    request = build_request(
        id,
        body=body,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    id: int,
    *,
    client: ApiClient,
    body: CreateEmailRequest,
) -> Email:
    """Add an email to a user.

    Adds a secondary email address to a user. Administrators only. 400 with per-field
    messages when the address is invalid or already taken. Granular token permission:
    `create_user_email`.

    Args:
        id: Numeric ID of the user (the route only matches digits).

    """
    return (await asyncio_detailed(id, body=body, client=client)).parsed
