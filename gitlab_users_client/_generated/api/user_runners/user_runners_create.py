"""``POST /user/runners``: Create a runner linked to you (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.create_runner_request import CreateRunnerRequest
from ...models.runner_registration_details import RunnerRegistrationDetails
from ...types import (
    Response,
    parse_json,
)

OPERATION_ID = "user_runners_create"
METHOD = "POST"
PATH = "/user/runners"


def build_request(
    *,
    body: CreateRunnerRequest,
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


def parse_response(response: httpx.Response) -> RunnerRegistrationDetails:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 201:
        parsed_201: RunnerRegistrationDetails = parse_json(
            RunnerRegistrationDetails, response.content
        )
        return parsed_201
    raise UnexpectedStatusError(status)


def build_response(
    client: ApiClient, response: httpx.Response
) -> Response[RunnerRegistrationDetails]:
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
    body: CreateRunnerRequest,
) -> Response[RunnerRegistrationDetails]:
    """Create a runner linked to you.

    Creates a runner linked to the authenticated user and returns its authentication token
    (shown only once). The token needs the `create_runner` scope. `instance_type` needs an
    administrator; `group_type` and `project_type` need the Owner role (or an administrator)
    on the group or project, and require `group_id` or `project_id`. 403 with the service
    message when not allowed, 400 for other failures. Granular token permission:
    `create_runner`.

    """
    request = build_request(
        body=body,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    *,
    client: ApiClient,
    body: CreateRunnerRequest,
) -> RunnerRegistrationDetails:
    """Create a runner linked to you.

    Creates a runner linked to the authenticated user and returns its authentication token
    (shown only once). The token needs the `create_runner` scope. `instance_type` needs an
    administrator; `group_type` and `project_type` need the Owner role (or an administrator)
    on the group or project, and require `group_id` or `project_id`. 403 with the service
    message when not allowed, 400 for other failures. Granular token permission:
    `create_runner`.

    """
    return (await asyncio_detailed(body=body, client=client)).parsed
