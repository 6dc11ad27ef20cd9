"""Example payloads (GitLab docs seeds + reference, restated for 19.x) parsed exactly the way
the SDK parses successful bodies: with each operation's ``RESPONSES`` and ``parse_body``,
as the client does."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pydantic
import pytest
import yaml

from gitlab_users_client import AsyncGitLab, ResponseValidationError
from gitlab_users_client._contract.encoding import File
from gitlab_users_client._contract.models import parse_body
from gitlab_users_client._generated.api.user import (
    user_get,
    user_get_counts,
    user_list_activities,
    user_upload_avatar,
)
from gitlab_users_client._generated.api.user_emails import (
    user_emails_create,
    user_emails_get,
    user_emails_list,
)
from gitlab_users_client._generated.api.user_gpg_keys import (
    user_gpg_keys_create,
    user_gpg_keys_get,
    user_gpg_keys_list,
)
from gitlab_users_client._generated.api.user_keys import (
    user_keys_create,
    user_keys_get,
    user_keys_list,
)
from gitlab_users_client._generated.api.user_personal_access_tokens import (
    user_personal_access_tokens_create,
)
from gitlab_users_client._generated.api.user_preferences import (
    user_preferences_get,
    user_preferences_update,
)
from gitlab_users_client._generated.api.user_runners import user_runners_create
from gitlab_users_client._generated.api.user_status import (
    user_status_get,
    user_status_set,
    user_status_update,
)
from gitlab_users_client._generated.api.user_support_pin import (
    user_support_pin_create,
    user_support_pin_get,
)
from gitlab_users_client._generated.api.users import (
    users_activate,
    users_approve,
    users_ban,
    users_block,
    users_create,
    users_deactivate,
    users_follow,
    users_get,
    users_get_associations_count,
    users_get_status,
    users_get_support_pin,
    users_list,
    users_list_followers,
    users_list_memberships,
    users_reject,
    users_unban,
    users_unblock,
    users_unfollow,
    users_update,
)
from gitlab_users_client._generated.api.users_custom_attributes import (
    users_custom_attributes_get,
    users_custom_attributes_list,
    users_custom_attributes_set,
)
from gitlab_users_client._generated.api.users_emails import (
    users_emails_create,
    users_emails_list,
)
from gitlab_users_client._generated.api.users_gpg_keys import (
    users_gpg_keys_create,
    users_gpg_keys_get,
    users_gpg_keys_list,
)
from gitlab_users_client._generated.api.users_impersonation_tokens import (
    users_impersonation_tokens_create,
    users_impersonation_tokens_get,
    users_impersonation_tokens_list,
)
from gitlab_users_client._generated.api.users_keys import (
    users_keys_create,
    users_keys_get,
    users_keys_list,
)
from gitlab_users_client._generated.api.users_personal_access_tokens import (
    users_personal_access_tokens_create,
)
from gitlab_users_client.models import (
    ApproveResult,
    Avatar,
    CreateUserMultipartRequest,
    CreateUserRequest,
    CustomAttribute,
    Email,
    GpgKey,
    Identity,
    ImpersonationToken,
    ImpersonationTokenWithToken,
    Membership,
    MembershipType,
    PersonalAccessTokenWithToken,
    RejectResult,
    RunnerRegistrationDetails,
    ScimIdentity,
    SshKey,
    SshKeyUsageType,
    UpdateUserRequest,
    UserActivity,
    UserAssociationsCount,
    UserAvailability,
    UserBasic,
    UserCounts,
    UserDetailsWithAdmin,
    UserPreferences,
    UserProfile,
    UserPublic,
    UserState,
    UserStatus,
    UserSupportPin,
    UserWithAdmin,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "gitlab-users.yaml"
UTC = datetime.UTC


def raw(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parse(module: ModuleType, name: str, status: int = 200) -> Any:
    return parse_bytes(module, raw(name), status)


def parse_bytes(module: ModuleType, content: bytes, status: int = 200) -> Any:
    """What the client makes of a ``status`` answer to ``module``'s operation."""
    assert status in module.RESPONSES, f"undocumented status {status}"
    return parse_body(module.RESPONSES[status], content)


def assert_aware(value: datetime.datetime | None, expected: datetime.datetime) -> None:
    assert isinstance(value, datetime.datetime)
    assert value.tzinfo is not None and value.utcoffset() == datetime.timedelta(0)
    assert value == expected


