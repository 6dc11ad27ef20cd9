"""Set-up helpers for the expectations ported from GitLab's request specs.

GitLab's specs build records with factories; these helpers put the same records straight
into the fake's state, so every ported test reads like its ``let``/``before`` block followed
by the HTTP call it checks.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gitlab_users_client.testing import FakeGitLab, Token, User
from gitlab_users_client.testing._records import DeployKey, Email, Group, Project

USERS_SPEC = "spec/requests/api/users_spec.rb"
ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@host"
GPG = (
    "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxsBNBFVjnlIBCACibzXOLCiZiL2oyzYUaTOC\n=XQoy\n"
    "-----END PGP PUBLIC KEY BLOCK-----"
)
STRONG_PASSWORD = "Vq7#nZ2!pR9x"


def add_user(fake: FakeGitLab, username: str, **fields: object) -> User:
    """``create(:user, ...)``: a confirmed, active human unless ``fields`` say otherwise."""
    st = fake.state
    now = st.now()
    values: dict[str, object] = {
        "name": username.replace("_", " ").title(),
        "email": f"{username}@spec.example",
        "confirmed_at": now - timedelta(days=400),
        "last_activity_on": (now - timedelta(days=200)).date(),
        **fields,
    }
    user = User(
        id=st.next_id("user"),
        username=username,
        created_at=now - timedelta(days=500),
        updated_at=now - timedelta(days=1),
        namespace_id=st.next_id("namespace"),
        **values,  # type: ignore[arg-type]
    )
    return st.add_user_record(user)


def token_of(fake: FakeGitLab, user: User, *scopes: str) -> str:
    """``create(:personal_access_token, user:, scopes:)`` (``api`` by default)."""
    token: Token = fake.state.add_token(user.id, scopes or ("api",))
    return token.token


def add_email(fake: FakeGitLab, user: User, address: str, *, confirmed: bool) -> Email:
    """``create(:email, [:confirmed,] user:, email:)``."""
    st = fake.state
    now = st.now()
    e = Email(st.next_id("email"), user.id, address, now if confirmed else None, now, now)
    st.emails[e.id] = e
    st.emails_by_user.setdefault(user.id, []).append(e)
    st.email_index[address.lower()] = user.id
    return e


def add_group(fake: FakeGitLab, path: str) -> Group:
    st = fake.state
    gid = st.next_id("group")
    st.groups[gid] = Group(gid, path.title(), path)
    return st.groups[gid]


def add_project(fake: FakeGitLab, owner: User, path: str, *, visibility: str = "public") -> Project:
    """``create(:project, namespace: owner.namespace)``; the owner is its Owner member."""
    st = fake.state
    pid = st.next_id("project")
    when = datetime(2025, 6, 1, tzinfo=UTC) + timedelta(hours=pid)
    st.projects[pid] = Project(
        id=pid,
        name=path,
        path=path,
        owner_id=owner.id,
        namespace_id=owner.namespace_id,
        namespace_path=owner.username,
        namespace_name=owner.name,
        namespace_kind="user",
        visibility=visibility,
        description=None,
        created_at=when,
        updated_at=when,
        last_activity_at=when,
    )
    st.projects_by_owner.setdefault(owner.id, []).append(pid)
    st.add_membership(owner.id, "Project", pid, 50)
    return st.projects[pid]


def add_deploy_key(fake: FakeGitLab, project: Project, title: str) -> DeployKey:
    """``create(:deploy_keys_project, project:, deploy_key:)``."""
    st = fake.state
    key = DeployKey(
        id=st.next_id("deploy_key"),
        project_id=project.id,
        title=title,
        key=ED25519,
        fingerprint_sha256="SHA256:spec",
        fingerprint_md5="00:11",
        created_at=st.now(),
    )
    st.deploy_keys.setdefault(project.id, []).append(key)
    return key


PAT_SPEC = "spec/requests/api/personal_access_tokens_spec.rb"


def empty_fake(clock: object | None = None) -> FakeGitLab:
    """An instance with no users and no tokens, for specs that count every token."""
    from gitlab_users_client.testing import FakeConfig, FakeState, create_app

    config = FakeConfig() if clock is None else FakeConfig(clock=clock)  # type: ignore[arg-type]
    state = FakeState(config)
    return FakeGitLab(state, create_app(state), "", "")


def add_token(fake: FakeGitLab, user: User, **fields: object) -> Token:
    """``create(:personal_access_token, user:, ...)``: scopes ``api``, expiring in 5 days
    (the factory's defaults); ``created_at``/``last_used_at`` and the like are set after."""
    st = fake.state
    scopes = fields.pop("scopes", ("api",))
    expires_at = fields.pop("expires_at", st.clock.today() + timedelta(days=5))
    token = st.add_token(
        user.id,
        scopes,  # type: ignore[arg-type]
        name=str(fields.pop("name", "token")),
        expires_at=expires_at,  # type: ignore[arg-type]
        revoked=bool(fields.pop("revoked", False)),
        impersonation=bool(fields.pop("impersonation", False)),
        previous_id=fields.pop("previous_id", None),  # type: ignore[arg-type]
    )
    for name, value in fields.items():
        setattr(token, name, value)
    return token
