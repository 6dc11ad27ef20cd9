"""No client input makes any route of the fake answer 5xx: every declared parameter name of
the Users API is sent with hostile values (wrong types, nesting, huge numbers, NUL bytes) to
every route, as JSON body and as query string."""

from __future__ import annotations

import re

import pytest

from gitlab_users_client.testing import FakeGitLab
from gitlab_users_client.testing._routes import build_route_table

PARAMS = [
    "name",
    "email",
    "username",
    "password",
    "key",
    "title",
    "expires_at",
    "usage_type",
    "scopes",
    "value",
    "emoji",
    "message",
    "availability",
    "clear_status_after",
    "runner_type",
    "tag_list",
    "group_id",
    "project_id",
    "run_untagged",
    "page",
    "per_page",
    "from",
    "order_by",
    "sort",
    "search",
    "skip_confirmation",
    "theme_id",
    "color_scheme_id",
    "projects_limit",
    "avatar",
    "provider",
    "extern_uid",
    "state",
    "type",
    "hard_delete",
    "admin",
    "private_profile",
    "custom_attributes",
    "with_custom_attributes",
    "pagination",
    "cursor",
    "created_after",
    "created_before",
    "view_diffs_file_by_file",
    "credit_card_validated_at",
    "credit_card_expiration_month",
    "granular_scopes",
    "description",
    "maximum_timeout",
    "before",
    "after",
    "target_type",
    "action",
]
HOSTILE: list[object] = [
    None,
    [],
    {},
    [[[["deep"]]]],
    {"a": {"b": [1, {"c": None}]}},
    1e308,
    -1,
    2**70,
    "",
    "\u0000\ud7ff",
    "9" * 5000,
    True,
    "2000-13-45",
]
VALUES = {
    "id": "2",
    "user_id": "2",
    "key_id": "1",
    "email_id": "1",
    "impersonation_token_id": "1",
    "provider": "github",
    "key": "department",
}


def concrete(template: str) -> str:
    return re.sub(r"\{([a-z_]+)(?::int|:digits)?\}", lambda m: VALUES[m.group(1)], template)


@pytest.mark.parametrize(
    "value", HOSTILE, ids=[type(v).__name__ + str(i) for i, v in enumerate(HOSTILE)]
)
async def test_hostile_values_never_5xx(value: object) -> None:
    fake = FakeGitLab.create(users=10)
    body = {name: value for name in PARAMS}
    query = {name: str(value)[:500] for name in PARAMS}  # httpx caps the URL length
    async with fake.client(fake.admin_token) as c:
        for route in build_route_table().routes:
            path = "/api/v4" + concrete(route.template)
            if route.method == "GET":
                r = await c.get(path, params=query)
            else:
                r = await c.request(route.method, path, json=body)
            assert r.status_code < 500, (route.method, path, r.status_code, r.text[:200])