# -- users ------------------------------------------------------------------------------


def test_users_list_as_regular_user_gives_user_basic() -> None:
    users = parse(users_list, "users_list_regular.json")
    assert [type(user) for user in users] == [UserBasic, UserBasic]
    john, jack = users
    assert (john.id, john.username, john.name) == (1, "john_smith", "John Smith")
    assert john.public_email == "john@example.com"
    assert jack.public_email is None
    assert john.state is UserState.ACTIVE and jack.state is UserState.BLOCKED
    assert john.locked is False
    assert jack.avatar_url == "http://gravatar.com/../e32131cd8.jpeg"
    assert jack.web_url == "http://localhost:3000/jack_smith"


def test_users_list_legacy_doc_shape_missing_optional_fields_are_none() -> None:
    users = parse(users_list, "users_list_regular_legacy.json")
    assert [type(user) for user in users] == [UserBasic, UserBasic]
    for user in users:
        assert user.locked is None
        assert user.public_email is None
        assert user.custom_attributes is None
        assert user.avatar_path is None
        assert user.model_extra == {}


def test_users_list_as_admin_gives_user_with_admin() -> None:
    users = parse(users_list, "users_list_admin.json")
    assert [type(user) for user in users] == [UserWithAdmin, UserWithAdmin]
    john, jack = users
    assert john.email == "john@example.com" and jack.email == "jack@example.com"
    assert john.is_admin is False
    assert john.note == "DMCA Request: 2018-11-05 | DMCA Violation | Abuse"
    assert jack.note is None
    assert john.namespace_id == 1
    assert_aware(john.created_at, datetime.datetime(2012, 5, 23, 8, 0, 58, tzinfo=UTC))
    assert_aware(john.last_sign_in_at, datetime.datetime(2012, 6, 1, 11, 41, 1, tzinfo=UTC))
    assert jack.last_sign_in_at is None
    assert_aware(jack.confirmed_at, datetime.datetime(2012, 5, 30, 16, 53, 6, 148000, tzinfo=UTC))
    assert type(john.last_activity_on) is datetime.date
    assert john.last_activity_on == datetime.date(2012, 5, 23)
    assert john.bio is None and john.location is None
    assert john.projects_limit == 100 and john.theme_id == 1 and john.color_scheme_id == 2
    assert john.two_factor_enabled is True and john.external is False
    assert john.identities is not None and len(john.identities) == 3
    assert all(type(identity) is Identity for identity in john.identities)
    assert john.identities[0].provider == "github"
    assert john.identities[0].extern_uid == "2435223452345"
    assert jack.identities == []
    # created_by: null when self-registered, a UserBasic otherwise
    assert john.created_by is None
    assert type(jack.created_by) is UserBasic and jack.created_by.username == "john_smith"
    # EE fields
    assert jack.shared_runners_minutes_limit == 133
    assert jack.using_license_seat is True and jack.is_auditor is False
    assert jack.scim_identities is not None
    assert type(jack.scim_identities[0]) is ScimIdentity
    assert jack.scim_identities[0].group_id == 3 and jack.scim_identities[0].active is True
    # `skype` left the 19.x entities: it is not modelled but kept as an extra field
    assert "skype" not in UserWithAdmin.model_fields
    assert john.model_extra == {"skype": ""}


def test_users_get_as_regular_user_gives_user_profile() -> None:
    user = parse(users_get, "user_get_regular.json")
    assert type(user) is UserProfile
    assert user.bio == "Mostly harmless."
    assert user.bio_html is not None and user.bio_html.startswith("<p")
    assert (user.followers, user.following, user.is_followed) == (1, 2, False)
    assert user.local_time == "3:38 PM"
    assert user.work_information == "Operations Specialist at ACME"
    assert user.pronouns == "he/him" and user.organization == "ACME"
    assert user.public_email == "john@example.com"
    assert_aware(user.created_at, datetime.datetime(2012, 5, 23, 8, 0, 58, tzinfo=UTC))
    assert not hasattr(user, "email")


