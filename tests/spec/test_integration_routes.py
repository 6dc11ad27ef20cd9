"""Every route of the Users API, through the SDK, against the bundled fake GitLab.

Each test creates what it needs, checks what came back (and what the server now holds),
and cleans up, the way an admin script would.
"""

from __future__ import annotations

import base64
import datetime
import os
from collections.abc import Callable

import pytest

from gitlab_users_client import (
    AsyncGitLab,
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from gitlab_users_client.models import (
    ApproveResult,
    CustomAttribute,
    Email,
    GpgKey,
    ImpersonationToken,
    ImpersonationTokenWithToken,
    Membership,
    PersonalAccessTokenWithToken,
    SshKey,
    UserBasic,
    UserDetailsWithAdmin,
    UserProfile,
    UserPublic,
    UserState,
    UserStatus,
    UserWithAdmin,
)
from gitlab_users_client.testing import FakeGitLab

ClientFor = Callable[..., AsyncGitLab]


PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
GPG_KEY = (
    "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n"
    "mQENBFxxxxABCADfakekeymaterialforthetests0000000000000000000000000\n"
    "=abcd\n-----END PGP PUBLIC KEY BLOCK-----\n"
)


def ssh_key() -> str:
    blob = b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + os.urandom(32)
    return f"ssh-ed25519 {base64.b64encode(blob).decode()} test@example.com"


async def new_user(gl: AsyncGitLab, name: str) -> UserWithAdmin:
    return await gl.users.create(
        email=f"{name}@example.com", name=name.title(), username=name, password="s3cur3-pa55word!"
    )


async def test_user_crud_and_lookup(admin: AsyncGitLab) -> None:
    created = await new_user(admin, "jdoe")
    assert isinstance(created, UserWithAdmin)
    assert (created.username, created.email, created.is_admin) == (
        "jdoe",
        "jdoe@example.com",
        False,
    )

    fetched = await admin.users.get(created.id)
    assert isinstance(fetched, UserDetailsWithAdmin)
    assert fetched.username == "jdoe"

    updated = await admin.users.update(created.id, name="Real Name", bio="hello", note="vip")
    assert (updated.name, updated.bio, updated.note) == ("Real Name", "hello", "vip")

    by_username = await admin.users.list(username="JDOE").to_list()
    assert [user.id for user in by_username] == [created.id]
    found = await admin.users.list(search="Real Name").to_list()
    assert created.id in [user.id for user in found]

    with pytest.raises(ConflictError) as conflict:
        await new_user(admin, "jdoe")
    assert "taken" in conflict.value.message

    await admin.users.delete(created.id)
    with pytest.raises(NotFoundError):
        await admin.users.get(created.id)


async def test_entity_depends_on_the_caller(admin: AsyncGitLab, regular: AsyncGitLab) -> None:
    me = await regular.user.get()
    assert isinstance(me, UserPublic) and not isinstance(me, UserWithAdmin)
    admin_me = await admin.user.get()
    assert isinstance(admin_me, UserWithAdmin) and admin_me.is_admin

    page = await regular.users.list(per_page=5, pagination="offset").first_page()
    assert page.items and all(type(user) is UserBasic for user in page.items)
    admin_page = await admin.users.list(per_page=5, pagination="offset").first_page()
    assert all(isinstance(user, UserWithAdmin) for user in admin_page.items)

    as_regular = await regular.users.get(admin_me.id)
    assert type(as_regular) is UserProfile


async def test_sudo_acts_as_another_user(admin: AsyncGitLab, regular: AsyncGitLab) -> None:
    me = await regular.user.get()
    as_them = await admin.user.get(sudo=me.username)
    assert as_them.id == me.id
    with_options = await admin.with_options(sudo=me.id).user.get()
    assert with_options.id == me.id
    with pytest.raises(PermissionDeniedError, match="Must be admin to use sudo"):
        await regular.user.get(sudo="root")
    with pytest.raises(NotFoundError):
        await admin.user.get(sudo="no-such-user")


async def test_moderation_state_machine(admin: AsyncGitLab) -> None:
    user = await new_user(admin, "moderated")
    assert await admin.users.block(user.id) is True
    assert (await admin.users.get(user.id)).state == UserState.BLOCKED
    assert await admin.users.block(user.id) is None  # already blocked: 201 with an empty body
    assert await admin.users.unblock(user.id) is True
    assert await admin.users.ban(user.id) is True
    assert (await admin.users.get(user.id)).state == "banned"
    assert await admin.users.unban(user.id) is True
    assert await admin.users.deactivate(user.id) is True
    assert (await admin.users.get(user.id)).state == UserState.DEACTIVATED
    assert await admin.users.activate(user.id) is True
    assert (await admin.users.get(user.id)).state == UserState.ACTIVE
    await admin.users.delete(user.id)


async def test_approve_and_reject_pending_users(
    admin: AsyncGitLab, fake_gitlab: FakeGitLab
) -> None:
    pending = [await new_user(admin, "pending1"), await new_user(admin, "pending2")]
    for user in pending:  # as if the instance required admin approval for sign-ups
        stored = fake_gitlab.state.users[user.id]
        stored.state = "blocked_pending_approval"
        fake_gitlab.state.touch(stored)
    listed = await admin.users.list(search="pending").to_list()
    assert {user.state for user in listed if user.id in {p.id for p in pending}} == {
        "blocked_pending_approval"
    }

    approved = await admin.users.approve(pending[0].id)
    assert isinstance(approved, ApproveResult) and approved.message == "Success"
    assert (await admin.users.get(pending[0].id)).state == UserState.ACTIVE
    with pytest.raises(ConflictError):  # no longer pending
        await admin.users.approve(pending[0].id)

    rejected = await admin.users.reject(pending[1].id)
    assert rejected.message == "Success"
    with pytest.raises(NotFoundError):
        await admin.users.get(pending[1].id)


async def test_follow_and_followers(admin: AsyncGitLab, regular: AsyncGitLab) -> None:
    target = await new_user(admin, "followed")
    me = await regular.user.get()
    followed = await regular.users.follow(target.id)
    assert isinstance(followed, UserBasic) and followed.id == target.id
    assert await regular.users.follow(target.id) is None  # 304: already followed
    followers = await regular.users.list_followers(target.id).to_list()
    assert me.id in [user.id for user in followers]
    following = await regular.users.list_following(me.id).to_list()
    assert target.id in [user.id for user in following]
    unfollowed = await regular.users.unfollow(target.id)
    assert unfollowed is not None and unfollowed.id == target.id
    assert await regular.users.unfollow(target.id) is None  # 304: not followed
    await admin.users.delete(target.id)


async def test_ssh_keys_of_a_user_and_of_me(admin: AsyncGitLab, regular: AsyncGitLab) -> None:
    me = await regular.user.get()
    key = await admin.users.keys.create(me.id, key=ssh_key(), title="laptop")
    assert isinstance(key, SshKey) and key.title == "laptop"
    assert key.id in [k.id for k in await admin.users.keys.list(me.username).to_list()]
    assert (await admin.users.keys.get(me.id, key.id)).id == key.id
    mine = await regular.user.keys.create(
        key=ssh_key(),
        title="ci",
        usage_type="signing",
        expires_at=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC),
    )
    assert mine.usage_type == "signing"
    assert {k.id for k in await regular.user.keys.list().to_list()} >= {key.id, mine.id}
    assert (await regular.user.keys.get(mine.id)).title == "ci"
    await regular.user.keys.delete(mine.id)
    await admin.users.keys.delete(me.id, key.id)
    remaining = {k.id for k in await regular.user.keys.list().to_list()}
    assert not remaining & {key.id, mine.id}
    with pytest.raises(NotFoundError):
        await regular.user.keys.get(mine.id)


