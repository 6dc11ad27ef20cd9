"""Helpers shared by the route modules: lookups, preconditions, throttles and the model
validations of users, keys and emails (GitLab's ActiveRecord messages)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from ._http import (
    ApiError,
    P,
    UploadedFile,
    message_error,
    not_found,
    parse_datetime,
    parse_int,
)
from ._records import Email, GpgKey, SshKey, User
from ._routing import Ctx, bytes_out, json_out
from ._text import sanitize_profile_field
from ._util import dumps

if TYPE_CHECKING:
    from ._routing import Out
    from ._store import FakeState

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+$")
USERNAME_RE = re.compile(r"^[a-zA-Z0-9_.][a-zA-Z0-9_\-.]*$")
USERNAME_MESSAGE = (
    "can contain only letters, digits, '_', '-' and '.'. Cannot start with '-' or end in "
    "'.', '.git' or '.atom'."
)
SSH_KEY_RE = re.compile(
    r"^(ssh-rsa|ssh-dss|ssh-ed25519|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521|"
    r"sk-ecdsa-sha2-nistp256@openssh\.com|sk-ssh-ed25519@openssh\.com)\s+([A-Za-z0-9+/=]+)(\s+.*)?$"
)
WEAK_PASSWORD_MESSAGE = "must not contain commonly used combinations of words and letters"  # noqa: S105
FORBIDDEN_PASSWORD_WORDS = ("gitlab", "devops")
# A few entries of GitLab's list of leaked passwords (it ships SHA-256 digests of 4,500+).
WEAK_PASSWORDS = frozenset(
    {
        "password",
        "password1",
        "password12",
        "password123",
        "passw0rd",
        "12345678",
        "123456789",
        "1234567890",
        "11111111",
        "00000000",
        "87654321",
        "qwertyui",
        "qwertyuiop",
        "qwerty123",
        "1q2w3e4r",
        "abc12345",
        "abcd1234",
        "admin123",
        "iloveyou",
        "sunshine",
        "princess",
        "football",
        "baseball",
        "welcome1",
        "letmein1",
        "trustno1",
        "superman",
        "starwars",
    }
)
# Gitlab::Themes and Gitlab::ColorSchemes ids.
THEME_IDS = frozenset(range(1, 12))
COLOR_SCHEME_IDS = frozenset(range(1, 7))
AVATAR_EXTENSIONS = ("png", "jpg", "jpeg", "gif", "bmp", "tiff", "ico", "webp")
# UserDetail validations (app/models/user_detail.rb): DEFAULT_FIELD_LENGTH (500) for the
# profile links, location and organization, 50 for pronouns; `note` is the User model's.
# `github` is not in the versions of user_detail.rb read; it is held to its siblings' limit.
PROFILE_FIELD_LIMITS = {
    "discord": 500,
    "linkedin": 500,
    "twitter": 500,
    "website_url": 500,
    "github": 500,
    "location": 500,
    "organization": 500,
    "pronouns": 50,
    "note": 500,
}
# UserDetail#discord_format: a Discord user ID is 17 to 20 digits.
DISCORD_RE = re.compile(r"\A\d{17,20}\Z")
# UserDetail#sanitize_attrs: Sanitize.clean before validation (location and organization
# also turn `&amp;` back into `&`).
SANITIZED_PROFILE_FIELDS = (
    "discord",
    "linkedin",
    "twitter",
    "website_url",
    "github",
    "location",
    "organization",
)
RATE_LIMIT_BODY = {
    "message": {"error": "This endpoint has been requested too many times. Try again later."}
}

USER_ATTRIBUTE_SPECS: tuple[P, ...] = (
    P("linkedin"),
    P("twitter"),
    P("discord"),
    P("website_url"),
    P("github"),
    P("organization"),
    P("projects_limit", "int"),
    P("extern_uid"),
    P("provider"),
    P("bio"),
    P("location"),
    P("pronouns"),
    P("public_email"),
    P("commit_email"),
    P("admin", "bool"),
    P("can_create_group", "bool"),
    P("external", "bool"),
    P("avatar", "file"),
    P("theme_id", "int"),
    P("color_scheme_id", "int"),
    P("private_profile", "bool"),
    P("note"),
    P("view_diffs_file_by_file", "bool"),
    P("policy_advanced_editor", "bool"),
)


def sanitize_profile(v: dict[str, Any]) -> None:
    """Apply ``UserDetail#sanitize_attrs`` to the declared parameters in place."""
    for field in SANITIZED_PROFILE_FIELDS:
        value = v.get(field)
        if isinstance(value, str):
            v[field] = sanitize_profile_field(field, value)


