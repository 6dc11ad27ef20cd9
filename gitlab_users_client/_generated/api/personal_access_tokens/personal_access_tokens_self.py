"""``GET /personal_access_tokens/self``: Get the token you are using (generated; do not edit).

A pure function, :func:`build_request`, and data, ``RESPONSES``. The resource method
that uses them is documented in this package's ``__init__``; sending and parsing are the
client's job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...._contract.extras import with_extras
from ...._contract.request import ApiRequest
from ...._contract.response import LazyResponses, ResponseTypes
from ...._contract.types import ExtraHeaders, ExtraQuery

if TYPE_CHECKING:
    from ...models.personal_access_token import PersonalAccessToken

OPERATION_ID = "personal_access_tokens_self"
METHOD = "GET"
PATH = "/personal_access_tokens/self"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset()
#: Its header parameters (lower case): ``extra_headers`` cannot set them.
HEADERS: frozenset[str] = frozenset({"sudo"})
#: Its documented successful answers: status → body type (``None``: no body). The client
#: parses with it; any other status is an error.
#: Built on first access (``__getattr__``), with its models: importing this module, and
#: building and sending a request, import no pydantic model (a scan sends its first
#: requests, then imports the models while the server answers).
RESPONSES: ResponseTypes[PersonalAccessToken]


def __getattr__(name: str) -> ResponseTypes[PersonalAccessToken]:
    if name != "RESPONSES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from ...models.personal_access_token import PersonalAccessToken

    responses: ResponseTypes[PersonalAccessToken] = ResponseTypes(
        {
            200: PersonalAccessToken,
        }
    )
    globals()["RESPONSES"] = responses
    return responses


#: ``RESPONSES`` as the resource method hands it to the client: read at the answer's
#: first lookup, so a fresh process's first call sends its request, then imports the
#: models while the server answers.
ANSWERS: LazyResponses[PersonalAccessToken] = LazyResponses(__name__)


def build_request(
    *,
    extra_headers: ExtraHeaders | None = None,
    extra_query: ExtraQuery | None = None,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH,
        operation_id=OPERATION_ID,
        params=params,
    )
    return with_extras(
        request,
        PARAMETERS,
        HEADERS,
        extra_headers=extra_headers,
        extra_query=extra_query,
    )