async def test_gpg_keys(admin: AsyncGitLab, regular: AsyncGitLab) -> None:
    me = await regular.user.get()
    key = await admin.users.gpg_keys.create(me.id, key=GPG_KEY)
    assert isinstance(key, GpgKey)
    assert key.id in [k.id for k in await admin.users.gpg_keys.list(me.id).to_list()]
    assert (await admin.users.gpg_keys.get(me.id, key.id)).id == key.id
    await admin.users.gpg_keys.revoke(me.id, key.id)
    mine = await regular.user.gpg_keys.create(key=GPG_KEY.replace("fakekey", "otherkey"))
    assert (await regular.user.gpg_keys.get(mine.id)).id == mine.id
    assert mine.id in [k.id for k in await regular.user.gpg_keys.list().to_list()]
    await regular.user.gpg_keys.revoke(mine.id)
    with pytest.raises(NotFoundError):
        await regular.user.gpg_keys.get(mine.id)
    other = await regular.user.gpg_keys.create(key=GPG_KEY.replace("fakekey", "thirdkey"))
    await regular.user.gpg_keys.delete(other.id)
    extra = await admin.users.gpg_keys.create(me.id, key=GPG_KEY.replace("fakekey", "fourthkey"))
    await admin.users.gpg_keys.delete(me.id, extra.id)


