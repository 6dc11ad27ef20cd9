"""``PUT /user/{user_id}/credit_card_validation``: Update the credit card validation of a user (generated; do not edit)."""

from __future__ import annotations

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.update_credit_card_validation_request import UpdateCreditCardValidationRequest
from ...models.user_credit_card_validations import UserCreditCardValidations
from ...types import (
    Response,
    parse_json,
    path_int,
)

OPERATION_ID = "users_update_credit_card_validation"
METHOD = "PUT"
PATH = "/user/{user_id}/credit_card_validation"


def build_request(
    user_id: int,
    *,
    body: UpdateCreditCardValidationRequest,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    request = ApiRequest(
        method=METHOD,
        path=PATH.format(
            user_id=path_int("user_id", user_id),
        ),
        operation_id=OPERATION_ID,
        params=params,
    )
    request.json = body.model_dump_json(exclude_unset=True, by_alias=True).encode()
    return request


def parse_response(response: httpx.Response) -> UserCreditCardValidations:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: UserCreditCardValidations = parse_json(
            UserCreditCardValidations, response.content
        )
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(
    client: ApiClient, response: httpx.Response
) -> Response[UserCreditCardValidations]:
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
    user_id: int,
    *,
    client: ApiClient,
    body: UpdateCreditCardValidationRequest,
) -> Response[UserCreditCardValidations]:
    """Update the credit card validation of a user.

    Deprecated since GitLab 17.7: an internal billing hook. Note the singular `/user/`
    prefix. Administrators only (403 otherwise). Records that a user's credit card was
    validated. When the validation is rate limited GitLab answers 400 with the message.
    Granular token permission: `update_credit_card_validation`.

    Args:
        user_id: Numeric ID of the user.

    """
    request = build_request(
        user_id,
        body=body,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    user_id: int,
    *,
    client: ApiClient,
    body: UpdateCreditCardValidationRequest,
) -> UserCreditCardValidations:
    """Update the credit card validation of a user.

    Deprecated since GitLab 17.7: an internal billing hook. Note the singular `/user/`
    prefix. Administrators only (403 otherwise). Records that a user's credit card was
    validated. When the validation is rate limited GitLab answers 400 with the message.
    Granular token permission: `update_credit_card_validation`.

    Args:
        user_id: Numeric ID of the user.

    """
    return (await asyncio_detailed(user_id, body=body, client=client)).parsed
