"""``GET /user/emails/{email_id}``: Get one of your emails (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.email import Email
from ...types import (
    Response,
    parse_json,
    path_int,
)

OPERATION_ID = "user_emails_get"
METHOD = "GET"
PATH = "/user/emails/{email_id}"


def build_request(
    email_id: int,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            email_id=path_int("email_id", email_id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    return request


def parse_response(response: httpx.Response) -> Email:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: Email = parse_json(Email, response.content)
        return parsed_200
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
    email_id: int,
    *,
    client: ApiClient,
) -> Response[Email]:
    """Get one of your emails.

    Returns one secondary email address of the authenticated user. 404 `Email` when it does
    not exist.

    Args:
        email_id: Numeric ID of the email address.

    """
    request = build_request(
        email_id,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    email_id: int,
    *,
    client: ApiClient,
) -> Email:
    """Get one of your emails.

    Returns one secondary email address of the authenticated user. 404 `Email` when it does
    not exist.

    Args:
        email_id: Numeric ID of the email address.

    """
    return (await asyncio_detailed(email_id, client=client)).parsed
