"""``POST /user/emails``: Add an email (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.create_own_email_request import CreateOwnEmailRequest
from ...models.email import Email
from ...types import (
    Response,
    parse_json,
)

OPERATION_ID = "user_emails_create"
METHOD = "POST"
PATH = "/user/emails"


def build_request(
    *,
    body: CreateOwnEmailRequest,
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
    *,
    client: ApiClient,
    body: CreateOwnEmailRequest,
) -> Response[Email]:
    """Add an email.

    Adds a secondary email address to the authenticated user; GitLab sends a confirmation
    email. 400 with per-field messages when the address is invalid or already taken.

    """
    request = build_request(
        body=body,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    *,
    client: ApiClient,
    body: CreateOwnEmailRequest,
) -> Email:
    """Add an email.

    Adds a secondary email address to the authenticated user; GitLab sends a confirmation
    email. 400 with per-field messages when the address is invalid or already taken.

    """
    return (await asyncio_detailed(body=body, client=client)).parsed