def test_users_get_as_admin_gives_user_details_with_admin() -> None:
    user = parse(users_get, "user_get_admin.json")
    assert type(user) is UserDetailsWithAdmin
    assert user.highest_role == 10
    assert user.sign_in_count == 1337
    assert user.current_sign_in_ip == "196.165.1.102"
    assert user.last_sign_in_ip == "172.127.2.22"
    assert user.plan == "gold" and user.trial is True
    assert user.bio_html is None
    assert user.email == "john@example.com"
    assert user.is_admin is False
    assert_aware(user.current_sign_in_at, datetime.datetime(2012, 6, 2, 6, 36, 55, tzinfo=UTC))


def test_current_user_regular_gives_user_public() -> None:
    user = parse(user_get, "current_user_regular.json")
    assert type(user) is UserPublic
    assert user.email == "john@example.com"
    assert user.commit_email == "john@example.com"
    assert user.preferred_language == "en"
    assert user.private_profile is False
    assert user.identities is not None and user.identities[1].extern_uid == "john_smith"
    assert not hasattr(user, "is_admin")


def test_current_user_admin_gives_user_with_admin() -> None:
    user = parse(user_get, "current_user_admin.json")
    assert type(user) is UserWithAdmin
    assert user.is_admin is True
    assert user.created_by is None


@pytest.mark.parametrize(
    ("module", "name", "status"),
    [(users_create, "user_created.json", 201), (users_update, "user_updated.json", 200)],
)
def test_create_and_update_responses_give_user_with_admin(
    module: ModuleType, name: str, status: int
) -> None:
    user = parse(module, name, status)
    assert type(user) is UserWithAdmin
    assert user.id == 42 and user.username == "jdoe" and user.email == "john@doe.com"
    assert user.last_activity_on is None and user.last_sign_in_at is None
    assert_aware(user.created_at, datetime.datetime(2025, 6, 2, 9, 15, 27, 417000, tzinfo=UTC))
    assert type(user.created_by) is UserBasic and user.created_by.public_email == ""
    assert user.namespace_id == 87
    if module is users_update:
        assert user.bio == "hi" and user.note is None


def test_create_and_update_only_accept_their_documented_status() -> None:
    assert set(users_create.RESPONSES) == {201}
    assert set(users_update.RESPONSES) == {200}


def test_followers_list_items_are_user_basic() -> None:
    users = parse(users_list_followers, "users_list_regular.json")
    assert [type(user) for user in users] == [UserBasic, UserBasic]


@pytest.mark.parametrize("module", [users_follow, users_unfollow])
def test_follow_result_is_user_basic_and_304_is_none(module: ModuleType) -> None:
    user = parse(module, "follow_result.json", 201)
    assert type(user) is UserBasic
    assert user.username == "jack_smith" and user.public_email is None
    assert parse_bytes(module, b"", 304) is None
    assert module.RESPONSES[304] is None  # documented as having no body


# -- moderation -------------------------------------------------------------------------


@pytest.mark.parametrize("module", [users_block, users_deactivate])
@pytest.mark.parametrize(("content", "expected"), [(b"true", True), (b"null", None), (b"", None)])
def test_block_and_deactivate_give_true_or_none(
    module: ModuleType, content: bytes, expected: bool | None
) -> None:
    assert parse_bytes(module, content, 201) is expected


@pytest.mark.parametrize(("content", "expected"), [(b"true", True), (b"false", False)])
def test_unblock_gives_the_service_boolean(content: bytes, expected: bool) -> None:
    assert parse_bytes(users_unblock, content, 201) is expected


@pytest.mark.parametrize("module", [users_activate, users_ban, users_unban])
def test_activate_ban_unban_give_true(module: ModuleType) -> None:
    assert parse_bytes(module, b"true", 201) is True


def test_approve_result() -> None:
    result = parse(users_approve, "approve_result.json", 201)
    assert type(result) is ApproveResult
    assert result.message == "Success"


def test_reject_result_is_gitlabs_message() -> None:
    """users_spec POST /users/:id/reject: 200 {"message":"Success"} (the route renders the
    service's result through render_api_error!, status :ok)."""
    result = parse(users_reject, "reject_result.json", 200)
    assert type(result) is RejectResult
    assert result.message == "Success"
    # 201 was never GitLab's answer: it is an undocumented status, not a silent success.
    assert 201 not in users_reject.RESPONSES


# -- keys, emails -----------------------------------------------------------------------


