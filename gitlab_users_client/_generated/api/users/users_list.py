"""``GET /users``: List users (generated; do not edit)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Literal

import httpx

from ...client import ApiClient, ApiRequest
from ...errors import UnexpectedStatusError
from ...models.keyset_pagination import KeysetPagination
from ...models.sort_direction import SortDirection
from ...models.two_factor_filter import TwoFactorFilter
from ...models.user_basic import UserBasic
from ...models.user_order_by import UserOrderBy
from ...models.user_with_admin import UserWithAdmin
from ...types import (
    UNSET,
    Response,
    Unset,
    parse_json,
    q_bool,
    q_datetime,
    q_enum,
    q_int,
    q_map,
    q_str,
)

OPERATION_ID = "users_list"
METHOD = "GET"
PATH = "/users"


def build_request(
    *,
    username: str | Unset = UNSET,
    public_email: str | Unset = UNSET,
    extern_uid: str | Unset = UNSET,
    provider: str | Unset = UNSET,
    search: str | Unset = UNSET,
    active: bool | Unset = UNSET,
    humans: bool | Unset = UNSET,
    external: bool | Unset = UNSET,
    blocked: bool | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    without_projects: bool | Unset = UNSET,
    without_project_bots: bool | Unset = UNSET,
    admins: bool | Unset = UNSET,
    two_factor: TwoFactorFilter | Literal["disabled", "enabled"] | Unset = UNSET,
    exclude_active: bool | Unset = UNSET,
    exclude_external: bool | Unset = UNSET,
    exclude_humans: bool | Unset = UNSET,
    exclude_internal: bool | Unset = UNSET,
    order_by: UserOrderBy
    | Literal["created_at", "id", "name", "updated_at", "username"]
    | Unset = UNSET,
    sort: SortDirection | Literal["asc", "desc"] | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    pagination: KeysetPagination | Literal["keyset"] | Unset = UNSET,
    cursor: str | Unset = UNSET,
    with_custom_attributes: bool | Unset = UNSET,
    custom_attributes: Mapping[str, str] | Unset = UNSET,
    skip_ldap: bool | Unset = UNSET,
    auditors: bool | Unset = UNSET,
) -> ApiRequest:
    """Check the arguments and build the request; nothing is sent."""
    params: list[tuple[str, str]] = []
    if not isinstance(username, Unset):
        params.append(("username", q_str("username", username)))
    if not isinstance(public_email, Unset):
        params.append(("public_email", q_str("public_email", public_email)))
    if not isinstance(extern_uid, Unset):
        params.append(("extern_uid", q_str("extern_uid", extern_uid)))
    if not isinstance(provider, Unset):
        params.append(("provider", q_str("provider", provider)))
    if not isinstance(search, Unset):
        params.append(("search", q_str("search", search)))
    if not isinstance(active, Unset):
        params.append(("active", q_bool("active", active)))
    if not isinstance(humans, Unset):
        params.append(("humans", q_bool("humans", humans)))
    if not isinstance(external, Unset):
        params.append(("external", q_bool("external", external)))
    if not isinstance(blocked, Unset):
        params.append(("blocked", q_bool("blocked", blocked)))
    if not isinstance(created_after, Unset):
        params.append(("created_after", q_datetime("created_after", created_after)))
    if not isinstance(created_before, Unset):
        params.append(("created_before", q_datetime("created_before", created_before)))
    if not isinstance(without_projects, Unset):
        params.append(("without_projects", q_bool("without_projects", without_projects)))
    if not isinstance(without_project_bots, Unset):
        params.append(
            ("without_project_bots", q_bool("without_project_bots", without_project_bots))
        )
    if not isinstance(admins, Unset):
        params.append(("admins", q_bool("admins", admins)))
    if not isinstance(two_factor, Unset):
        params.append(("two_factor", q_enum("two_factor", two_factor, TwoFactorFilter)))
    if not isinstance(exclude_active, Unset):
        params.append(("exclude_active", q_bool("exclude_active", exclude_active)))
    if not isinstance(exclude_external, Unset):
        params.append(("exclude_external", q_bool("exclude_external", exclude_external)))
    if not isinstance(exclude_humans, Unset):
        params.append(("exclude_humans", q_bool("exclude_humans", exclude_humans)))
    if not isinstance(exclude_internal, Unset):
        params.append(("exclude_internal", q_bool("exclude_internal", exclude_internal)))
    if not isinstance(order_by, Unset):
        params.append(("order_by", q_enum("order_by", order_by, UserOrderBy)))
    if not isinstance(sort, Unset):
        params.append(("sort", q_enum("sort", sort, SortDirection)))
    if not isinstance(page, Unset):
        params.append(("page", q_int("page", page)))
    if not isinstance(per_page, Unset):
        params.append(("per_page", q_int("per_page", per_page)))
    if not isinstance(pagination, Unset):
        params.append(("pagination", q_enum("pagination", pagination, KeysetPagination)))
    if not isinstance(cursor, Unset):
        params.append(("cursor", q_str("cursor", cursor)))
    if not isinstance(with_custom_attributes, Unset):
        params.append(
            ("with_custom_attributes", q_bool("with_custom_attributes", with_custom_attributes))
        )
    if not isinstance(custom_attributes, Unset):
        params.extend(q_map("custom_attributes", custom_attributes))
    if not isinstance(skip_ldap, Unset):
        params.append(("skip_ldap", q_bool("skip_ldap", skip_ldap)))
    if not isinstance(auditors, Unset):
        params.append(("auditors", q_bool("auditors", auditors)))
    request = ApiRequest(
        method=METHOD,
        path=PATH,
        operation_id=OPERATION_ID,
        params=params,
    )
    return request


def parse_response(response: httpx.Response) -> list[UserBasic | UserWithAdmin]:
    """Parse a successful response; raise ``UnexpectedStatusError`` for an undocumented status."""
    status = response.status_code
    if status == 200:
        parsed_200: list[UserBasic | UserWithAdmin] = parse_json(
            list[UserBasic | UserWithAdmin], response.content
        )
        return parsed_200
    raise UnexpectedStatusError(status)


def build_response(
    client: ApiClient, response: httpx.Response
) -> Response[list[UserBasic | UserWithAdmin]]:
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
    username: str | Unset = UNSET,
    public_email: str | Unset = UNSET,
    extern_uid: str | Unset = UNSET,
    provider: str | Unset = UNSET,
    search: str | Unset = UNSET,
    active: bool | Unset = UNSET,
    humans: bool | Unset = UNSET,
    external: bool | Unset = UNSET,
    blocked: bool | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    without_projects: bool | Unset = UNSET,
    without_project_bots: bool | Unset = UNSET,
    admins: bool | Unset = UNSET,
    two_factor: TwoFactorFilter | Literal["disabled", "enabled"] | Unset = UNSET,
    exclude_active: bool | Unset = UNSET,
    exclude_external: bool | Unset = UNSET,
    exclude_humans: bool | Unset = UNSET,
    exclude_internal: bool | Unset = UNSET,
    order_by: UserOrderBy
    | Literal["created_at", "id", "name", "updated_at", "username"]
    | Unset = UNSET,
    sort: SortDirection | Literal["asc", "desc"] | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    pagination: KeysetPagination | Literal["keyset"] | Unset = UNSET,
    cursor: str | Unset = UNSET,
    with_custom_attributes: bool | Unset = UNSET,
    custom_attributes: Mapping[str, str] | Unset = UNSET,
    skip_ldap: bool | Unset = UNSET,
    auditors: bool | Unset = UNSET,
) -> Response[list[UserBasic | UserWithAdmin]]:
    """List users.

    Lists or searches users. Anonymous callers may call it only with `username` (an exact,
    case-insensitive match returning zero or one user); otherwise a signed-in user allowed
    to read the users list is needed (403 "Not authorized to access /api/v4/users"
    otherwise). Regular users get `UserBasic` items; administrators, auditors and custom
    admin roles with `read_admin_users` get `UserWithAdmin` items. For non-admins GitLab
    drops `created_after`, `created_before`, `two_factor` and `without_projects` from the
    filters. With `search` and neither `order_by` nor `sort`, results keep search relevance
    order; otherwise the order is `order_by` (server default id) then `sort` (server default
    desc) with `id` as tie-breaker. Offset pagination is capped: when page times per_page
    exceeds the instance offset limit (default 50,000) GitLab answers 405 and keyset
    pagination (`pagination=keyset`, following the `Link` rel="next" URL, which carries
    `cursor`) must be used. Granular token permission: `read_user`. Scopes `read_user`,
    `read_api` or `api`.

    Args:
        username: Return the single user with this username (exact, case-insensitive match). The
            only filter an anonymous caller may use.
        public_email: Return the user whose public email is this address.
        extern_uid: External authentication provider UID. Must be sent together with `provider`;
            administrators only (403 otherwise).
        provider: External authentication provider name (for example `github`). Must be sent
            together with `extern_uid`; administrators only.
        search: Fuzzy search on name and username, and exact match on public email
            (administrators also match private emails).
        active: Only active users. `false` does not filter. Server default false.
        humans: Only regular users that are neither bots nor internal users. Server default
            false.
        external: Only external users. `false` does not filter. Server default false.
        blocked: Only blocked users. `false` does not filter. Server default false.
        created_after: Only users created after this time (ISO 8601). Ignored for non-admins.
        created_before: Only users created before this time (ISO 8601). Ignored for non-admins.
        without_projects: Only users without projects. Ignored for non-admins. Server default false.
        without_project_bots: Leave out project and group bot users. Server default false.
        admins: Only administrators. Server default false.
        two_factor: Two-factor authentication filter.
        exclude_active: Only users that are not active. Server default false.
        exclude_external: Only users that are not external. Server default false.
        exclude_humans: Only bot or internal users. Server default false.
        exclude_internal: Leave out internal users (alert bot, support bot, ...). Server default false.
        order_by: Field to order users by.
        sort: Sort direction.
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.
        pagination: Selects keyset pagination.
        cursor: Opaque keyset cursor taken from the rel="next" `Link` URL of the previous page.
            Only meaningful with `pagination=keyset`.
        with_custom_attributes: Include each user's custom attributes (only honoured for administrators). Server
            default false.
        custom_attributes: Custom attribute filter, sent as deepObject query pairs
            `custom_attributes[key]=value`; every pair must match.
        skip_ldap: EE (Premium and Ultimate) only. Leave out LDAP users. Server default false.
        auditors: EE (Premium and Ultimate) only. Only auditor users. Server default false.

    """
    request = build_request(
        username=username,
        public_email=public_email,
        extern_uid=extern_uid,
        provider=provider,
        search=search,
        active=active,
        humans=humans,
        external=external,
        blocked=blocked,
        created_after=created_after,
        created_before=created_before,
        without_projects=without_projects,
        without_project_bots=without_project_bots,
        admins=admins,
        two_factor=two_factor,
        exclude_active=exclude_active,
        exclude_external=exclude_external,
        exclude_humans=exclude_humans,
        exclude_internal=exclude_internal,
        order_by=order_by,
        sort=sort,
        page=page,
        per_page=per_page,
        pagination=pagination,
        cursor=cursor,
        with_custom_attributes=with_custom_attributes,
        custom_attributes=custom_attributes,
        skip_ldap=skip_ldap,
        auditors=auditors,
    )
    return build_response(client, await client.send(request))


async def asyncio(
    *,
    client: ApiClient,
    username: str | Unset = UNSET,
    public_email: str | Unset = UNSET,
    extern_uid: str | Unset = UNSET,
    provider: str | Unset = UNSET,
    search: str | Unset = UNSET,
    active: bool | Unset = UNSET,
    humans: bool | Unset = UNSET,
    external: bool | Unset = UNSET,
    blocked: bool | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    without_projects: bool | Unset = UNSET,
    without_project_bots: bool | Unset = UNSET,
    admins: bool | Unset = UNSET,
    two_factor: TwoFactorFilter | Literal["disabled", "enabled"] | Unset = UNSET,
    exclude_active: bool | Unset = UNSET,
    exclude_external: bool | Unset = UNSET,
    exclude_humans: bool | Unset = UNSET,
    exclude_internal: bool | Unset = UNSET,
    order_by: UserOrderBy
    | Literal["created_at", "id", "name", "updated_at", "username"]
    | Unset = UNSET,
    sort: SortDirection | Literal["asc", "desc"] | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    pagination: KeysetPagination | Literal["keyset"] | Unset = UNSET,
    cursor: str | Unset = UNSET,
    with_custom_attributes: bool | Unset = UNSET,
    custom_attributes: Mapping[str, str] | Unset = UNSET,
    skip_ldap: bool | Unset = UNSET,
    auditors: bool | Unset = UNSET,
) -> list[UserBasic | UserWithAdmin]:
    """List users.

    Lists or searches users. Anonymous callers may call it only with `username` (an exact,
    case-insensitive match returning zero or one user); otherwise a signed-in user allowed
    to read the users list is needed (403 "Not authorized to access /api/v4/users"
    otherwise). Regular users get `UserBasic` items; administrators, auditors and custom
    admin roles with `read_admin_users` get `UserWithAdmin` items. For non-admins GitLab
    drops `created_after`, `created_before`, `two_factor` and `without_projects` from the
    filters. With `search` and neither `order_by` nor `sort`, results keep search relevance
    order; otherwise the order is `order_by` (server default id) then `sort` (server default
    desc) with `id` as tie-breaker. Offset pagination is capped: when page times per_page
    exceeds the instance offset limit (default 50,000) GitLab answers 405 and keyset
    pagination (`pagination=keyset`, following the `Link` rel="next" URL, which carries
    `cursor`) must be used. Granular token permission: `read_user`. Scopes `read_user`,
    `read_api` or `api`.

    Args:
        username: Return the single user with this username (exact, case-insensitive match). The
            only filter an anonymous caller may use.
        public_email: Return the user whose public email is this address.
        extern_uid: External authentication provider UID. Must be sent together with `provider`;
            administrators only (403 otherwise).
        provider: External authentication provider name (for example `github`). Must be sent
            together with `extern_uid`; administrators only.
        search: Fuzzy search on name and username, and exact match on public email
            (administrators also match private emails).
        active: Only active users. `false` does not filter. Server default false.
        humans: Only regular users that are neither bots nor internal users. Server default
            false.
        external: Only external users. `false` does not filter. Server default false.
        blocked: Only blocked users. `false` does not filter. Server default false.
        created_after: Only users created after this time (ISO 8601). Ignored for non-admins.
        created_before: Only users created before this time (ISO 8601). Ignored for non-admins.
        without_projects: Only users without projects. Ignored for non-admins. Server default false.
        without_project_bots: Leave out project and group bot users. Server default false.
        admins: Only administrators. Server default false.
        two_factor: Two-factor authentication filter.
        exclude_active: Only users that are not active. Server default false.
        exclude_external: Only users that are not external. Server default false.
        exclude_humans: Only bot or internal users. Server default false.
        exclude_internal: Leave out internal users (alert bot, support bot, ...). Server default false.
        order_by: Field to order users by.
        sort: Sort direction.
        page: Page number (offset pagination). Server default 1.
        per_page: Items per page (offset and keyset pagination). Server default 20; values above
            100 are clamped to 100.
        pagination: Selects keyset pagination.
        cursor: Opaque keyset cursor taken from the rel="next" `Link` URL of the previous page.
            Only meaningful with `pagination=keyset`.
        with_custom_attributes: Include each user's custom attributes (only honoured for administrators). Server
            default false.
        custom_attributes: Custom attribute filter, sent as deepObject query pairs
            `custom_attributes[key]=value`; every pair must match.
        skip_ldap: EE (Premium and Ultimate) only. Leave out LDAP users. Server default false.
        auditors: EE (Premium and Ultimate) only. Only auditor users. Server default false.

    """
    return (
        await asyncio_detailed(
            username=username,
            public_email=public_email,
            extern_uid=extern_uid,
            provider=provider,
            search=search,
            active=active,
            humans=humans,
            external=external,
            blocked=blocked,
            created_after=created_after,
            created_before=created_before,
            without_projects=without_projects,
            without_project_bots=without_project_bots,
            admins=admins,
            two_factor=two_factor,
            exclude_active=exclude_active,
            exclude_external=exclude_external,
            exclude_humans=exclude_humans,
            exclude_internal=exclude_internal,
            order_by=order_by,
            sort=sort,
            page=page,
            per_page=per_page,
            pagination=pagination,
            cursor=cursor,
            with_custom_attributes=with_custom_attributes,
            custom_attributes=custom_attributes,
            skip_ldap=skip_ldap,
            auditors=auditors,
            client=client,
        )
    ).parsed
