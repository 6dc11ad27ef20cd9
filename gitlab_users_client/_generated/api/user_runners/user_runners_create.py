"""``POST /user/runners``: Create a runner linked to you (generated; do not edit).

A pure function, :func:`build_request`, and data, ``RESPONSES``. The resource method
that uses them is documented in this package's ``__init__``; sending and parsing are the
client's job.
"""

from __future__ import annotations

from ...._contract.extras import with_extras
from ...._contract.request import ApiRequest
from ...._contract.response import ResponseTypes
from ...._contract.types import ExtraBody, ExtraHeaders, ExtraQuery
from ...models.create_runner_request import CreateRunnerRequest
from ...models.runner_registration_details import RunnerRegistrationDetails

OPERATION_ID = "user_runners_create"
METHOD = "POST"
PATH = "/user/runners"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset(
    {
        "access_level",
        "description",
        "group_id",
        "locked",
        "maintenance_note",
        "maximum_timeout",
        "paused",
        "project_id",
        "run_untagged",
        "runner_type",
        "tag_list",
        "token_expires_at",
        "token_rotation_deadline",
    }
)
#: Its header parameters (lower case): ``extra_headers`` cannot set them.
HEADERS: frozenset[str] = frozenset({"sudo"})
#: Its documented successful answers: status → body type (``None``: no body). The client
#: parses with it; any other status is an error.
RESPONSES: ResponseTypes[RunnerRegistrationDetails] = ResponseTypes(
    {
        201: RunnerRegistrationDetails,
    }
)


def build_request(
    *,
    body: CreateRunnerRequest,
    extra_headers: ExtraHeaders | None = None,
    extra_query: ExtraQuery | None = None,
    extra_body: ExtraBody | None = None,
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
    return with_extras(
        request,
        PARAMETERS,
        HEADERS,
        extra_headers=extra_headers,
        extra_query=extra_query,
        extra_body=extra_body,
    )