def max_token_expiry(st: FakeState) -> date:
    """``PersonalAccessToken.max_expiration_lifetime_in_days.days.from_now``: the expiry
    a new token gets by default and the latest one the model accepts."""
    return st.clock.today() + timedelta(days=st.config.max_token_lifetime_days)


def token_expiry_errors(st: FakeState, expires_at: date | None) -> dict[str, list[str]]:
    """``PersonalAccessToken#expires_at_before_instance_max_expiry_date`` (on create).

    A date in the past is valid: the token is created and is inactive from the start.
    """
    latest = max_token_expiry(st)
    if expires_at is not None and expires_at > latest:
        return {"expires_at": [f"must be before {latest.isoformat()}"]}
    return {}


def full_messages(errors: dict[str, list[str]]) -> str:
    """ActiveModel ``full_messages.to_sentence``: ``Scopes can't be blank and ...``."""
    msgs = [f"{k.replace('_', ' ').capitalize()} {m}" for k, ms in errors.items() for m in ms]
    if len(msgs) <= 1:
        return "".join(msgs)
    return ", ".join(msgs[:-1]) + " and " + msgs[-1]


def user_or_404(ctx: Ctx, key: str = "id") -> User:
    raw = ctx.path_params[key]
    user = ctx.st.find_user(raw)
    if user is None:
        raise not_found("User")
    return user


def int_param(ctx: Ctx, key: str) -> int:
    """An integer path parameter (already checked by the router; 0 never names a record)."""
    n = parse_int(ctx.path_params[key])
    return 0 if n is None else n


def list_out(items: list[bytes], headers: dict[str, str] | None = None) -> Out:
    return bytes_out(b"[" + b",".join(items) + b"]", headers=headers)


def dicts_out(items: list[dict[str, Any]], headers: dict[str, str] | None = None) -> Out:
    return json_out(items, headers=headers)


def check_unmodified_since(ctx: Ctx, last_modified: datetime | None) -> None:
    """``check_unmodified_since!``: stale ``If-Unmodified-Since`` → 412."""
    raw = ctx.headers.get("if-unmodified-since")
    if not raw or last_modified is None:
        return
    when: datetime | None
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        when = parse_datetime(raw)
    if when is None:
        return
    if when.tzinfo is None:
        from datetime import UTC

        when = when.replace(tzinfo=UTC)
    if last_modified > when:
        raise message_error(412, "412 Precondition Failed")


def app_rate_limit(ctx: Ctx, key: str, *, skip_admin: bool = False) -> None:
    """GitLab application throttle (``check_rate_limit!``), if configured for ``key``."""
    conf = ctx.st.config.app_rate_limits.get(key)
    if conf is None:
        return
    if skip_admin and ctx.is_admin:
        return
    scope = f"user:{ctx.user.id}" if ctx.user is not None else f"ip:{ctx.client_ip}"
    wait = ctx.st.engine.app_throttle(key, scope, conf[0], conf[1], ctx.st.clock.time())
    if wait is not None:
        ctx.st.stats.record_fault("app_rate_limited")
        raise ApiError(429, RATE_LIMIT_BODY, headers={"Retry-After": str(max(1, math.ceil(wait)))})


def verified_emails(ctx: Ctx, user: User) -> set[str]:
    out = set()
    if user.confirmed_at is not None:
        out.add(user.email.lower())
    for e in ctx.st.emails_by_user.get(user.id, ()):
        if e.confirmed_at is not None:
            out.add(e.email.lower())
    return out


def avatar_errors(ctx: Ctx, f: UploadedFile) -> list[str]:
    errs = []
    ext = f.filename.rsplit(".", 1)[-1].lower() if "." in f.filename else ""
    if ext not in AVATAR_EXTENSIONS:
        errs.append(
            "file format is not supported. Please try one of the following supported "
            "formats: " + ", ".join(AVATAR_EXTENSIONS)
        )
    if len(f.data) > ctx.st.config.avatar_max_bytes:
        errs.append(f"is too big (should be at most {ctx.st.config.avatar_max_bytes // 1024} KiB)")
    return errs


