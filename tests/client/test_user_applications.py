"""``gl.user.applications``: the authenticated user's OAuth applications through typed
methods, against the bundled fake GitLab."""

from __future__ import annotations

import pytest

from gitlab_users_client import (
    AsyncGitLab,
    BadRequestError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
)
from gitlab_users_client.models import Application, ApplicationWithSecret


async def test_application_lifecycle(regular: AsyncGitLab, admin: AsyncGitLab) -> None:
    created = await regular.user.applications.create(
        name="ci-bot", redirect_uri="https://ci.example.com/callback", scopes="api read_user"
    )
    assert type(created) is ApplicationWithSecret
    assert (created.application_name, created.confidential) == ("ci-bot", True)
    assert created.secret and created.secret not in repr(created)  # x-secret: hidden
    assert created.application_id in repr(created)

    listed = await regular.user.applications.list().to_list()
    assert [type(a) for a in listed] == [Application]
    assert [a.id for a in listed] == [created.id]
    assert not hasattr(listed[0], "secret") and "secret" not in (listed[0].model_extra or {})

    renamed = await regular.user.applications.update(created.id, name="ci-robot")
    assert renamed.application_name == "ci-robot"
    assert (await regular.user.applications.get(created.id)).application_name == "ci-robot"
    assert (await admin.user.applications.get(created.id)).id == created.id  # admins read any
    assert await admin.user.applications.list().to_list() == []  # ...but list their own

    assert await regular.user.applications.delete(created.id) is None  # type: ignore[func-returns-value]
    with pytest.raises(NotFoundError):
        await regular.user.applications.get(created.id)


async def test_application_errors(regular: AsyncGitLab, admin: AsyncGitLab) -> None:
    mine = await admin.user.applications.create(
        name="admin-app", redirect_uri="https://a.example/cb", scopes="api", confidential=False
    )
    assert mine.confidential is False
    with pytest.raises(PermissionDeniedError):
        await regular.user.applications.update(mine.id, name="taken over")
    with pytest.raises(PermissionDeniedError):
        await regular.user.applications.delete(mine.id)
    with pytest.raises(BadRequestError) as bad:
        await regular.user.applications.create(name="x", redirect_uri="not a url", scopes="api")
    assert "redirect_uri" in str(bad.value)
    with pytest.raises(BadRequestError, match="scopes is empty"):  # Grape's allow_blank: false
        await regular.user.applications.create(
            name="x", redirect_uri="https://a.example", scopes=" "
        )
    with pytest.raises(NotFoundError, match="404 Application Not Found"):
        await regular.user.applications.get(999_999)
    with pytest.raises(InvalidRequestError):  # a path ID must be an int, before any request
        await regular.user.applications.get("1/../2")  # type: ignore[arg-type]