@pytest.mark.parametrize("module", [user_keys_list, users_keys_list])
def test_ssh_key_lists(module: ModuleType) -> None:
    keys = parse(module, "ssh_keys.json")
    assert [type(key) for key in keys] == [SshKey, SshKey]
    first, second = keys
    assert (first.id, first.title) == (1, "Public key")
    assert first.key.startswith("ssh-rsa AAAAB3NzaC1yc2E")
    assert_aware(first.created_at, datetime.datetime(2014, 8, 1, 14, 47, 39, 80000, tzinfo=UTC))
    assert first.usage_type is SshKeyUsageType.AUTH_AND_SIGNING
    assert first.expires_at is None
    assert_aware(first.last_used_at, datetime.datetime(2024, 11, 20, 10, 0, tzinfo=UTC))
    # the older docs' shape: no expiry, usage type or last use
    assert second.usage_type is None and second.last_used_at is None and second.expires_at is None


@pytest.mark.parametrize(
    ("module", "name", "status"),
    [
        (user_keys_get, "ssh_key.json", 200),
        (users_keys_get, "ssh_key.json", 200),
        (user_keys_create, "ssh_key_created.json", 201),
        (users_keys_create, "ssh_key_created.json", 201),
    ],
)
def test_single_ssh_key(module: ModuleType, name: str, status: int) -> None:
    key = parse(module, name, status)
    assert type(key) is SshKey
    if name == "ssh_key_created.json":
        assert key.id == 4 and key.title == "ABC" and key.key.endswith("loic@call")
        assert key.usage_type == "auth"
        assert_aware(key.expires_at, datetime.datetime(2030, 1, 1, tzinfo=UTC))
    else:
        assert key.id == 1


@pytest.mark.parametrize("module", [user_gpg_keys_list, users_gpg_keys_list])
def test_gpg_key_lists(module: ModuleType) -> None:
    keys = parse(module, "gpg_keys.json")
    assert [type(key) for key in keys] == [GpgKey]
    assert keys[0].key.startswith("-----BEGIN PGP PUBLIC KEY BLOCK-----\r\n")
    assert keys[0].key.endswith("-----END PGP PUBLIC KEY BLOCK-----")
    assert_aware(keys[0].created_at, datetime.datetime(2017, 9, 5, 9, 17, 46, 264000, tzinfo=UTC))


@pytest.mark.parametrize(
    ("module", "status"),
    [
        (user_gpg_keys_get, 200),
        (users_gpg_keys_get, 200),
        (user_gpg_keys_create, 201),
        (users_gpg_keys_create, 201),
    ],
)
def test_single_gpg_key(module: ModuleType, status: int) -> None:
    key = parse(module, "gpg_key.json", status)
    assert type(key) is GpgKey and key.id == 1


@pytest.mark.parametrize("module", [user_gpg_keys_create, users_gpg_keys_create])
def test_gpg_key_create_rejects_the_docs_array_shape(module: ModuleType) -> None:
    """The docs show an array for POST .../gpg_keys; the source returns one object (§6.14)."""
    with pytest.raises(pydantic.ValidationError):
        parse(module, "gpg_key_created_docs_array.json", 201)


@pytest.mark.parametrize("module", [user_emails_list, users_emails_list])
def test_email_lists(module: ModuleType) -> None:
    emails = parse(module, "emails.json")
    assert [type(email) for email in emails] == [Email, Email]
    assert emails[0].email == "email@example.com"
    assert_aware(
        emails[0].confirmed_at, datetime.datetime(2021, 3, 26, 19, 7, 56, 248000, tzinfo=UTC)
    )
    assert emails[1].confirmed_at is None


@pytest.mark.parametrize(
    ("module", "name", "status"),
    [
        (user_emails_get, "email.json", 200),
        (user_emails_create, "email_created.json", 201),
        (users_emails_create, "email_created.json", 201),
    ],
)
def test_single_email(module: ModuleType, name: str, status: int) -> None:
    email = parse(module, name, status)
    assert type(email) is Email and email.email == "email@example.com"


# -- tokens -----------------------------------------------------------------------------