def password_is_weak(password: str, identity: tuple[str, ...]) -> bool:
    """``Security::WeakPasswords.weak_for_user?``, case-insensitively.

    Weak: a known leaked password, or containing ``gitlab``/``devops``, the user's name,
    username or email, or any part of them of at least 4 characters.
    """
    low = password.lower()
    if low in WEAK_PASSWORDS:
        return True
    words = set(FORBIDDEN_PASSWORD_WORDS)
    for value in identity:
        if not value:
            continue
        words.add(value)
        words.update(value.split("@"))
        words.update(re.split(r"[^\w]|_", value))
    return any(len(w) >= 4 and w.lower() in low for w in words)


def _identity(user: User | None, v: dict[str, Any]) -> tuple[str, ...]:
    fields = ("name", "username", "email")
    if user is None:
        return tuple(str(v.get(f) or "") for f in fields)
    return tuple(str(v.get(f) or getattr(user, f)) for f in fields)


def user_model_errors(
    ctx: Ctx, user: User | None, v: dict[str, Any], *, confirmed_new: bool = False
) -> dict[str, list[str]]:
    """ActiveRecord validations of ``User`` for the attributes in ``v``."""
    errors: dict[str, list[str]] = {}

    def add(field: str, msg: str) -> None:
        errors.setdefault(field, []).append(msg)

    if "email" in v:
        email = v["email"] or ""
        if not email:
            add("email", "can't be blank")
        elif not EMAIL_RE.match(email):
            add("email", "is invalid")
    if "name" in v:
        name = v["name"] or ""
        if not name.strip():
            add("name", "can't be blank")
        elif len(name) > 255:
            add("name", "is too long (maximum is 255 characters)")
    if "username" in v:
        uname = v["username"] or ""
        if not uname:
            add("username", "can't be blank")
        else:
            if len(uname) < 2:
                add("username", "is too short (minimum is 2 characters)")
            if len(uname) > 255:
                add("username", "is too long (maximum is 255 characters)")
            if (
                not USERNAME_RE.match(uname)
                or uname.endswith((".", ".git", ".atom"))
                or uname.startswith("-")
            ):
                add("username", USERNAME_MESSAGE)
    if v.get("password") is not None:
        pw = v["password"]
        if len(pw) < 8:
            add("password", "is too short (minimum is 8 characters)")
        elif len(pw) > 128:
            add("password", "is too long (maximum is 128 characters)")
        elif password_is_weak(pw, _identity(user, v)):
            add("password", WEAK_PASSWORD_MESSAGE)
    for field, valid, what in (
        ("theme_id", THEME_IDS, "theme"),
        ("color_scheme_id", COLOR_SCHEME_IDS, "color scheme"),
    ):
        value = v.get(field)
        if value is not None and value not in valid:
            add(field, f"{value} is not a valid {what}")
    if v.get("projects_limit") is not None:
        pl = v["projects_limit"]
        if pl < 0:
            add("projects_limit", "must be greater than or equal to 0")
        elif pl > 2_147_483_647:
            add("projects_limit", "must be less than or equal to 2147483647")
    if v.get("bio") is not None and len(v["bio"]) > 255:
        add("bio", "is too long (maximum is 255 characters)")
    for field, limit in PROFILE_FIELD_LIMITS.items():
        if v.get(field) is not None and len(v[field]) > limit:
            add(field, f"is too long (maximum is {limit} characters)")
    if v.get("discord") and not DISCORD_RE.match(v["discord"]):
        add("discord", "must contain only a discord user ID.")
    if v.get("website_url") and not re.match(r"^https?://[^\s/$.?#].[^\s]*$", v["website_url"]):
        add("website_url", "is not a valid URL")
    owned = set()
    if user is not None:
        owned = verified_emails(ctx, user)
    new_email = v.get("email")
    if new_email and confirmed_new:
        owned.add(new_email.lower())
    for field in ("public_email", "commit_email"):
        value = v.get(field)
        if not value:
            continue
        if field == "commit_email" and value == "_private":
            continue
        if value.lower() not in owned:
            add(field, "is not an email you own")
    if isinstance(v.get("avatar"), UploadedFile):
        for msg in avatar_errors(ctx, v["avatar"]):
            add("avatar", msg)
    return errors


