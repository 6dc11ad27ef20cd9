"""The fake instance's records: users and what hangs off them, as plain dataclasses.

Kept apart from the store (``_store.FakeState``) so that what creates records (the
seed, the routes) and the store itself import them from here, and not each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

INTERNAL_USER_TYPES = frozenset(
    {
        "ghost",
        "alert_bot",
        "support_bot",
        "migration_bot",
        "security_bot",
        "automation_bot",
        "admin_bot",
        "suggested_reviewers_bot",
        "security_policy_bot",
        "duo_code_review_bot",
        "visual_review_bot",
        "llm_bot",
        "placeholder",
        "import_user",
    }
)
BOT_USER_TYPES = INTERNAL_USER_TYPES | {"project_bot", "service_account"}
BLOCKED_STATES = frozenset({"blocked", "ldap_blocked", "banned", "blocked_pending_approval"})
USER_STATES = frozenset(
    {"active", "blocked", "ldap_blocked", "banned", "blocked_pending_approval", "deactivated"}
)
ALL_SCOPES = (
    "api",
    "read_api",
    "read_user",
    "create_runner",
    "manage_runner",
    "k8s_proxy",
    "self_rotate",
    "read_repository",
    "write_repository",
    "read_registry",
    "write_registry",
    "read_virtual_registry",
    "write_virtual_registry",
    "ai_features",
    "ai_workflows",
    "read_service_ping",
    "read_observability",
    "write_observability",
    "sudo",
    "admin_mode",
)
ACCESS_LEVELS = (0, 5, 10, 15, 20, 30, 40, 50)


@dataclass(slots=True, eq=False)
class Identity:
    provider: str
    extern_uid: str
    saml_provider_id: int | None = None
    updated_at: datetime | None = None


@dataclass(slots=True, eq=False)
class UserStatus:
    emoji: str | None = None
    message: str | None = None
    availability: str | None = None
    clear_status_at: datetime | None = None


@dataclass(slots=True, eq=False)
class Preferences:
    id: int
    view_diffs_file_by_file: bool = False
    show_whitespace_in_diffs: bool = True
    pass_user_identities_to_ci_jwt: bool = False
    policy_advanced_editor: bool = False


@dataclass(slots=True, eq=False)
class User:
    """A user record; the routes render it as the entity the caller may see."""

    id: int
    username: str
    name: str
    email: str
    created_at: datetime
    updated_at: datetime
    namespace_id: int
    state: str = "active"
    user_type: str = "human"
    public_email: str | None = ""
    locked: bool = False
    avatar_file: str | None = None
    bio: str = ""
    location: str | None = None
    linkedin: str = ""
    twitter: str = ""
    discord: str = ""
    website_url: str = ""
    github: str = ""
    job_title: str = ""
    pronouns: str | None = None
    organization: str = ""  # user_details.organization: never null (prevent_nil_fields)
    timezone: str | None = None
    last_sign_in_at: datetime | None = None
    confirmed_at: datetime | None = None
    last_activity_on: date | None = None
    current_sign_in_at: datetime | None = None
    theme_id: int = 3
    color_scheme_id: int = 1
    projects_limit: int = 100_000
    can_create_group: bool = True
    two_factor_enabled: bool = False
    external: bool = False
    private_profile: bool = False
    commit_email: str | None = None
    preferred_language: str = "en"
    is_admin: bool = False
    note: str | None = None
    created_by_id: int | None = None
    provisioned_by_project_id: int | None = None
    current_sign_in_ip: str | None = None
    last_sign_in_ip: str | None = None
    sign_in_count: int = 0
    highest_role: int = 0
    password: str | None = None
    password_expires_at: datetime | None = None
    custom_attributes: dict[str, str] | None = None
    identities: list[Identity] | None = None
    status: UserStatus | None = None
    preferences: Preferences | None = None
    issues_count: int = 0
    merge_requests_count: int = 0
    assigned_issues: int = 0
    assigned_merge_requests: int = 0
    review_requested_merge_requests: int = 0
    todos: int = 0
    enabled_following: bool = True
    unconfirmed_email: str | None = None  # an email change waiting for reconfirmation
    # pre-rendered JSON, see _render.py; None = stale
    cache_basic: bytes | None = None
    cache_admin: tuple[bytes, bytes, bytes] | None = None

    @property
    def is_bot(self) -> bool:
        return self.user_type in BOT_USER_TYPES

    @property
    def is_internal(self) -> bool:
        return self.user_type in INTERNAL_USER_TYPES

    @property
    def is_blocked(self) -> bool:
        return self.state in BLOCKED_STATES


@dataclass(slots=True, eq=False)
class SshKey:
    id: int
    user_id: int
    title: str
    key: str
    fingerprint_sha256: str
    fingerprint_md5: str
    created_at: datetime
    updated_at: datetime
    expires_at: datetime | None = None
    last_used_at: datetime | None = None
    usage_type: str = "auth_and_signing"


@dataclass(slots=True, eq=False)
class GpgKey:
    id: int
    user_id: int
    key: str
    created_at: datetime
    updated_at: datetime


@dataclass(slots=True, eq=False)
class Email:
    id: int
    user_id: int
    email: str
    confirmed_at: datetime | None
    created_at: datetime
    updated_at: datetime


@dataclass(slots=True, eq=False)
class Token:
    """A personal or impersonation access token (``token`` is the secret value)."""

    id: int
    user_id: int
    name: str
    token: str
    scopes: list[str]
    created_at: datetime
    updated_at: datetime
    expires_at: date | None = None
    description: str | None = None
    revoked: bool = False
    impersonation: bool = False
    last_used_at: datetime | None = None
    last_used_ips: list[str] = field(default_factory=list)
    previous_id: int | None = None  # the token this one replaced by rotation

    def is_expired(self, today: date) -> bool:
        """``Expirable#expired?``: ``expires_at <= Time.current``, so a token expiring
        today no longer authenticates."""
        return self.expires_at is not None and self.expires_at <= today

    def is_active(self, today: date) -> bool:
        return not self.revoked and not self.is_expired(today)


@dataclass(slots=True, eq=False)
class Application:
    """An OAuth application owned by a user (``/user/applications``)."""

    id: int
    owner_id: int
    uid: str
    secret: str
    name: str
    redirect_uri: str
    scopes: str
    confidential: bool
    created_at: datetime


@dataclass(slots=True, eq=False)
class Group:
    id: int
    name: str
    path: str


@dataclass(slots=True, eq=False)
class Project:
    id: int
    name: str
    path: str
    owner_id: int
    namespace_id: int
    namespace_path: str
    namespace_name: str
    namespace_kind: str
    visibility: str
    description: str | None
    created_at: datetime
    updated_at: datetime
    last_activity_at: datetime
    star_count: int = 0
    forks_count: int = 0
    archived: bool = False
    topics: list[str] = field(default_factory=list)
    default_branch: str = "main"


@dataclass(slots=True, eq=False)
class Membership:
    source_id: int
    source_name: str
    source_type: str  # "Project" or "Namespace"
    access_level: int


@dataclass(slots=True, eq=False)
class DeployKey:
    id: int
    project_id: int
    title: str
    key: str
    fingerprint_sha256: str
    fingerprint_md5: str
    created_at: datetime
    expires_at: datetime | None = None
    usage_type: str = "auth"


@dataclass(slots=True, eq=False)
class Event:
    id: int
    author_id: int
    project_id: int | None
    action_name: str
    target_type: str | None
    target_id: int | None
    target_iid: int | None
    target_title: str | None
    created_at: datetime


@dataclass(slots=True, eq=False)
class SupportPin:
    pin: str
    expires_at: datetime


@dataclass(slots=True, eq=False)
class Runner:
    id: int
    user_id: int
    runner_type: str
    token: str
    description: str | None
    tag_list: list[str]
    created_at: datetime


@dataclass
class SeedResult:
    """What ``FakeState.seed_users`` hands back: the credentials of the two fixed users."""

    admin_token: str
    user_token: str
    admin_id: int
    user_id: int
    admin_username: str
    user_username: str
    users: int