def test_impersonation_token_list() -> None:
    tokens = parse(users_impersonation_tokens_list, "impersonation_tokens.json")
    assert [type(token) for token in tokens] == [ImpersonationToken, ImpersonationToken]
    first, second = tokens
    assert first.impersonation is True and first.active is True and first.revoked is False
    assert first.scopes == ["api"] and second.scopes == ["read_user"]
    assert type(first.expires_at) is datetime.date
    assert first.expires_at == datetime.date(2017, 4, 4)
    assert_aware(first.created_at, datetime.datetime(2017, 3, 17, 17, 18, 9, 283000, tzinfo=UTC))
    assert first.user_id == 42 and first.last_used_ips == [] and first.granular is False
    assert second.user_id is None and second.description is None and second.revoked is True
    assert not hasattr(first, "token")


def test_impersonation_token_get() -> None:
    token = parse(users_impersonation_tokens_get, "impersonation_token.json")
    assert type(token) is ImpersonationToken
    assert token.id == 2 and token.name == "mytoken"


def test_impersonation_token_create_carries_the_token() -> None:
    token = parse(users_impersonation_tokens_create, "impersonation_token_created.json", 201)
    assert type(token) is ImpersonationTokenWithToken
    assert token.token == "EsMo-vhKfXGwX9RKrwiy"
    assert token.expires_at == datetime.date(2017, 4, 4)
    assert token.impersonation is True


@pytest.mark.parametrize(
    ("module", "name", "token", "scopes"),
    [
        (
            users_personal_access_tokens_create,
            "personal_access_token_created.json",
            "glpat-ggHAXD1eTaLHHNkSxKnh",
            ["api"],
        ),
        (
            user_personal_access_tokens_create,
            "own_personal_access_token_created.json",
            "glpat-aaaaaaaaaaaaaaaaaaaa",
            ["k8s_proxy"],
        ),
    ],
)
def test_personal_access_token_create(
    module: ModuleType, name: str, token: str, scopes: list[str]
) -> None:
    created = parse(module, name, 201)
    assert type(created) is PersonalAccessTokenWithToken
    assert created.token == token
    assert created.scopes == scopes
    assert created.user_id == 42 and created.active is True
    assert type(created.expires_at) is datetime.date
    assert_aware(
        created.created_at, datetime.datetime(2020, 10, 14, 11, 58, 53, 526000, tzinfo=UTC)
    )


# -- status, preferences, memberships, counts -------------------------------------------


@pytest.mark.parametrize("module", [user_status_get, users_get_status])
def test_user_status_from_docs(module: ModuleType) -> None:
    status = parse(module, "user_status.json")
    assert type(status) is UserStatus
    assert status.emoji == "coffee"
    assert status.message == "I crave coffee :coffee:"
    assert status.message_html is not None and "☕" in status.message_html
    assert status.availability is None and status.clear_status_at is None


@pytest.mark.parametrize("module", [user_status_set, user_status_update])
def test_user_status_set_and_update(module: ModuleType) -> None:
    status = parse(module, "user_status_set.json")
    assert type(status) is UserStatus
    assert status.availability is UserAvailability.BUSY
    assert_aware(status.clear_status_at, datetime.datetime(2024, 5, 8, 12, 34, 56, tzinfo=UTC))


def test_user_status_unset_is_all_none() -> None:
    status = parse(user_status_get, "user_status_none.json")
    assert status.model_dump() == dict.fromkeys(UserStatus.model_fields)


def test_patch_user_status_with_nothing_gives_empty_200() -> None:
    assert parse_bytes(user_status_update, b"") is None


@pytest.mark.parametrize("module", [user_preferences_get, user_preferences_update])
def test_user_preferences(module: ModuleType) -> None:
    prefs = parse(module, "user_preferences.json")
    assert type(prefs) is UserPreferences
    assert (prefs.id, prefs.user_id) == (1, 1)
    assert prefs.view_diffs_file_by_file is True
    assert prefs.show_whitespace_in_diffs is False
    assert prefs.pass_user_identities_to_ci_jwt is False
    assert prefs.policy_advanced_editor is False


