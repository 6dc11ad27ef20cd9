"""``DELETE /user/emails/{email_id}``: Delete one of your emails (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...types import (
    UNSET,
    Response,
    Unset,
    path_int,
)

OPERATION_ID = "user_emails_delete"
METHOD = "DELETE"
PATH = "/user/emails/{email_id}"


def build_request(
    email_id: int,
    *,
    if_unmodified_since: str | Unset = UNSET,
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
    if not isinstance(if_unmodified_since, Unset):
        request.headers["If-Unmodified-Since"] = str(if_unmodified_since)
    return request


def parse_response(response: httpx.Response) -> None:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 204:
        return None
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[None]:
    """Wrap the parsed body with the status, headers and raw response."""
    try:
        parse_response(response)
        parsed = None
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
    if_unmodified_since: str | Unset = UNSET,
) -> Response[None]:
    """Delete one of your emails.

    Deletes one secondary email address of the authenticated user (not the primary one).
    Honours `If-Unmodified-Since`.

    Args:
        email_id: Numeric ID of the email address.

    """
    request = build_request(
        email_id,
        if_unmodified_since=if_unmodified_since,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    email_id: int,
    *,
    client: ApiClient,
    if_unmodified_since: str | Unset = UNSET,
) -> None:
    """Delete one of your emails.

    Deletes one secondary email address of the authenticated user (not the primary one).
    Honours `If-Unmodified-Since`.

    Args:
        email_id: Numeric ID of the email address.

    """
    return (
        await asyncio_detailed(email_id, if_unmodified_since=if_unmodified_since, client=client)
    ).parsed
