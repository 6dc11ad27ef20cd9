"""Entity rendering: the Grape entities of reference §2 as plain dicts / JSON bytes.

The user chain is built field by field in GitLab's order (a subclass appends after its
parent): UserSafe → UserBasic → User → UserProfile | UserPublic → UserWithAdmin →
UserDetailsWithAdmin. Which view a route uses, and for which caller, is decided by the routes.

List pages are the hot path (``GET /users?per_page=100``), so the two list views are cached as
bytes per user: UserBasic fully, UserWithAdmin in three slices around the two viewer- or
time-dependent values (``is_followed`` and ``local_time``), which are spliced in per request.
"""

from __future__ import annotations

import hashlib
import html
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ._text import render_markdown
from ._util import dumps, iso, iso_date

if TYPE_CHECKING:
    from ._records import DeployKey, Email, Event, GpgKey, Project, SshKey, Token, User
    from ._store import FakeState

_ISF = "\x00is_followed\x00"
_LT = "\x00local_time\x00"
_ISF_B = dumps(_ISF)
_LT_B = dumps(_LT)
_ZONES: dict[str, ZoneInfo] = {}


def avatar_url(st: FakeState, u: User) -> str:
    if u.avatar_file:
        return f"{st.config.web_url}/uploads/-/system/user/avatar/{u.id}/{u.avatar_file}"
    digest = hashlib.sha256(u.email.strip().lower().encode()).hexdigest()
    return f"https://www.gravatar.com/avatar/{digest}?s=80&d=identicon"


def local_time(u: User, now: datetime | None = None) -> str | None:
    if not u.timezone:
        return None
    zone = _ZONES.get(u.timezone)
    if zone is None:
        zone = _ZONES[u.timezone] = ZoneInfo(u.timezone)
    t = (now or datetime.now(UTC)).astimezone(zone)
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def bio_html(u: User) -> str:
    """``markdown_field(user_detail, :bio)``: the bio rendered as Markdown."""
    return render_markdown(u.bio) if u.bio else ""


def work_information(u: User) -> str | None:
    if u.job_title and u.organization:
        return f"{u.job_title} at {u.organization}"
    return u.job_title or u.organization or None


def custom_attributes(u: User) -> list[dict[str, str]]:
    return [{"key": k, "value": v} for k, v in (u.custom_attributes or {}).items()]


def can_read_profile(u: User, viewer: User | None) -> bool:
    if not u.private_profile:
        return True
    return viewer is not None and (viewer.is_admin or viewer.id == u.id)