def test_memberships_access_level_string_from_docs_becomes_int() -> None:
    """Decision: the docs show `"access_level": "20"`, the entity and GitLab's schema
    fixture say integer. The SDK accepts the docs' numeric string and normalises it to
    the documented int, so callers can always compare with ints."""
    memberships = parse(users_list_memberships, "memberships.json")
    assert [type(m) for m in memberships] == [Membership] * 3
    assert [m.access_level for m in memberships] == [20, 20, 30]
    assert all(type(m.access_level) is int for m in memberships)
    assert memberships[0].source_type is MembershipType.PROJECT
    assert memberships[1].source_type is MembershipType.NAMESPACE
    assert memberships[0].source_name == "Project one" and memberships[0].source_id == 1


def test_memberships_access_level_non_numeric_is_rejected() -> None:
    body = b'[{"source_id":1,"source_name":"P","source_type":"Project","access_level":"Developer"}]'
    with pytest.raises(pydantic.ValidationError):
        parse_bytes(users_list_memberships, body)


def test_associations_count() -> None:
    counts = parse(users_get_associations_count, "associations_count.json")
    assert type(counts) is UserAssociationsCount
    assert counts.model_dump() == {
        "groups_count": 2,
        "projects_count": 3,
        "issues_count": 8,
        "merge_requests_count": 5,
    }


def test_user_counts() -> None:
    counts = parse(user_get_counts, "user_counts.json")
    assert type(counts) is UserCounts
    assert counts.assigned_issues == 15 and counts.assigned_merge_requests == 11
    assert counts.review_requested_merge_requests == 0 and counts.todos == 1
    assert counts.merge_requests == 4  # deprecated alias, still parsed


def test_user_activities() -> None:
    activities = parse(user_list_activities, "user_activities.json")
    assert [type(a) for a in activities] == [UserActivity] * 3
    assert [a.username for a in activities] == ["user1", "user2", "user3"]
    assert activities[0].last_activity_on == datetime.date(2015, 12, 14)
    assert type(activities[0].last_activity_on) is datetime.date
    assert type(activities[0].last_activity_at) is datetime.date


# -- runners, support PIN, avatar, custom attributes ------------------------------------


def test_runner_registration() -> None:
    runner = parse(user_runners_create, "runner_registration.json", 201)
    assert type(runner) is RunnerRegistrationDetails
    assert runner.id == 12345
    assert runner.token == "glrt-KzWP6WlNzRUprM3TQq2Qc5dGEtAw"
    assert runner.token_expires_at is None


@pytest.mark.parametrize(
    ("module", "status"),
    [(user_support_pin_get, 200), (user_support_pin_create, 201), (users_get_support_pin, 200)],
)
def test_support_pin(module: ModuleType, status: int) -> None:
    pin = parse(module, "support_pin.json", status)
    assert type(pin) is UserSupportPin
    assert pin.pin == "123456"
    assert_aware(pin.expires_at, datetime.datetime(2025, 2, 27, 22, 6, 57, tzinfo=UTC))


def test_avatar() -> None:
    avatar = parse(user_upload_avatar, "avatar.json")
    assert type(avatar) is Avatar
    assert avatar.avatar_url.endswith("/user/avatar/76/avatar.png")


def test_custom_attributes() -> None:
    attributes = parse(users_custom_attributes_list, "custom_attributes.json")
    assert [(a.key, a.value) for a in attributes] == [
        ("location", "Antarctica"),
        ("role", "Developer"),
    ]
    assert all(type(a) is CustomAttribute for a in attributes)
    for module in (users_custom_attributes_get, users_custom_attributes_set):
        single = parse(module, "custom_attribute.json")
        assert type(single) is CustomAttribute and single.value == "Antarctica"


# -- the document's own examples ----------------------------------------------------------


def _spec_examples() -> list[tuple[str, str, str, Any]]:
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    found = []
    for item in spec["paths"].values():
        for op in item.values():
            if not isinstance(op, dict) or "operationId" not in op:
                continue
            for status, response in op["responses"].items():
                media = response.get("content", {}).get("application/json", {})
                if status.startswith("2") and "example" in media:
                    found.append((op["tags"][0], op["operationId"], status, media["example"]))
    return found


SPEC_EXAMPLES = _spec_examples()


def test_document_has_examples() -> None:
    assert len(SPEC_EXAMPLES) >= 5


