"""``GET /users``: List users (generated; do not edit).

A pure function, :func:`build_request`, and data, ``RESPONSES``. The resource method
that uses them is documented in this package's ``__init__``; sending and parsing are the
client's job.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal, TypedDict

from ...._contract.encoding import (
    q_bool,
    q_datetime,
    q_enum,
    q_int,
    q_map,
    q_str,
)
from ...._contract.extras import with_extras
from ...._contract.request import ApiRequest
from ...._contract.response import LazyResponses, ResponseTypes
from ...._contract.types import NOT_GIVEN, ExtraHeaders, ExtraQuery, NotGiven
from ...models.keyset_pagination import KeysetPagination
from ...models.sort_direction import SortDirection
from ...models.two_factor_filter import TwoFactorFilter
from ...models.user_order_by import UserOrderBy

if TYPE_CHECKING:
    from ...models.user_basic import UserBasic
    from ...models.user_with_admin import UserWithAdmin

OPERATION_ID = "users_list"
METHOD = "GET"
PATH = "/users"
#: The parameters and body fields this operation has: ``extra_query``/``extra_body`` cannot set them.
PARAMETERS: frozenset[str] = frozenset(
    {
        "active",
        "admins",
        "auditors",
        "blocked",
        "created_after",
        "created_before",
        "cursor",
        "custom_attributes",
        "exclude_active",
        "exclude_external",
        "exclude_humans",
        "exclude_internal",
        "extern_uid",
        "external",
        "humans",
        "order_by",
        "page",
        "pagination",
        "per_page",
        "provider",
        "public_email",
        "search",
        "skip_ldap",
        "sort",
        "two_factor",
        "username",
        "with_custom_attributes",
        "without_project_bots",
        "without_projects",
    }
)
#: Its header parameters (lower case): ``extra_headers`` cannot set them.
HEADERS: frozenset[str] = frozenset({"sudo"})
#: Its documented successful answers: status → body type (``None``: no body). The client
#: parses with it; any other status is an error.
#: Built on first access (``__getattr__``), with its models: importing this module, and
#: building and sending a request, import no pydantic model (a scan sends its first
#: requests, then imports the models while the server answers).
RESPONSES: ResponseTypes[list[UserBasic | UserWithAdmin]]


def __getattr__(name: str) -> ResponseTypes[list[UserBasic | UserWithAdmin]]:
    if name != "RESPONSES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from ...models.user_basic import UserBasic
    from ...models.user_with_admin import UserWithAdmin

    responses: ResponseTypes[list[UserBasic | UserWithAdmin]] = ResponseTypes(
        {
            200: list[UserBasic | UserWithAdmin],
        }
    )
    globals()["RESPONSES"] = responses
    return responses


#: ``RESPONSES`` as the resource method hands it to the client: read at the answer's
#: first lookup, so a fresh process's first call sends its request, then imports the
#: models while the server answers.
ANSWERS: LazyResponses[list[UserBasic | UserWithAdmin]] = LazyResponses(__name__)


class UsersListFilters(TypedDict, total=False):
    """The filters of ``GET /users``: its query parameters but the order and the
    pagination, as :func:`build_request` takes them."""

    username: str | NotGiven
    public_email: str | NotGiven
    extern_uid: str | NotGiven
    provider: str | NotGiven
    search: str | NotGiven
    active: bool | NotGiven
    humans: bool | NotGiven
    external: bool | NotGiven
    blocked: bool | NotGiven
    created_after: datetime.datetime | datetime.date | str | NotGiven
    created_before: datetime.datetime | datetime.date | str | NotGiven
    without_projects: bool | NotGiven
    without_project_bots: bool | NotGiven
    admins: bool | NotGiven
    two_factor: TwoFactorFilter | Literal["disabled", "enabled"] | NotGiven
    exclude_active: bool | NotGiven
    exclude_external: bool | NotGiven
    exclude_humans: bool | NotGiven
    exclude_internal: bool | NotGiven
    with_custom_attributes: bool | NotGiven
    custom_attributes: Mapping[str, str] | NotGiven
    skip_ldap: bool | NotGiven
    auditors: bool | NotGiven


def build_request(
    *,
    username: str | NotGiven = NOT_GIVEN,
    public_email: str | NotGiven = NOT_GIVEN,
    extern_uid: str | NotGiven = NOT_GIVEN,
    provider: str | NotGiven = NOT_GIVEN,
    search: str | NotGiven = NOT_GIVEN,
    active: bool | NotGiven = NOT_GIVEN,
    humans: bool | NotGiven = NOT_GIVEN,
    external: bool | NotGiven = NOT_GIVEN,
    blocked: bool | NotGiven = NOT_GIVEN,
    created_after: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
    created_before: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
    without_projects: bool | NotGiven = NOT_GIVEN,
    without_project_bots: bool | NotGiven = NOT_GIVEN,
    admins: bool | NotGiven = NOT_GIVEN,
    two_factor: TwoFactorFilter | Literal["disabled", "enabled"] | NotGiven = NOT_GIVEN,
    exclude_active: bool | NotGiven = NOT_GIVEN,
    exclude_external: bool | NotGiven = NOT_GIVEN,
    exclude_humans: bool | NotGiven = NOT_GIVEN,
    exclude_internal: bool | NotGiven = NOT_GIVEN,
    order_by: UserOrderBy
    | Literal["created_at", "id", "name", "updated_at", "username"]
    | NotGiven = NOT_GIVEN,
    sort: SortDirection | Literal["asc", "desc"] | NotGiven = NOT_GIVEN,
    page: int | NotGiven = NOT_GIVEN,
    per_page: int | NotGiven = NOT_GIVEN,
    pagination: KeysetPagination | Literal["keyset"] | NotGiven = NOT_GIVEN,
    cursor: str | NotGiven = NOT_GIVEN,
    with_custom_attributes: bool | NotGiven = NOT_GIVEN,
    custom_attributes: Mapping[str, str] | NotGiven = NOT_GIVEN,
    skip_ldap: bool | NotGiven = NOT_GIVEN,
    auditors: bool | NotGiven = NOT_GIVEN,
    extra_headers: ExtraHeaders | None = None,
    extra_query: ExtraQuery | None = None,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(username, NotGiven):
        params.append(("username", q_str("username", username)))
    if not isinstance(public_email, NotGiven):
        params.append(("public_email", q_str("public_email", public_email)))
    if not isinstance(extern_uid, NotGiven):
        params.append(("extern_uid", q_str("extern_uid", extern_uid)))
    if not isinstance(provider, NotGiven):
        params.append(("provider", q_str("provider", provider)))
    if not isinstance(search, NotGiven):
        params.append(("search", q_str("search", search)))
    if not isinstance(active, NotGiven):
        params.append(("active", q_bool("active", active)))
    if not isinstance(humans, NotGiven):
        params.append(("humans", q_bool("humans", humans)))
    if not isinstance(external, NotGiven):
        params.append(("external", q_bool("external", external)))
    if not isinstance(blocked, NotGiven):
        params.append(("blocked", q_bool("blocked", blocked)))
    if not isinstance(created_after, NotGiven):
        params.append(("created_after", q_datetime("created_after", created_after)))
    if not isinstance(created_before, NotGiven):
        params.append(("created_before", q_datetime("created_before", created_before)))
    if not isinstance(without_projects, NotGiven):
        params.append(("without_projects", q_bool("without_projects", without_projects)))
    if not isinstance(without_project_bots, NotGiven):
        params.append(
            ("without_project_bots", q_bool("without_project_bots", without_project_bots))
        )
    if not isinstance(admins, NotGiven):
        params.append(("admins", q_bool("admins", admins)))
    if not isinstance(two_factor, NotGiven):
        params.append(("two_factor", q_enum("two_factor", two_factor, TwoFactorFilter)))
    if not isinstance(exclude_active, NotGiven):
        params.append(("exclude_active", q_bool("exclude_active", exclude_active)))
    if not isinstance(exclude_external, NotGiven):
        params.append(("exclude_external", q_bool("exclude_external", exclude_external)))
    if not isinstance(exclude_humans, NotGiven):
        params.append(("exclude_humans", q_bool("exclude_humans", exclude_humans)))
    if not isinstance(exclude_internal, NotGiven):
        params.append(("exclude_internal", q_bool("exclude_internal", exclude_internal)))
    if not isinstance(order_by, NotGiven):
        params.append(("order_by", q_enum("order_by", order_by, UserOrderBy)))
    if not isinstance(sort, NotGiven):
        params.append(("sort", q_enum("sort", sort, SortDirection)))
    if not isinstance(page, NotGiven):
        params.append(("page", q_int("page", page)))
    if not isinstance(per_page, NotGiven):
        params.append(("per_page", q_int("per_page", per_page)))
    if not isinstance(pagination, NotGiven):
        params.append(("pagination", q_enum("pagination", pagination, KeysetPagination)))
    if not isinstance(cursor, NotGiven):
        params.append(("cursor", q_str("cursor", cursor)))
    if not isinstance(with_custom_attributes, NotGiven):
        params.append(
            ("with_custom_attributes", q_bool("with_custom_attributes", with_custom_attributes))
        )
    if not isinstance(custom_attributes, NotGiven):
        params.extend(q_map("custom_attributes", custom_attributes))
    if not isinstance(skip_ldap, NotGiven):
        params.append(("skip_ldap", q_bool("skip_ldap", skip_ldap)))
    if not isinstance(auditors, NotGiven):
        params.append(("auditors", q_bool("auditors", auditors)))
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