# -- keys and emails --------------------------------------------------------------------------
def create_ssh_key(ctx: Ctx, user: User, v: dict[str, Any]) -> Out:
    st = ctx.st
    text = " ".join(str(v["key"]).split())
    errors: dict[str, list[str]] = {}
    m = SSH_KEY_RE.match(text)
    blob = b""
    if m:
        try:
            blob = base64.b64decode(m.group(2), validate=True)
        except (binascii.Error, ValueError):
            blob = b""
    if not blob:
        errors["key"] = ["is invalid"]
        errors["fingerprint_sha256"] = ["cannot be generated"]
    if len(v["title"]) > 255:
        errors.setdefault("title", []).append("is too long (maximum is 255 characters)")
    if not v["title"].strip():
        errors.setdefault("title", []).append("can't be blank")
    expires = v.get("expires_at")
    if expires is not None and expires <= st.now():
        errors.setdefault("key", []).append("has expired")
    sha = ""
    md5 = ""
    if blob:
        sha = "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
        digest = hashlib.md5(blob, usedforsecurity=False).hexdigest()
        md5 = ":".join(digest[i : i + 2] for i in range(0, 32, 2))
        if sha in st.ssh_fingerprints:
            errors.setdefault("key", []).append("has already been taken")
            errors.setdefault("fingerprint_sha256", []).append("has already been taken")
    if errors:
        raise message_error(400, errors)
    now = st.now()
    key = SshKey(
        id=st.next_id("ssh_key"),
        user_id=user.id,
        title=v["title"],
        key=text,
        fingerprint_sha256=sha,
        fingerprint_md5=md5,
        created_at=now,
        updated_at=now,
        expires_at=expires,
        usage_type=v.get("usage_type") or "auth_and_signing",
    )
    st.ssh_keys[key.id] = key
    st.ssh_keys_by_user.setdefault(user.id, []).append(key)
    st.ssh_fingerprints.add(sha)
    from ._render import ssh_key

    return json_out(ssh_key(key, user.name, host_of(ctx)), 201)


def host_of(ctx: Ctx) -> str:
    return ctx.st.config.web_url.split("://", 1)[-1].split("/", 1)[0]


def delete_ssh_key(ctx: Ctx, key: SshKey) -> None:
    st = ctx.st
    check_unmodified_since(ctx, key.updated_at)
    st.ssh_keys.pop(key.id, None)
    keys = st.ssh_keys_by_user.get(key.user_id, [])
    if key in keys:
        keys.remove(key)
    st.ssh_fingerprints.discard(key.fingerprint_sha256)


def create_gpg_key(ctx: Ctx, user: User, text: str) -> Out:
    st = ctx.st
    stripped = text.strip()
    if not (
        stripped.startswith("-----BEGIN PGP PUBLIC KEY BLOCK-----")
        and stripped.endswith("-----END PGP PUBLIC KEY BLOCK-----")
    ):
        raise message_error(400, {"key": ["does not appear to be a valid PGP public key"]})
    for other in st.gpg_keys.values():
        if other.key.strip() == stripped:
            raise message_error(400, {"key": ["has already been taken"]})
    now = st.now()
    g = GpgKey(st.next_id("gpg_key"), user.id, stripped, now, now)
    st.gpg_keys[g.id] = g
    st.gpg_keys_by_user.setdefault(user.id, []).append(g)
    from ._render import gpg_key

    return json_out(gpg_key(g), 201)


def remove_gpg_key(ctx: Ctx, g: GpgKey) -> None:
    ctx.st.gpg_keys.pop(g.id, None)
    keys = ctx.st.gpg_keys_by_user.get(g.user_id, [])
    if g in keys:
        keys.remove(g)


def create_email(ctx: Ctx, user: User, address: str, *, confirmed: bool) -> Out:
    st = ctx.st
    address = address.strip()
    if not EMAIL_RE.match(address):
        raise message_error(400, {"email": ["is invalid"]})
    if st.email_taken(address):
        raise message_error(400, {"email": ["has already been taken"]})
    now = st.now()
    e = Email(st.next_id("email"), user.id, address, now if confirmed else None, now, now)
    st.emails[e.id] = e
    st.emails_by_user.setdefault(user.id, []).append(e)
    st.email_index[address.lower()] = user.id
    from ._render import email

    return json_out(email(e), 201)


def delete_email(ctx: Ctx, user: User, e: Email) -> None:
    st = ctx.st
    check_unmodified_since(ctx, e.updated_at)
    st.emails.pop(e.id, None)
    lst = st.emails_by_user.get(user.id, [])
    if e in lst:
        lst.remove(e)
    if st.email_index.get(e.email.lower()) == user.id and user.email.lower() != e.email.lower():
        del st.email_index[e.email.lower()]
    if user.public_email and user.public_email.lower() == e.email.lower():
        user.public_email = ""
    if user.commit_email and user.commit_email.lower() == e.email.lower():
        user.commit_email = None
    st.touch(user)


def encode_json(value: Any) -> bytes:
    return dumps(value)
