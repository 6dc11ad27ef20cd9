"""``GET /users/{user_id}/keys``: List the SSH keys of a user (generated; do not edit).

A pure function, :func:`build_request`, and data, ``RESPONSES``. The resource method
that uses them is documented in this package's ``__init__``; sending and parsing are the
client's job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from ...._contract.encoding import (
    path_id,
    q_int,
)
from ...._contract.extras import with_extras
from ...._contract.request import ApiRequest
from ...._contract.response import LazyResponses, ResponseTypes
from ...._contract.types import NOT_GIVEN, ExtraHeaders, ExtraQuery, NotGiven

if TYPE_CHECKING:
    from ...models.ssh_key import SshKey

OPERATION_ID = "users_keys_list"
METHOD = "GET"
PATH = "/users/{user_id}/keys"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset({"page", "per_page", "user_id"})
#: Its header parameters (lower case): ``extra_headers`` cannot set them.
HEADERS: frozenset[str] = frozenset({"sudo"})
#: Its documented successful answers: status → body type (``None``: no body). The client
#: parses with it; any other status is an error.
#: Built on first access (``__getattr__``), with its models: importing this module, and
#: building and sending a request, import no pydantic model (a scan sends its first
#: requests, then imports the models while the server answers).
RESPONSES: ResponseTypes[list[SshKey]]


def __getattr__(name: str) -> ResponseTypes[list[SshKey]]:
    if name != "RESPONSES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from ...models.ssh_key import SshKey

    responses: ResponseTypes[list[SshKey]] = ResponseTypes(
        {
            200: list[SshKey],
        }
    )
    globals()["RESPONSES"] = responses
    return responses


#: ``RESPONSES`` as the resource method hands it to the client: read at the answer's
#: first lookup, so a fresh process's first call sends its request, then imports the
#: models while the server answers.
ANSWERS: LazyResponses[list[SshKey]] = LazyResponses(__name__)


class UsersKeysListFilters(TypedDict, total=False):
    """The filters of ``GET /users/{user_id}/keys``: its query parameters but the order and the
    pagination, as :func:`build_request` takes them."""


def build_request(
    user_id: int | str,
    *,
    page: int | NotGiven = NOT_GIVEN,
    per_page: int | NotGiven = NOT_GIVEN,
    extra_headers: ExtraHeaders | None = None,
    extra_query: ExtraQuery | None = None,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(page, NotGiven):
        params.append(("page", q_int("page", page)))
    if not isinstance(per_page, NotGiven):
        params.append(("per_page", q_int("per_page", per_page)))
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            user_id=path_id("user_id", user_id),
        ),
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