@pytest.mark.parametrize(
    ("tag", "operation_id", "status", "example"),
    SPEC_EXAMPLES,
    ids=[f"{example[1]}-{example[2]}" for example in SPEC_EXAMPLES],
)
def test_document_examples_parse(tag: str, operation_id: str, status: str, example: Any) -> None:
    import importlib

    module = importlib.import_module(f"gitlab_users_client._generated.api.{tag}.{operation_id}")
    parsed = parse_bytes(module, json.dumps(example).encode(), int(status))
    assert parsed is not None


# -- tolerance and strictness -------------------------------------------------------------


def test_unknown_fields_are_kept_in_model_extra() -> None:
    payload = json.loads(raw("users_list_regular.json"))
    payload[0]["new_in_20_0"] = {"nested": [1, 2]}
    payload[0]["ee_only_flag"] = True
    users = parse_bytes(users_list, json.dumps(payload).encode())
    assert type(users[0]) is UserBasic
    assert users[0].model_extra == {"new_in_20_0": {"nested": [1, 2]}, "ee_only_flag": True}
    assert users[0].ee_only_flag is True  # type: ignore[attr-defined]
    assert users[1].model_extra == {}
    # extras survive a round trip
    assert users[0].model_dump()["new_in_20_0"] == {"nested": [1, 2]}


def test_unknown_state_parses_and_equals_its_string() -> None:
    payload = json.loads(raw("users_list_regular.json"))
    payload[0]["state"] = "suspended_for_review"
    user = parse_bytes(users_list, json.dumps(payload).encode())[0]
    assert type(user) is UserBasic
    assert isinstance(user.state, UserState)
    assert user.state == "suspended_for_review"
    assert str(user.state) == "suspended_for_review"
    assert user.state not in list(UserState)


def test_unknown_enum_values_in_other_models_parse() -> None:
    ssh = parse_bytes(
        user_keys_get,
        b'{"id":1,"title":"t","key":"ssh-ed25519 AAAA","usage_type":"commit_signing_v2"}',
    )
    assert ssh.usage_type == "commit_signing_v2"
    status = parse_bytes(user_status_get, b'{"availability":"on_vacation"}')
    assert status.availability == "on_vacation"


def test_missing_optional_fields_are_none() -> None:
    user = parse_bytes(
        user_get, b'{"id":5,"username":"u","name":"U","state":"active","web_url":"w","email":"e"}'
    )
    assert type(user) is UserPublic
    for field in ("created_at", "bio", "last_sign_in_at", "identities", "public_email", "locked"):
        assert getattr(user, field) is None, field
    assert user.model_fields_set == {"id", "username", "name", "state", "web_url", "email"}


@pytest.mark.parametrize(
    ("module", "name", "status"),
    [
        (users_list, "users_list_admin.json", 200),
        (users_list, "users_list_regular.json", 200),
        (users_get, "user_get_admin.json", 200),
        (users_get, "user_get_regular.json", 200),
        (user_get, "current_user_admin.json", 200),
        (users_create, "user_created.json", 201),
        (user_keys_list, "ssh_keys.json", 200),
        (users_impersonation_tokens_create, "impersonation_token_created.json", 201),
        (user_emails_get, "email.json", 200),
    ],
)
def test_payload_missing_id_raises_validation_error(
    module: ModuleType, name: str, status: int
) -> None:
    payload = json.loads(raw(name))
    target = payload[0] if isinstance(payload, list) else payload
    del target["id"]
    with pytest.raises(pydantic.ValidationError):
        parse_bytes(module, json.dumps(payload).encode(), status)


@pytest.mark.parametrize(
    ("module", "name", "rich", "mutate"),
    [
        # GitLab's admin.json schema fixture allows a numeric extern_uid (§5)
        (
            users_list,
            "users_list_admin.json",
            UserWithAdmin,
            lambda p: p[0]["identities"][0].update(extern_uid=2435223452345),
        ),
        # GitLab's OA3 types last_activity_on as date-time (§6.19)
        (
            users_get,
            "user_get_admin.json",
            UserDetailsWithAdmin,
            lambda p: p.update(last_activity_on="2012-05-23T10:00:00Z"),
        ),
    ],
    ids=["list-admin-numeric-extern-uid", "get-admin-datetime-last-activity"],
)
def test_admin_payload_with_one_bad_field_is_not_silently_downgraded(
    module: ModuleType, name: str, rich: type, mutate: Any
) -> None:
    payload = json.loads(raw(name))
    mutate(payload)
    try:
        parsed = parse_bytes(module, json.dumps(payload).encode())
    except pydantic.ValidationError:
        return  # acceptable: the mismatch is reported
    first = parsed[0] if isinstance(parsed, list) else parsed
    assert type(first) is rich, f"admin payload parsed as {type(first).__name__}"