def render_user(
    st: FakeState,
    u: User,
    view: str,
    viewer: User | None,
    *,
    with_custom_attributes: bool = False,
    _placeholders: bool = False,
) -> dict[str, Any]:
    """Render ``u`` as one of: safe, basic, user, profile, public, with_admin, details_with_admin."""
    d: dict[str, Any] = {
        "id": u.id,
        "username": u.username,
        "public_email": u.public_email,
        "name": u.name,
    }
    if view == "safe":
        return d
    d["state"] = u.state
    d["locked"] = u.locked
    d["avatar_url"] = avatar_url(st, u)
    if with_custom_attributes:
        d["custom_attributes"] = custom_attributes(u)
    d["web_url"] = f"{st.config.web_url}/{u.username}"
    if view == "basic":
        return d
    readable = _placeholders or can_read_profile(u, viewer)
    if readable:
        d["created_at"] = iso(u.created_at)
    d["bio"] = u.bio
    d["location"] = u.location
    d["linkedin"] = u.linkedin
    d["twitter"] = u.twitter
    d["discord"] = u.discord
    d["website_url"] = u.website_url
    d["github"] = u.github
    d["job_title"] = u.job_title
    d["pronouns"] = u.pronouns
    d["organization"] = u.organization
    d["bot"] = u.is_bot
    d["work_information"] = work_information(u)
    following_allowed = u.enabled_following and (viewer is None or viewer.enabled_following)
    if readable and following_allowed:
        d["followers"] = len(st.followers.get(u.id, ()))
        d["following"] = len(st.following.get(u.id, ()))
        if _placeholders:
            d["is_followed"] = _ISF
        elif viewer is not None:
            d["is_followed"] = viewer.id in st.followers.get(u.id, ())
    d["local_time"] = _LT if _placeholders else local_time(u, st.now())
    if view == "user":
        return d
    if view == "profile":
        d["bio_html"] = bio_html(u)
        return d
    d["last_sign_in_at"] = iso(u.last_sign_in_at)
    d["confirmed_at"] = iso(u.confirmed_at)
    d["last_activity_on"] = iso_date(u.last_activity_on)
    d["email"] = u.email
    d["theme_id"] = u.theme_id
    d["color_scheme_id"] = u.color_scheme_id
    d["projects_limit"] = u.projects_limit
    d["current_sign_in_at"] = iso(u.current_sign_in_at)
    d["identities"] = [
        {"provider": i.provider, "extern_uid": i.extern_uid} for i in u.identities or ()
    ]
    d["can_create_group"] = u.can_create_group
    d["can_create_project"] = u.projects_limit > len(st.projects_by_owner.get(u.id, ()))
    d["two_factor_enabled"] = u.two_factor_enabled
    d["external"] = u.external
    d["private_profile"] = u.private_profile
    d["commit_email"] = u.commit_email or u.email
    d["preferred_language"] = u.preferred_language
    if view == "public":
        return d
    d["is_admin"] = u.is_admin
    d["note"] = u.note
    d["namespace_id"] = u.namespace_id
    creator = st.users.get(u.created_by_id) if u.created_by_id is not None else None
    d["created_by"] = render_user(st, creator, "basic", None) if creator is not None else None
    # Documented for administrators since 19.3 (doc/api/users.md); null unless a project
    # (a service account's) provisioned the user.
    d["provisioned_by_project_id"] = u.provisioned_by_project_id
    if view == "with_admin":
        return d
    d["bio_html"] = bio_html(u)
    d["highest_role"] = u.highest_role
    d["current_sign_in_ip"] = u.current_sign_in_ip
    d["last_sign_in_ip"] = u.last_sign_in_ip
    d["sign_in_count"] = u.sign_in_count
    return d


def basic_bytes(st: FakeState, u: User) -> bytes:
    b = u.cache_basic
    if b is None:
        b = u.cache_basic = dumps(render_user(st, u, "basic", None))
    return b


def admin_list_bytes(st: FakeState, u: User, viewer: User, now: datetime) -> bytes:
    parts = u.cache_admin
    if parts is None:
        raw = dumps(render_user(st, u, "with_admin", viewer, _placeholders=True))
        head, rest = raw.split(_ISF_B, 1)
        mid, tail = rest.split(_LT_B, 1)
        parts = u.cache_admin = (head, mid, tail)
    followed = b"true" if viewer.id in st.followers.get(u.id, ()) else b"false"
    lt = local_time(u, now)
    return parts[0] + followed + parts[1] + (dumps(lt) if lt else b"null") + parts[2]


def ssh_key(k: SshKey, user_name: str, host: str) -> dict[str, Any]:
    parts = k.key.split()
    publishable = " ".join([*parts[:2], f"{user_name} ({host})"])
    return {
        "id": k.id,
        "title": k.title,
        "created_at": iso(k.created_at),
        "expires_at": iso(k.expires_at),
        "last_used_at": iso(k.last_used_at),
        "key": publishable,
        "usage_type": k.usage_type,
    }


def deploy_key(k: DeployKey) -> dict[str, Any]:
    return {
        "id": k.id,
        "title": k.title,
        "created_at": iso(k.created_at),
        "expires_at": iso(k.expires_at),
        "last_used_at": None,
        "key": k.key,
        "usage_type": k.usage_type,
        "fingerprint": k.fingerprint_md5,
        "fingerprint_sha256": k.fingerprint_sha256,
        "project_id": k.project_id,
    }


def gpg_key(k: GpgKey) -> dict[str, Any]:
    return {"id": k.id, "key": k.key, "created_at": iso(k.created_at)}


def email(e: Email) -> dict[str, Any]:
    return {"id": e.id, "email": e.email, "confirmed_at": iso(e.confirmed_at)}


