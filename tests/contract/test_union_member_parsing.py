"""A body of a model union (``GET /users/:id``: ``UserDetailsWithAdmin | UserProfile``) is
validated by the member it is, and only that member's validator is built (and no
``TypeAdapter``); every body gives the result or the error the discriminated union of
all members gives."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pydantic
import pytest

from gitlab_users_client._contract.models import _adapter, parse_body
from gitlab_users_client._generated.api.users import users_get
from gitlab_users_client.models import UserDetailsWithAdmin, UserProfile

ROOT = Path(__file__).resolve().parents[2]
UNION: Any = users_get.RESPONSES[200]

PROFILE = {
    "id": 1,
    "username": "ada",
    "name": "Ada",
    "state": "active",
    "locked": False,
    "avatar_url": None,
    "web_url": "https://gitlab.example.com/ada",
    "created_at": "2024-01-02T03:04:05.000Z",
    "bio": "",
    "bio_html": "",
}
ADMIN = {**PROFILE, "is_admin": False, "email": "ada@example.com", "highest_role": 50}

BODIES: dict[str, bytes] = {
    "profile": json.dumps(PROFILE).encode(),
    "admin": json.dumps(ADMIN).encode(),
    "admin, one bad field": json.dumps({**ADMIN, "highest_role": "lots"}).encode(),
    "admin, no id": json.dumps({k: v for k, v in ADMIN.items() if k != "id"}).encode(),
    "profile, no id": json.dumps({k: v for k, v in PROFILE.items() if k != "id"}).encode(),
    "profile, bad date": json.dumps({**PROFILE, "created_at": "yesterday"}).encode(),
    "admin keys only in a nested object": json.dumps(
        {**PROFILE, "extra": {"is_admin": True, "email": "x", "highest_role": 1}}
    ).encode(),
    "admin key spelled with an escape": json.dumps(ADMIN)
    .replace('"is_admin"', '"is\\u005fadmin"')
    .encode(),
    "duplicate keys": b'{"id": "x", "id": 1, "username": "a", "name": "A", "state": "active",'
    b' "web_url": "w", "locked": false, "avatar_url": null, "bio_html": null}',
    "a list": json.dumps([PROFILE]).encode(),
    "a string": b'"user"',
    "null": b"null",
    "empty object": b"{}",
    "not JSON": b"<html>502</html>",
    "truncated": json.dumps(ADMIN).encode()[:40],
    "deeply nested": b'{"id": 1, "x": ' + b"[" * 5000 + b"]" * 5000 + b"}",
}


def outcome(parse: Any, content: bytes) -> tuple[str, Any]:
    try:
        result = parse(content)
    except pydantic.ValidationError as exc:
        return "error", (exc.title, exc.errors(include_url=False))
    except (ValueError, RecursionError) as exc:
        return "error", (type(exc).__name__, str(exc))
    return type(result).__name__, result.model_dump(mode="json", by_alias=True)


@pytest.mark.parametrize("name", list(BODIES))
def test_every_body_gives_what_the_discriminated_union_gives(name: str) -> None:
    content = BODIES[name]
    reference = outcome(_adapter(UNION).validate_json, content)
    assert outcome(lambda body: parse_body(UNION, body), content) == reference


def test_each_member_is_picked_by_its_keys() -> None:
    assert type(parse_body(UNION, BODIES["admin"])) is UserDetailsWithAdmin
    assert type(parse_body(UNION, BODIES["profile"])) is UserProfile
    assert type(parse_body(UNION, BODIES["admin key spelled with an escape"])) is (
        UserDetailsWithAdmin
    )
    with pytest.raises(pydantic.ValidationError) as caught:
        parse_body(UNION, BODIES["admin, one bad field"])
    # The admin entity's error, not a silent downgrade to the profile.
    assert [error["loc"] for error in caught.value.errors()] == [
        ("UserDetailsWithAdmin", "highest_role")
    ]
    with pytest.raises(pydantic.ValidationError) as caught:
        parse_body(UNION, BODIES["profile, no id"])
    assert [error["loc"] for error in caught.value.errors()] == [("UserProfile", "id")]


_SCRIPT = textwrap.dedent(
    """
    import json, sys

    from gitlab_users_client._contract.models import parse_body
    from gitlab_users_client._generated.api.users import users_get
    from gitlab_users_client.models import UserDetailsWithAdmin, UserProfile

    parsed = parse_body(users_get.RESPONSES[200], sys.argv[1].encode())
    print(json.dumps({
        "type": type(parsed).__name__,
        "built": sorted(
            model.__name__ for model in (UserDetailsWithAdmin, UserProfile)
            if model.__pydantic_complete__
        ),
        "adapters": "pydantic.type_adapter" in sys.modules,
    }))
    """
)


@pytest.mark.parametrize(
    ("body", "expected"),
    [(ADMIN, "UserDetailsWithAdmin"), (PROFILE, "UserProfile")],
)
def test_a_fresh_process_builds_only_the_members_validator(
    body: dict[str, Any], expected: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT, json.dumps(body)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    # Neither the other member's validator nor pydantic's TypeAdapter module.
    assert seen == {"type": expected, "built": [expected], "adapters": False}
