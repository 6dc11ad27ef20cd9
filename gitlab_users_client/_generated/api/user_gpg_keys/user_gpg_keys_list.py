"""``GET /user/gpg_keys``: List your GPG keys (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.gpg_key import GpgKey
from ...types import (
    UNSET,
    Response,
    Unset,
    parse_json,
    q_int,
)

OPERATION_ID = "user_gpg_keys_list"
METHOD = "GET"
PATH = "/user/gpg_keys"


def build_request(
    *,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(page, Unset):
        params.append(("page", q_int("page", page)))
    if not isinstance(per_page, Unset):
        params.append(("per_page", q_int("per_page", per_page)))
    request = ApiRequest(
        method=METHOD,
        path=PATH,
        operation_id=OPERATION_ID,
        params=params,
    )
    return request


def parse_response(response: httpx.Response) -> list[GpgKey]:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: list[GpgKey] = parse_json(list[GpgKey], response.content)
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[list[GpgKey]]:
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
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> Response[list[GpgKey]]:
    """List your GPG keys.

    Lists the authenticated user's GPG keys. Offset paginated.

    Args:
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.

    """
    request = build_request(
        page=page,
        per_page=per_page,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    *,
    client: ApiClient,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> list[GpgKey]:
    """List your GPG keys.

    Lists the authenticated user's GPG keys. Offset paginated.

    Args:
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.

    """
    return (await asyncio_detailed(page=page, per_page=per_page, client=client)).parsed
