"""In-memory data model of the fake instance: the store and its indexes (the records it
holds are in ``_records``).

Why records and indexes instead of JSON blobs: GitLab answers the same user with different
entities depending on who asks (UserBasic, UserProfile, UserWithAdmin, ...), and filters,
sort orders and keyset cursors need typed fields. Related objects (keys, emails, tokens,
memberships, follows) live in per-user maps on the store, so a seeded user without them costs
nothing; this is what makes 100,000 users cheap.

Performance: list pages are assembled from per-user pre-rendered JSON bytes (see
:mod:`._render`); ``touch`` and ``invalidate`` drop those bytes whenever anything they show
changes, and bump ``version`` so cached sort orders are rebuilt.

Thread safety: the loopback server runs in another thread, so every mutation happens under
``FakeState.lock`` (an ``RLock``); request handlers run entirely inside it.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from ._config import FakeConfig
from ._faults import FaultEngine, Faults, Stats
from ._http import parse_int
from ._records import (
    Application,
    DeployKey,
    Email,
    Event,
    GpgKey,
    Group,
    Membership,
    Preferences,
    Project,
    Runner,
    SeedResult,
    SshKey,
    SupportPin,
    Token,
    User,
)
from ._util import Clock


class FakeState:
    """The whole fake GitLab instance: data, configuration, fault engine and statistics.

    Create it, seed it (``seed_users``), then serve it with ``create_app(state)``.
    """

    def __init__(self, config: FakeConfig | None = None, faults: Faults | None = None) -> None:
        self.config: FakeConfig = config or FakeConfig()
        self.engine: FaultEngine = FaultEngine(faults)
        self.stats: Stats = Stats()
        self.lock: threading.RLock = threading.RLock()
        self.version: int = 0  # bumped on any change that can affect a sort order or filter
        self.users: dict[int, User] = {}
        self.user_ids: list[int] = []  # ascending
        self.username_index: dict[str, int] = {}
        self.email_index: dict[str, int] = {}  # primary and secondary emails, lowercased
        self.tokens: dict[str, Token] = {}
        self.tokens_by_id: dict[int, Token] = {}
        self.tokens_by_user: dict[int, list[Token]] = {}
        self.ssh_keys: dict[int, SshKey] = {}
        self.ssh_keys_by_user: dict[int, list[SshKey]] = {}
        self.ssh_fingerprints: set[str] = set()
        self.gpg_keys: dict[int, GpgKey] = {}
        self.gpg_keys_by_user: dict[int, list[GpgKey]] = {}
        self.emails: dict[int, Email] = {}
        self.emails_by_user: dict[int, list[Email]] = {}
        self.followers: dict[int, set[int]] = {}
        self.following: dict[int, set[int]] = {}
        self.memberships: dict[int, list[Membership]] = {}
        self.groups: dict[int, Group] = {}
        self.group_members: dict[int, dict[int, int]] = {}
        self.projects: dict[int, Project] = {}
        self.project_members: dict[int, dict[int, int]] = {}
        self.projects_by_owner: dict[int, list[int]] = {}
        self.starred: dict[int, list[int]] = {}
        self.contributed: dict[int, list[int]] = {}
        self.deploy_keys: dict[int, list[DeployKey]] = {}
        self.events: dict[int, list[Event]] = {}
        self.support_pins: dict[int, SupportPin] = {}
        self.applications: dict[int, Application] = {}
        self.runners: list[Runner] = []
        self.creators: set[int] = set()
        self.sorted_cache: dict[str, tuple[int, list[tuple[Any, int]]]] = {}
        self._ids: dict[str, int] = {}
        self.seeded: SeedResult | None = None

    # -- plumbing ------------------------------------------------------------------------
    @property
    def clock(self) -> Clock:
        return self.config.clock

    def now(self) -> datetime:
        return self.config.clock.now()

    def next_id(self, kind: str) -> int:
        n = self._ids.get(kind, 0) + 1
        self._ids[kind] = n
        return n

    def bump_id(self, kind: str, at_least: int) -> None:
        if self._ids.get(kind, 0) < at_least:
            self._ids[kind] = at_least

    def random_token(self, prefix: str = "glpat-") -> str:
        return prefix + secrets.token_urlsafe(15)[:20]

    # -- users ----------------------------------------------------------------------------
    def add_user_record(self, user: User) -> User:
        """Insert a fully built record (ids must be increasing)."""
        self.users[user.id] = user
        if self.user_ids and user.id < self.user_ids[-1]:
            import bisect

            bisect.insort(self.user_ids, user.id)
        else:
            self.user_ids.append(user.id)
        self.username_index[user.username.lower()] = user.id
        self.email_index[user.email.lower()] = user.id
        if user.created_by_id is not None:
            self.creators.add(user.created_by_id)
        self.bump_id("user", user.id)
        self.bump_id("namespace", user.namespace_id)
        self.version += 1
        return user

    def find_user(self, id_or_username: str | int) -> User | None:
        """``UserFinder#find_by_id_or_username``: an all-digit string is always an ID."""
        if isinstance(id_or_username, int):
            return self.users.get(id_or_username)
        if id_or_username.isascii() and id_or_username.isdigit():
            n = parse_int(id_or_username)
            return None if n is None else self.users.get(n)
        uid = self.username_index.get(id_or_username.lower())
        return None if uid is None else self.users.get(uid)

    def iter_users(self) -> Iterator[User]:
        users = self.users
        for uid in self.user_ids:
            yield users[uid]

    def invalidate(self, user: User) -> None:
        """Drop the pre-rendered JSON of ``user`` (and of users it created)."""
        user.cache_basic = None
        user.cache_admin = None
        if user.id in self.creators:
            for other in self.users.values():
                if other.created_by_id == user.id:
                    other.cache_admin = None

    def touch(self, user: User) -> None:
        """Record a change of ``user``: new ``updated_at``, caches dropped, orders rebuilt."""
        now = self.now()
        if now <= user.updated_at:
            now = user.updated_at + timedelta(milliseconds=1)
        user.updated_at = now
        self.invalidate(user)
        self.version += 1

    def rename_username(self, user: User, new: str) -> None:
        self.username_index.pop(user.username.lower(), None)
        user.username = new
        self.username_index[new.lower()] = user.id

    def change_email(self, user: User, new: str) -> None:
        """Make ``new`` the primary email; the old one stays listed if it has an emails row."""
        old = user.email.lower()
        kept = any(e.email.lower() == old for e in self.emails_by_user.get(user.id, ()))
        if self.email_index.get(old) == user.id and not kept:
            del self.email_index[old]
        user.email = new
        user.unconfirmed_email = None
        self.email_index[new.lower()] = user.id

    def primary_email_record(self, user: User) -> Email:
        """The emails row GitLab keeps for the primary address (created on first use)."""
        rows = self.emails_by_user.setdefault(user.id, [])
        for e in rows:
            if e.email.lower() == user.email.lower():
                e.confirmed_at = e.confirmed_at or user.confirmed_at
                return e
        e = Email(
            self.next_id("email"),
            user.id,
            user.email,
            user.confirmed_at,
            user.created_at,
            user.created_at,
        )
        self.emails[e.id] = e
        rows.insert(0, e)
        return e

    def emails_of(self, user: User) -> list[Email]:
        """``user.emails`` as GitLab lists it: the primary email first, then the others."""
        primary = self.primary_email_record(user)
        return [primary, *(e for e in self.emails_by_user[user.id] if e is not primary)]

    def email_holder(self, email: str, except_user: int | None = None) -> tuple[User, bool] | None:
        """Another user holding ``email``, and whether GitLab's 409 check counts it.

        ``User.by_any_email`` in the create/update conflict check matches primary emails and
        confirmed secondary ones; an unconfirmed secondary email is only caught later by the
        model's uniqueness validation (400).
        """
        uid = self.email_index.get(email.lower())
        if uid is None or uid == except_user or uid not in self.users:
            return None
        holder = self.users[uid]
        if holder.email.lower() == email.lower():
            return holder, True
        for e in self.emails_by_user.get(uid, ()):
            if e.email.lower() == email.lower():
                return holder, e.confirmed_at is not None
        return holder, True

    def email_taken(self, email: str, except_user: int | None = None) -> bool:
        owner = self.email_index.get(email.lower())
        return owner is not None and owner != except_user

    def remove_user(self, user: User) -> None:
        uid = user.id
        self.users.pop(uid, None)
        import bisect

        i = bisect.bisect_left(self.user_ids, uid)
        if i < len(self.user_ids) and self.user_ids[i] == uid:
            del self.user_ids[i]
        self.username_index.pop(user.username.lower(), None)
        for key, owner in list(self.email_index.items()):
            if owner == uid:
                del self.email_index[key]
        for tok in self.tokens_by_user.pop(uid, []):
            self.tokens.pop(tok.token, None)
            self.tokens_by_id.pop(tok.id, None)
        for k in self.ssh_keys_by_user.pop(uid, []):
            self.ssh_keys.pop(k.id, None)
            self.ssh_fingerprints.discard(k.fingerprint_sha256)
        for g in self.gpg_keys_by_user.pop(uid, []):
            self.gpg_keys.pop(g.id, None)
        for e in self.emails_by_user.pop(uid, []):
            self.emails.pop(e.id, None)
        for other in self.followers.pop(uid, set()):
            self.following.get(other, set()).discard(uid)
            if other in self.users:
                self.invalidate(self.users[other])
        for other in self.following.pop(uid, set()):
            self.followers.get(other, set()).discard(uid)
            if other in self.users:
                self.invalidate(self.users[other])
        for m in self.memberships.pop(uid, []):
            table = self.group_members if m.source_type == "Namespace" else self.project_members
            table.get(m.source_id, {}).pop(uid, None)
        self.support_pins.pop(uid, None)
        for app_id in [a.id for a in self.applications.values() if a.owner_id == uid]:
            del self.applications[app_id]
        self.events.pop(uid, None)
        self.starred.pop(uid, None)
        self.contributed.pop(uid, None)
        self.version += 1

    def add_membership(
        self, user_id: int, source_type: str, source_id: int, access_level: int
    ) -> None:
        if source_type == "Namespace":
            name = self.groups[source_id].name
            self.group_members.setdefault(source_id, {})[user_id] = access_level
        else:
            name = self.projects[source_id].name
            self.project_members.setdefault(source_id, {})[user_id] = access_level
        self.memberships.setdefault(user_id, []).append(
            Membership(source_id, name, source_type, access_level)
        )
        user = self.users.get(user_id)
        if user is not None and access_level > user.highest_role:
            user.highest_role = access_level

    def follow(self, follower: User, followee: User) -> None:
        self.following.setdefault(follower.id, set()).add(followee.id)
        self.followers.setdefault(followee.id, set()).add(follower.id)
        self.invalidate(follower)
        self.invalidate(followee)

    def unfollow(self, follower: User, followee: User) -> None:
        self.following.get(follower.id, set()).discard(followee.id)
        self.followers.get(followee.id, set()).discard(follower.id)
        self.invalidate(follower)
        self.invalidate(followee)

    def preferences_of(self, user: User) -> Preferences:
        if user.preferences is None:
            user.preferences = Preferences(id=user.id)
        return user.preferences

    # -- tokens ---------------------------------------------------------------------------
    def add_token(
        self,
        user_id: int,
        scopes: list[str] | tuple[str, ...] = ("api",),
        *,
        token: str | None = None,
        name: str = "fake token",
        expires_at: date | None = None,
        impersonation: bool = False,
        description: str | None = None,
        revoked: bool = False,
        previous_id: int | None = None,
    ) -> Token:
        """Create a personal (or impersonation) access token for ``user_id``."""
        with self.lock:
            if user_id not in self.users:
                raise KeyError(f"no user {user_id}")
            value = token or self.random_token()
            if value in self.tokens:
                raise ValueError("token value already exists")
            now = self.now()
            rec = Token(
                id=self.next_id("token"),
                user_id=user_id,
                name=name,
                token=value,
                scopes=list(scopes),
                created_at=now,
                updated_at=now,
                expires_at=expires_at,
                description=description,
                revoked=revoked,
                impersonation=impersonation,
                previous_id=previous_id,
            )
            self.tokens[value] = rec
            self.tokens_by_id[rec.id] = rec
            self.tokens_by_user.setdefault(user_id, []).append(rec)
            return rec

    def revoke_token(self, token: str) -> None:
        with self.lock:
            self.revoke(self.tokens[token])

    def revoke(self, rec: Token) -> None:
        """``PersonalAccessToken#revoke!`` (also of a token revoked before)."""
        rec.revoked = True
        rec.updated_at = self.now()

    def revoke_successors(self, rec: Token) -> None:
        """``RevokeTokenFamilyService``: a rotated token was used again, so every token
        rotated from it is revoked too (the old value may have leaked)."""
        family = {rec.id}
        for other in sorted(self.tokens_by_id.values(), key=lambda t: t.id):
            if other.previous_id in family:
                family.add(other.id)
                if not other.revoked:
                    self.revoke(other)

    # -- public conveniences ------------------------------------------------------------------
    def seed_users(
        self,
        n: int = 100,
        *,
        seed: int = 0,
        admin_token: str = "glpat-fake-admin-token",  # noqa: S107 (a fake's fixed credential)
        user_token: str = "glpat-fake-user-token",  # noqa: S107
    ) -> SeedResult:
        """Populate the instance with ``n`` users (at least the admin ``root`` and one regular
        user). Deterministic for a given ``seed``. Returns both tokens."""
        from ._seed import seed_state

        with self.lock:
            result = seed_state(self, n, seed=seed, admin_token=admin_token, user_token=user_token)
            self.seeded = result
            return result

    def user_json(self, user_id: int) -> dict[str, Any]:
        """The admin view (``UserDetailsWithAdmin``) of a user, as GitLab would render it."""
        from ._render import render_user

        with self.lock:
            user = self.users[user_id]
            return render_user(self, user, "details_with_admin", None)

    def set_faults(self, faults: Faults) -> None:
        self.engine.set_faults(faults)

    @property
    def faults(self) -> Faults:
        return self.engine.faults

    def open_rate_limit_window(
        self, seconds: float, start_at_request: int | None = None, retry_after: str = "seconds"
    ) -> None:
        """Answer every API request with 429 for ``seconds`` (see ``FaultEngine.open_window``)."""
        self.engine.open_window(seconds, start_at_request, retry_after, now=self.clock.time())

    def reset_stats(self) -> None:
        self.stats.reset()