async def test_emails(admin: AsyncGitLab, regular: AsyncGitLab) -> None:
    me = await regular.user.get()
    email = await admin.users.emails.create(
        me.id, email="second@example.com", skip_confirmation=True
    )
    assert isinstance(email, Email) and email.email == "second@example.com"
    assert email.id in [e.id for e in await admin.users.emails.list(me.id).to_list()]
    mine = await regular.user.emails.create(email="third@example.com")
    assert (await regular.user.emails.get(mine.id)).email == "third@example.com"
    assert {e.id for e in await regular.user.emails.list().to_list()} >= {email.id, mine.id}
    await regular.user.emails.delete(mine.id)
    await admin.users.emails.delete(me.id, email.id)
    assert not {e.id for e in await regular.user.emails.list().to_list()} & {email.id, mine.id}


async def test_impersonation_tokens_authenticate_until_revoked(
    admin: AsyncGitLab, regular: AsyncGitLab, client_for: ClientFor
) -> None:
    me = await regular.user.get()
    created = await admin.users.impersonation_tokens.create(
        me.id,
        name="bot",
        scopes=["api"],
        expires_at=datetime.date.today() + datetime.timedelta(days=30),
    )
    assert isinstance(created, ImpersonationTokenWithToken) and created.token
    assert created.token not in repr(created)
    listed = await admin.users.impersonation_tokens.list(me.id, state="active").to_list()
    assert created.id in [token.id for token in listed]
    fetched = await admin.users.impersonation_tokens.get(me.id, created.id)
    assert isinstance(fetched, ImpersonationToken) and fetched.impersonation

    async with client_for(created.token) as as_them:
        assert (await as_them.user.get()).id == me.id
        await admin.users.impersonation_tokens.revoke(me.id, created.id)
        with pytest.raises(AuthenticationError, match="revoked"):
            await as_them.user.get()


async def test_personal_access_tokens(
    admin: AsyncGitLab, regular: AsyncGitLab, client_for: ClientFor
) -> None:
    me = await regular.user.get()
    for_user = await admin.users.personal_access_tokens.create(
        me.id, name="automation", scopes=["read_user"]
    )
    assert isinstance(for_user, PersonalAccessTokenWithToken) and for_user.scopes == ["read_user"]
    async with client_for(for_user.token) as reader:
        assert (await reader.user.get()).id == me.id
        with pytest.raises(PermissionDeniedError):
            await reader.user.status.set(message="read-only tokens cannot write")
    own = await regular.user.personal_access_tokens.create(name="k8s", scopes=["k8s_proxy"])
    assert own.scopes == ["k8s_proxy"] and own.token


async def test_custom_attributes_and_filtering(admin: AsyncGitLab) -> None:
    user = await new_user(admin, "attributed")
    attribute = await admin.users.custom_attributes.set(user.id, "role", value="QA")
    assert isinstance(attribute, CustomAttribute) and (attribute.key, attribute.value) == (
        "role",
        "QA",
    )
    assert (await admin.users.custom_attributes.get(user.id, "role")).value == "QA"
    assert [a.key for a in await admin.users.custom_attributes.list(user.id)] == ["role"]
    matching = await admin.users.list(
        custom_attributes={"role": "QA"}, with_custom_attributes=True
    ).to_list()
    assert user.id in [u.id for u in matching]
    await admin.users.custom_attributes.delete(user.id, "role")
    with pytest.raises(NotFoundError):
        await admin.users.custom_attributes.get(user.id, "role")
    await admin.users.delete(user.id)


