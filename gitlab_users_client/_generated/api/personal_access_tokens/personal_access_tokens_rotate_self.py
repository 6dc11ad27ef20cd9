"""``POST /personal_access_tokens/self/rotate``: Rotate the token you are using (generated; do not edit).

Pure functions: :func:`build_request` and :func:`parse_response`. The resource method
that calls them is documented in this package's ``__init__``; sending is the client's job.
"""

from __future__ import annotations

import httpx

from ...._contract.extras import with_extras
from ...._contract.models import parse_json
from ...._contract.request import ApiRequest, UnexpectedStatus
from ...._contract.types import NOT_GIVEN, ExtraBody, ExtraHeaders, ExtraQuery, NotGiven
from ...models.personal_access_token_with_token import PersonalAccessTokenWithToken
from ...models.rotate_personal_access_token_request import RotatePersonalAccessTokenRequest

OPERATION_ID = "personal_access_tokens_rotate_self"
METHOD = "POST"
PATH = "/personal_access_tokens/self/rotate"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset({"expires_at"})
#: Its header parameters (lower case): ``extra_headers`` cannot set them.
HEADERS: frozenset[str] = frozenset({"sudo"})


def build_request(
    *,
    body: RotatePersonalAccessTokenRequest | NotGiven = NOT_GIVEN,
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


def parse_response(response: httpx.Response) -> PersonalAccessTokenWithToken:
    """The body of a successful response, validated; ``UnexpectedStatus`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: PersonalAccessTokenWithToken = parse_json(
            PersonalAccessTokenWithToken, response.content
        )
        return parsed_200
    raise UnexpectedStatus(status)
