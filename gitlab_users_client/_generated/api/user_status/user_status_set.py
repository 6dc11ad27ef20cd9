"""``PUT /user/status``: Set your status (generated; do not edit).

A pure function, :func:`build_request`, and data, ``RESPONSES``. The resource method
that uses them is documented in this package's ``__init__``; sending and parsing are the
client's job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...._contract.extras import with_extras
from ...._contract.request import ApiRequest
from ...._contract.response import LazyResponses, ResponseTypes
from ...._contract.types import NOT_GIVEN, ExtraBody, ExtraHeaders, ExtraQuery, NotGiven
from ...models.set_user_status_request import SetUserStatusRequest

if TYPE_CHECKING:
    from ...models.user_status import UserStatus

OPERATION_ID = "user_status_set"
METHOD = "PUT"
PATH = "/user/status"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset({"availability", "clear_status_after", "emoji", "message"})
#: Its header parameters (lower case): ``extra_headers`` cannot set them.
HEADERS: frozenset[str] = frozenset({"sudo"})
#: Its documented successful answers: status → body type (``None``: no body). The client
#: parses with it; any other status is an error.
#: Built on first access (``__getattr__``), with its models: importing this module, and
#: building and sending a request, import no pydantic model (a scan sends its first
#: requests, then imports the models while the server answers).
RESPONSES: ResponseTypes[UserStatus]


def __getattr__(name: str) -> ResponseTypes[UserStatus]:
    if name != "RESPONSES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from ...models.user_status import UserStatus

    responses: ResponseTypes[UserStatus] = ResponseTypes(
        {
            200: UserStatus,
        }
    )
    globals()["RESPONSES"] = responses
    return responses


#: ``RESPONSES`` as the resource method hands it to the client: read at the answer's
#: first lookup, so a fresh process's first call sends its request, then imports the
#: models while the server answers.
ANSWERS: LazyResponses[UserStatus] = LazyResponses(__name__)


def build_request(
    *,
    body: SetUserStatusRequest | NotGiven = NOT_GIVEN,
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
    if not isinstance(body, NotGiven):
        request.json = body.model_dump_json(exclude_unset=True, by_alias=True).encode()
    return with_extras(
        request,
        PARAMETERS,
        HEADERS,
        extra_headers=extra_headers,
        extra_query=extra_query,
        extra_body=extra_body,
    )
