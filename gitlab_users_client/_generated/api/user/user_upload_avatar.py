"""``PUT /user/avatar``: Upload your avatar (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.avatar import Avatar
from ...models.upload_avatar_request import UploadAvatarRequest
from ...types import (
    Response,
    parse_json,
    to_multipart,
)

OPERATION_ID = "user_upload_avatar"
METHOD = "PUT"
PATH = "/user/avatar"


def build_request(
    *,
    body: UploadAvatarRequest,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH,
        operation_id=OPERATION_ID,
        params=params,
    )
    request.data, request.files = to_multipart(body)
    return request


def parse_response(response: httpx.Response) -> Avatar:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: Avatar = parse_json(Avatar, response.content)
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(client: ApiClient, response: httpx.Response) -> Response[Avatar]:
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
    body: UploadAvatarRequest,
) -> Response[Avatar]:
    """Upload your avatar.

    Uploads a new avatar for the authenticated user as `multipart/form-data` (docs: at most
    200 KiB; bmp, gif, ico, jpeg, png or tiff). 400 with the service message, for example
    when the file is too large. Granular token permission: `update_user_avatar`.

    """
    request = build_request(
        body=body,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    *,
    client: ApiClient,
    body: UploadAvatarRequest,
) -> Avatar:
    """Upload your avatar.

    Uploads a new avatar for the authenticated user as `multipart/form-data` (docs: at most
    200 KiB; bmp, gif, ico, jpeg, png or tiff). 400 with the service message, for example
    when the file is too large. Granular token permission: `update_user_avatar`.

    """
    return (await asyncio_detailed(body=body, client=client)).parsed