def test_invalid_json_raises_value_error() -> None:
    with pytest.raises(ValueError, match="Invalid JSON"):
        parse_bytes(users_get, b"<html>502 Bad Gateway</html>")


async def test_missing_id_through_client_raises_response_validation_error() -> None:
    payload = json.loads(raw("user_get_admin.json"))
    del payload["id"]
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=payload)

    async with AsyncGitLab(
        "https://gitlab.example.com", token="glpat-x", transport=httpx.MockTransport(handler)
    ) as gl:
        with pytest.raises(ResponseValidationError) as caught:
            await gl.users.get(1)
    error = caught.value
    assert error.status_code == 200
    assert error.body == payload
    assert isinstance(error.error, pydantic.ValidationError)
    assert error.method == "GET" and error.url.endswith("/api/v4/users/1")
    assert len(seen) == 1  # a schema mismatch is not retried


async def test_valid_payload_through_client() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=raw("user_get_admin.json"))

    async with AsyncGitLab(
        "https://gitlab.example.com", token="glpat-x", transport=httpx.MockTransport(handler)
    ) as gl:
        user = await gl.users.get(1)
    assert type(user) is UserDetailsWithAdmin and user.highest_role == 10


# -- secrets ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "name", "status", "field", "secret"),
    [
        (
            users_impersonation_tokens_create,
            "impersonation_token_created.json",
            201,
            "token",
            "EsMo-vhKfXGwX9RKrwiy",
        ),
        (
            users_personal_access_tokens_create,
            "personal_access_token_created.json",
            201,
            "token",
            "glpat-ggHAXD1eTaLHHNkSxKnh",
        ),
        (
            user_personal_access_tokens_create,
            "own_personal_access_token_created.json",
            201,
            "token",
            "glpat-aaaaaaaaaaaaaaaaaaaa",
        ),
        (
            user_runners_create,
            "runner_registration.json",
            201,
            "token",
            "glrt-KzWP6WlNzRUprM3TQq2Qc5dGEtAw",
        ),
        (user_support_pin_get, "support_pin.json", 200, "pin", "123456"),
    ],
)
def test_secret_response_fields_are_not_in_repr(
    module: ModuleType, name: str, status: int, field: str, secret: str
) -> None:
    model = parse(module, name, status)
    assert getattr(model, field) == secret  # still readable...
    assert model.model_dump()[field] == secret  # ...and serialisable
    assert secret not in repr(model)
    assert secret not in str(model)
    assert f"{field}=" not in repr(model)


@pytest.mark.parametrize(
    "model",
    [
        CreateUserRequest(email="a@example.com", name="A", username="a", password="hunter2-pw"),
        UpdateUserRequest(password="hunter2-pw"),
        CreateUserMultipartRequest(
            email="a@example.com",
            name="A",
            username="a",
            password="hunter2-pw",
            avatar=File(payload=b"x"),
        ),
    ],
    ids=["create", "update", "create-multipart"],
)
def test_password_is_not_in_repr_of_request_models(model: pydantic.BaseModel) -> None:
    assert model.password == "hunter2-pw"  # type: ignore[attr-defined]
    assert "hunter2-pw" not in repr(model)
    assert "hunter2-pw" not in str(model)


@pytest.mark.parametrize(
    "field",
    ["private_token", "token", "feed_token", "password", "new_password", "pin", "client_secret"],
)
def test_unknown_fields_named_like_secrets_are_not_in_repr(field: str) -> None:
    """A field GitLab adds later is not in the schema; its name is enough to hide it."""
    secret = "s3cr3t-value-XYZ"
    basic = {"id": 1, "username": "a", "name": "A", "state": "active", "web_url": "https://g/a"}
    model = UserBasic.model_validate({**basic, field: secret, "pinned": "shown"})
    assert model.model_extra is not None and model.model_extra[field] == secret
    assert secret not in repr(model) and secret not in str(model)
    assert "pinned='shown'" in repr(model)  # "pin" only as a whole word
    assert "username=" in repr(model)