async def test_status_set_and_update(admin: AsyncGitLab, regular: AsyncGitLab) -> None:
    me = await regular.user.get()
    status = await regular.user.status.set(
        emoji="coffee", message="out for lunch", availability="busy"
    )
    assert isinstance(status, UserStatus) and status.message == "out for lunch"
    patched = await regular.user.status.update(emoji="palm_tree")
    assert patched is not None and (patched.emoji, patched.message) == (
        "palm_tree",
        "out for lunch",
    )
    assert (await regular.user.status.get()).emoji == "palm_tree"
    assert (await admin.users.get_status(me.username)).message == "out for lunch"
    cleared = await regular.user.status.set(emoji="wave")  # PUT clears what is left out
    assert cleared.message is None


async def test_preferences_avatar_counts_and_activities(regular: AsyncGitLab) -> None:
    preferences = await regular.user.preferences.update(show_whitespace_in_diffs=True)
    assert preferences.show_whitespace_in_diffs is True
    assert (await regular.user.preferences.get()).show_whitespace_in_diffs is True
    avatar = await regular.user.upload_avatar(avatar=PNG)
    assert avatar.avatar_url
    counts = await regular.user.get_counts()
    assert counts.todos is not None and counts.todos >= 0
    activities = await regular.user.list_activities(
        from_=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    ).to_list()
    assert all(activity.username for activity in activities)


async def test_admin_only_views(admin: AsyncGitLab, regular: AsyncGitLab) -> None:
    me = await regular.user.get()
    counts = await admin.users.get_associations_count(me.id)
    assert counts.projects_count is not None and counts.projects_count >= 0
    memberships = await admin.users.list_memberships(me.id).to_list()
    assert all(isinstance(m, Membership) and isinstance(m.access_level, int) for m in memberships)
    with pytest.raises(PermissionDeniedError):
        await regular.users.list_memberships(me.id).to_list()
    projects = await admin.users.list_projects(me.id).to_list()
    assert all(project.id for project in projects)
    await admin.users.list_starred_projects(me.id).to_list()
    await admin.users.list_contributed_projects(me.id).to_list()
    events = await admin.users.list_events(me.id).to_list()
    assert all(event.action_name for event in events)
    await admin.users.list_project_deploy_keys(me.id).to_list()


async def test_support_pin_and_two_factor_and_identities(
    admin: AsyncGitLab, regular: AsyncGitLab
) -> None:
    me = await regular.user.get()
    pin = await regular.user.support_pin.create()
    assert pin.pin and pin.pin not in repr(pin)
    assert (await regular.user.support_pin.get()).pin == pin.pin
    assert (await admin.users.get_support_pin(me.id)).pin == pin.pin
    await admin.users.revoke_support_pin(me.id)
    with pytest.raises(NotFoundError):
        await regular.user.support_pin.get()

    user = await admin.users.create(
        email="sso@example.com",
        name="Sso",
        username="sso",
        force_random_password=True,
        extern_uid="3",
        provider="oauth2_generic",
    )
    await admin.users.delete_identity(user.id, "oauth2_generic")
    with pytest.raises(NotFoundError):
        await admin.users.delete_identity(user.id, "oauth2_generic")
    with pytest.raises(Exception, match=r"not enabled|2FA|two"):
        await admin.users.disable_two_factor(user.id)
    await admin.users.delete(user.id, hard_delete=True)


async def test_runner_creation(admin: AsyncGitLab, regular: AsyncGitLab) -> None:
    runner = await admin.user.runners.create(
        runner_type="instance_type", description="ci", tag_list=["docker"]
    )
    assert runner.id and runner.token and runner.token.startswith("glrt-")
    with pytest.raises(PermissionDeniedError, match="instance runner"):
        await regular.user.runners.create(runner_type="instance_type")


async def test_credit_card_validation_is_admin_only(
    admin: AsyncGitLab, regular: AsyncGitLab
) -> None:
    me = await regular.user.get()
    now = datetime.datetime.now(datetime.UTC)
    kwargs = {
        "credit_card_validated_at": now,
        "credit_card_expiration_month": 12,
        "credit_card_expiration_year": 2099,
        "credit_card_holder_name": "J Doe",
        "credit_card_mask_number": "1111",
        "credit_card_type": "visa",
    }
    result = await admin.users.update_credit_card_validation(me.id, **kwargs)  # type: ignore[arg-type]
    assert result.user_id == me.id
    with pytest.raises(PermissionDeniedError):
        await regular.users.update_credit_card_validation(me.id, **kwargs)  # type: ignore[arg-type]
