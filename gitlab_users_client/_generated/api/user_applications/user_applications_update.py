"""``PUT /user/applications/{id}``: Update one of your OAuth applications (generated; do not edit).

Pure functions: :func:`build_request` and :func:`parse_response`. The resource method
that calls them is documented in this package's ``__init__``; sending is the client's job.
"""

from __future__ import annotations

import httpx

from ...._encoding import (
    path_int,
)
from ...._request import ApiRequest, UnexpectedStatus
from ...._runtime import parse_json
from ...._types import NOT_GIVEN, NotGiven
from ...models.application import Application
from ...models.update_application_request import UpdateApplicationRequest

OPERATION_ID = "user_applications_update"
METHOD = "PUT"
PATH = "/user/applications/{id}"


def build_request(
    id: int,
    *,
    body: UpdateApplicationRequest | NotGiven = NOT_GIVEN,
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
    if isinstance(body, NotGiven):
        return request
    request.json = body.model_dump_json(exclude_unset=True, by_alias=True).encode()
    return request


def parse_response(response: httpx.Response) -> Application:
    """The body of a successful response, validated; ``UnexpectedStatus`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: Application = parse_json(Application, response.content)
        return parsed_200
    raise UnexpectedStatus(status)
