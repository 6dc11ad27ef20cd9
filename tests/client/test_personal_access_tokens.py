"""``gl.personal_access_tokens``: the token lifecycle through typed methods, against the
bundled fake GitLab (which follows GitLab's request specs for these routes)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from gitlab_users_client import (
    AsyncGitLab,
    AuthenticationError,
    BadRequestError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
)
from gitlab_users_client.models import (
    PersonalAccessToken,
    PersonalAccessTokenAssociations,
    PersonalAccessTokenSort,
    PersonalAccessTokenState,
    PersonalAccessTokenWithToken,
)
from gitlab_users_client.testing import FakeGitLab

ClientFor = Callable[..., AsyncGitLab]
TODAY = datetime.date(2026, 1, 1)


@pytest.fixture
def fake_gitlab_config() -> object:
    from gitlab_users_client.testing import FakeConfig, ManualClock

    return FakeConfig(clock=ManualClock())


async def test_list_every_token_as_admin_and_own_as_user(
    admin: AsyncGitLab, regular: AsyncGitLab, fake_gitlab: FakeGitLab
) -> None:
    everything = await admin.personal_access_tokens.list().to_list()
    assert {t.id for t in everything} == set(fake_gitlab.state.tokens_by_id)
    assert all(type(t) is PersonalAccessToken for t in everything)
    me = await regular.user.get()
    mine = await regular.personal_access_tokens.list().to_list()
    assert mine and {t.user_id for t in mine} == {me.id}
    with pytest.raises(AuthenticationError):  # 401: another user's tokens
        await regular.personal_access_tokens.list(user_id=1).to_list()


async def test_list_filters_are_typed_and_sent(admin: AsyncGitLab, fake_gitlab: FakeGitLab) -> None:
    st = fake_gitlab.state
    st.add_token(5, ["api"], name="deploy-old", expires_at=TODAY + datetime.timedelta(days=3))
    st.add_token(5, ["api"], name="deploy-new", expires_at=TODAY + datetime.timedelta(days=90))
    gone = st.add_token(5, ["read_api"], name="deploy-gone", revoked=True)
    soon = await admin.personal_access_tokens.list(
        user_id=5,
        state=PersonalAccessTokenState.ACTIVE,
        expires_before=TODAY + datetime.timedelta(days=7),
        search="deploy",
        sort="expires_asc",
    ).to_list()
    assert [t.name for t in soon] == ["deploy-old"]
    revoked = await admin.personal_access_tokens.list(user_id=5, revoked=True).to_list()
    assert [t.id for t in revoked] == [gone.id]
    newest_first = await admin.personal_access_tokens.list(
        user_id=5, sort=PersonalAccessTokenSort.CREATED_DESC
    ).to_list()
    assert newest_first[0].name == "deploy-gone"
    with pytest.raises(InvalidRequestError):  # checked before any request
        admin.personal_access_tokens.list(state="expired")  # type: ignore[arg-type]


async def test_list_pages_through_many_tokens(admin: AsyncGitLab, fake_gitlab: FakeGitLab) -> None:
    for i in range(230):
        fake_gitlab.state.add_token(7, ["api"], name=f"bulk-{i}")
    pages = [
        page async for page in admin.personal_access_tokens.list(user_id=7, per_page=100).pages()
    ]
    assert [len(p.items) for p in pages][:3] == [100, 100, 30]
    ids = [t.id for p in pages for t in p.items]
    assert len(ids) == len(set(ids)) == 230


async def test_get_self_and_associations(
    admin: AsyncGitLab, regular: AsyncGitLab, fake_gitlab: FakeGitLab
) -> None:
    me = await regular.personal_access_tokens.self()
    assert fake_gitlab.state.tokens[fake_gitlab.user_token].id == me.id
    assert (await regular.personal_access_tokens.get(me.id)).name == me.name
    assert (await admin.personal_access_tokens.get(me.id)).user_id == me.user_id
    with pytest.raises(NotFoundError):
        await admin.personal_access_tokens.get(999_999)
    with pytest.raises(AuthenticationError):  # 401, whether it exists or not
        await regular.personal_access_tokens.get(999_999)
    reach = await regular.personal_access_tokens.self_associations(min_access_level=10)
    assert type(reach) is PersonalAccessTokenAssociations
    assert all(p.access_levels is not None for p in reach.projects)


async def test_rotate_revokes_the_old_token_and_returns_the_new(
    admin: AsyncGitLab, client_for: ClientFor, fake_gitlab: FakeGitLab
) -> None:
    old = fake_gitlab.state.add_token(4, ["api"], name="ci")
    new = await admin.personal_access_tokens.rotate(
        old.id, expires_at=TODAY + datetime.timedelta(days=30)
    )
    assert type(new) is PersonalAccessTokenWithToken
    assert (new.name, new.expires_at, new.active) == (
        "ci",
        TODAY + datetime.timedelta(days=30),
        True,
    )
    assert new.id != old.id and new.token != old.token
    assert "token=" not in repr(new) and new.token not in repr(new)
    assert (await admin.personal_access_tokens.get(old.id)).revoked
    async with client_for(new.token) as rotated:
        assert (await rotated.personal_access_tokens.self()).id == new.id
    with pytest.raises(BadRequestError, match="Token already revoked"):
        await admin.personal_access_tokens.rotate(old.id)
    with pytest.raises(BadRequestError, match="Expires at must be before"):
        await admin.personal_access_tokens.rotate(new.id, expires_at=TODAY.replace(year=2030))
    assert not (await admin.personal_access_tokens.get(new.id)).revoked
    # Replaying the rotated value fails, and GitLab then revokes what was rotated from it.
    async with client_for(old.token) as stale:
        with pytest.raises(AuthenticationError):
            await stale.user.get()
    assert (await admin.personal_access_tokens.get(new.id)).revoked


async def test_rotate_self_and_revoke_self(client_for: ClientFor, fake_gitlab: FakeGitLab) -> None:
    token = fake_gitlab.state.add_token(3, ["self_rotate"])
    async with client_for(token.token) as gl:
        new = await gl.personal_access_tokens.rotate_self()
    assert new.expires_at == TODAY + datetime.timedelta(days=7)  # one week by default
    async with client_for(new.token) as gl:
        await gl.personal_access_tokens.revoke_self()
        with pytest.raises(AuthenticationError):
            await gl.personal_access_tokens.self()
    assert fake_gitlab.state.tokens_by_id[new.id].revoked


async def test_revoke_any_token_as_admin_but_only_own_as_user(
    admin: AsyncGitLab, regular: AsyncGitLab, fake_gitlab: FakeGitLab
) -> None:
    impersonation = fake_gitlab.state.add_token(2, ["api"], impersonation=True)
    others = fake_gitlab.state.add_token(6, ["api"])
    with pytest.raises(BadRequestError, match="Not permitted to revoke"):
        await regular.personal_access_tokens.revoke(others.id)
    with pytest.raises(BadRequestError):  # a user cannot revoke their impersonation token
        await regular.personal_access_tokens.revoke(impersonation.id)
    assert await admin.personal_access_tokens.revoke(impersonation.id) is None  # type: ignore[func-returns-value]
    assert await admin.personal_access_tokens.revoke(others.id) is None  # type: ignore[func-returns-value]
    assert impersonation.revoked and others.revoked
    with pytest.raises(NotFoundError):
        await admin.personal_access_tokens.revoke(999_999)


async def test_offboarding_revokes_every_active_token_of_a_user(
    admin: AsyncGitLab, fake_gitlab: FakeGitLab
) -> None:
    """The bulk job's building blocks: the user's active tokens, impersonation tokens
    included, each revoked; afterwards none is active and none authenticates."""
    st = fake_gitlab.state
    st.add_token(8, ["api"])
    st.add_token(8, ["read_user"], impersonation=True)
    st.add_token(8, ["api"], expires_at=TODAY - datetime.timedelta(days=1))  # already expired
    active = await admin.personal_access_tokens.list(user_id=8, state="active").to_list()
    assert len(active) >= 2
    for token in active:
        await admin.personal_access_tokens.revoke(token.id)
    assert await admin.personal_access_tokens.list(user_id=8, state="active").to_list() == []
    assert all(not t.is_active(TODAY) for t in st.tokens_by_user[8])


async def test_token_routes_need_more_than_read_user(
    client_for: ClientFor, fake_gitlab: FakeGitLab
) -> None:
    token = fake_gitlab.state.add_token(3, ["read_user"])
    async with client_for(token.token) as gl:
        with pytest.raises(PermissionDeniedError):  # 403 insufficient_scope
            await gl.personal_access_tokens.list().to_list()
        assert (await gl.personal_access_tokens.self()).scopes == ["read_user"]  # any scope


async def test_raw_responses(admin: AsyncGitLab) -> None:
    raw = await admin.personal_access_tokens.with_raw_response.self()
    assert raw.status_code == 200 and raw.parsed.active
    page = await admin.personal_access_tokens.with_raw_response.list(per_page=1)
    assert page.status_code == 200 and "X-Total" in page.headers