def token(
    t: Token, today: Any, *, with_token: bool = False, impersonation_field: bool = True
) -> dict[str, Any]:
    """``Entities::PersonalAccessToken`` and its subclasses. ``impersonation`` belongs to the
    impersonation token entities only (the ``/users/:id/impersonation_tokens`` routes)."""
    d: dict[str, Any] = {
        "id": t.id,
        "name": t.name,
        "revoked": t.revoked,
        "created_at": iso(t.created_at),
        "description": t.description,
        "scopes": list(t.scopes),
        "user_id": t.user_id,
        "last_used_at": iso(t.last_used_at),
        "last_used_ips": list(t.last_used_ips),
        "active": t.is_active(today),
        "granular": False,
        "expires_at": iso_date(t.expires_at),
    }
    if t.impersonation and impersonation_field:
        d["impersonation"] = True
    if with_token:
        d["token"] = t.token
    return d


def user_status(st: FakeState, u: User) -> dict[str, Any]:
    s = u.status
    if s is not None and s.clear_status_at is not None and s.clear_status_at <= st.now():
        u.status = s = None
    if s is None:
        return {
            "emoji": None,
            "message": None,
            "availability": None,
            "message_html": None,
            "clear_status_at": None,
        }
    return {
        "emoji": s.emoji,
        "message": s.message,
        "availability": s.availability,
        "message_html": html.escape(s.message) if s.message is not None else None,
        "clear_status_at": iso(s.clear_status_at),
    }


def project(st: FakeState, p: Project, *, full: bool, viewer: User | None) -> dict[str, Any]:
    web = st.config.web_url
    host = web.split("://", 1)[-1]
    path_ns = f"{p.namespace_path}/{p.path}"
    d: dict[str, Any] = {
        "id": p.id,
        "description": p.description,
        "name": p.name,
        "name_with_namespace": f"{p.namespace_name} / {p.name}",
        "path": p.path,
        "path_with_namespace": path_ns,
        "created_at": iso(p.created_at),
        "default_branch": p.default_branch,
        "tag_list": list(p.topics),
        "topics": list(p.topics),
        "ssh_url_to_repo": f"git@{host}:{path_ns}.git",
        "http_url_to_repo": f"{web}/{path_ns}.git",
        "web_url": f"{web}/{path_ns}",
        "readme_url": f"{web}/{path_ns}/-/blob/{p.default_branch}/README.md",
        "forks_count": p.forks_count,
        "avatar_url": None,
        "star_count": p.star_count,
        "last_activity_at": iso(p.last_activity_at),
        "visibility": p.visibility,
        "namespace": {
            "id": p.namespace_id,
            "name": p.namespace_name,
            "path": p.namespace_path,
            "kind": p.namespace_kind,
            "full_path": p.namespace_path,
            "parent_id": None,
            "avatar_url": None,
            "web_url": f"{web}/{p.namespace_path}",
        },
    }
    if not full:
        return d
    owner = st.users.get(p.owner_id)
    d["archived"] = p.archived
    d["updated_at"] = iso(p.updated_at)
    d["owner"] = render_user(st, owner, "basic", None) if owner is not None else None
    d["open_issues_count"] = (p.id * 7) % 23
    d["creator_id"] = p.owner_id
    d["empty_repo"] = False
    level = st.project_members.get(p.id, {}).get(viewer.id) if viewer is not None else None
    d["permissions"] = {
        "project_access": (
            None if level is None else {"access_level": level, "notification_level": 3}
        ),
        "group_access": None,
    }
    return d


def event(st: FakeState, e: Event) -> dict[str, Any]:
    author = st.users.get(e.author_id)
    return {
        "id": e.id,
        "project_id": e.project_id,
        "action_name": e.action_name,
        "target_id": e.target_id,
        "target_iid": e.target_iid,
        "target_type": e.target_type,
        "author_id": e.author_id,
        "target_title": e.target_title,
        "created_at": iso(e.created_at),
        "author": render_user(st, author, "basic", None) if author is not None else None,
        "imported": False,
        "imported_from": "none",
        "author_username": author.username if author is not None else None,
    }
