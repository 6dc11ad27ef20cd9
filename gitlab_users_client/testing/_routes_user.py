"""``/user`` routes: the authenticated user (reference §1.6). Every route needs a user, so
an anonymous call is 401 before parameters are validated (``before { authenticate! }``)."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from ._common import (
    avatar_errors,
    check_unmodified_since,
    create_email,
    create_gpg_key,
    create_ssh_key,
    delete_email,
    delete_ssh_key,
    full_messages,
    host_of,
    int_param,
    max_token_expiry,
    remove_gpg_key,
    token_expiry_errors,
)
from ._http import P, UploadedFile, message_error, not_found, validate
from ._pagination import paginate_seq
from ._records import SupportPin, UserStatus
from ._render import email, gpg_key, render_user, ssh_key, token, user_status
from ._routes_users import KEY_SPECS
from ._routing import Ctx, Out, RouteDef, empty_out, json_out
from ._util import iso, iso_date

DEFAULT_EMOJI = "speech_balloon"
AVAILABILITIES = ("not_set", "busy")
CLEAR_AFTER = {
    "30_minutes": timedelta(minutes=30),
    "3_hours": timedelta(hours=3),
    "8_hours": timedelta(hours=8),
    "1_day": timedelta(days=1),
    "3_days": timedelta(days=3),
    "7_days": timedelta(days=7),
    "30_days": timedelta(days=30),
}


def current_user(ctx: Ctx) -> Out:
    me = ctx.require_user()
    view = "with_admin" if me.is_admin else "public"
    return json_out(render_user(ctx.st, me, view, me))


def my_keys(ctx: Ctx) -> Out:
    me = ctx.require_user()
    chunk, headers = paginate_seq(ctx, ctx.st.ssh_keys_by_user.get(me.id, []))
    host = host_of(ctx)
    return json_out([ssh_key(k, me.name, host) for k in chunk], headers=headers)


def _my_key(ctx: Ctx) -> Any:
    me = ctx.require_user()
    key = ctx.st.ssh_keys.get(int_param(ctx, "key_id"))
    if key is None or key.user_id != me.id:
        raise not_found("Key")
    return key


def my_key(ctx: Ctx) -> Out:
    me = ctx.require_user()
    return json_out(ssh_key(_my_key(ctx), me.name, host_of(ctx)))


def add_my_key(ctx: Ctx) -> Out:
    v = validate(ctx.params, KEY_SPECS)
    return create_ssh_key(ctx, ctx.require_user(), v)


def delete_my_key(ctx: Ctx) -> Out:
    delete_ssh_key(ctx, _my_key(ctx))
    return empty_out(204)


def my_gpg_keys(ctx: Ctx) -> Out:
    me = ctx.require_user()
    chunk, headers = paginate_seq(ctx, ctx.st.gpg_keys_by_user.get(me.id, []))
    return json_out([gpg_key(k) for k in chunk], headers=headers)


def _my_gpg(ctx: Ctx) -> Any:
    me = ctx.require_user()
    g = ctx.st.gpg_keys.get(int_param(ctx, "key_id"))
    if g is None or g.user_id != me.id:
        raise not_found("GPG Key")
    return g


def my_gpg_key(ctx: Ctx) -> Out:
    return json_out(gpg_key(_my_gpg(ctx)))


def add_my_gpg_key(ctx: Ctx) -> Out:
    v = validate(ctx.params, (P("key", required=True),))
    return create_gpg_key(ctx, ctx.require_user(), v["key"])


def revoke_my_gpg_key(ctx: Ctx) -> Out:
    remove_gpg_key(ctx, _my_gpg(ctx))
    return empty_out(202)


def delete_my_gpg_key(ctx: Ctx) -> Out:
    g = _my_gpg(ctx)
    check_unmodified_since(ctx, g.updated_at)
    remove_gpg_key(ctx, g)
    return empty_out(204)


def my_emails(ctx: Ctx) -> Out:
    me = ctx.require_user()
    chunk, headers = paginate_seq(ctx, ctx.st.emails_of(me))
    return json_out([email(e) for e in chunk], headers=headers)


def _my_email(ctx: Ctx) -> Any:
    me = ctx.require_user()
    e = ctx.st.emails.get(int_param(ctx, "email_id"))
    if e is None or e.user_id != me.id:
        raise not_found("Email")
    return e


def my_email(ctx: Ctx) -> Out:
    return json_out(email(_my_email(ctx)))


def add_my_email(ctx: Ctx) -> Out:
    v = validate(ctx.params, (P("email", required=True),))
    return create_email(ctx, ctx.require_user(), v["email"], confirmed=False)


def delete_my_email(ctx: Ctx) -> Out:
    e = _my_email(ctx)
    delete_email(ctx, ctx.require_user(), e)
    return empty_out(204)


# -- status -----------------------------------------------------------------------------------
STATUS_SPECS = (
    P("emoji"),
    P("message"),
    P("availability"),
    P("clear_status_after", values=tuple(CLEAR_AFTER)),
)


def my_status(ctx: Ctx) -> Out:
    return json_out(user_status(ctx.st, ctx.require_user()))


def _set_status(ctx: Ctx, given: dict[str, Any]) -> Out:
    """``Users::SetStatusService`` with the parameters the request declared.

    No emoji, no message and no availability other than ``not_set`` removes the status.
    Otherwise a blank emoji becomes ``speech_balloon`` and an unknown or missing availability
    becomes ``not_set``; ``message`` and ``clear_status_after`` change only when given.
    """
    st = ctx.st
    me = ctx.require_user()
    emoji, message = given.get("emoji"), given.get("message")
    availability = given.get("availability")
    if availability not in AVAILABILITIES:
        availability = None
    if not emoji and not message and availability in (None, "not_set"):
        me.status = None
        st.touch(me)
        return json_out(user_status(st, me))
    errors: dict[str, list[str]] = {}
    if message is not None and len(message) > 100:
        errors["message"] = ["is too long (maximum is 100 characters)"]
    if emoji and (
        len(emoji) > 64 or not emoji.replace("_", "").replace("+", "").replace("-", "").isalnum()
    ):
        errors["emoji"] = ["does not exist"]
    if errors:
        raise message_error(400, errors)
    current = me.status
    status = UserStatus(
        emoji=emoji or DEFAULT_EMOJI,
        message=current.message if current is not None else None,
        availability=availability or "not_set",
        clear_status_at=current.clear_status_at if current is not None else None,
    )
    if "message" in given:
        status.message = message
    if "clear_status_after" in given:
        clear = given["clear_status_after"]
        status.clear_status_at = st.now() + CLEAR_AFTER[clear] if clear else None
    me.status = status
    st.touch(me)
    return json_out(user_status(st, me))


def put_status(ctx: Ctx) -> Out:
    """Every parameter that is left out counts as given and blank (``include_missing``)."""
    v = validate(ctx.params, STATUS_SPECS)
    return _set_status(ctx, {spec.name: v.get(spec.name) for spec in STATUS_SPECS})


def patch_status(ctx: Ctx) -> Out:
    """Only the parameters that were sent count; none at all is 200 with an empty body."""
    v = validate(ctx.params, STATUS_SPECS)
    ctx.require_user()
    given = {k: v.get(k) for k in (s.name for s in STATUS_SPECS) if k in ctx.params}
    if not given:
        return Out(200, b"", None)
    return _set_status(ctx, given)


# -- preferences, avatar, activities ---------------------------------------------------------
PREF_FIELDS = (
    "view_diffs_file_by_file",
    "show_whitespace_in_diffs",
    "pass_user_identities_to_ci_jwt",
    "policy_advanced_editor",
)


def _prefs(ctx: Ctx) -> dict[str, Any]:
    me = ctx.require_user()
    p = ctx.st.preferences_of(me)
    return {
        "id": p.id,
        "user_id": me.id,
        "view_diffs_file_by_file": p.view_diffs_file_by_file,
        "show_whitespace_in_diffs": p.show_whitespace_in_diffs,
        "pass_user_identities_to_ci_jwt": p.pass_user_identities_to_ci_jwt,
        "policy_advanced_editor": p.policy_advanced_editor,
    }


def get_preferences(ctx: Ctx) -> Out:
    return json_out(_prefs(ctx))


def put_preferences(ctx: Ctx) -> Out:
    v = validate(
        ctx.params,
        tuple(P(name, "bool") for name in PREF_FIELDS),
        at_least_one_of=[PREF_FIELDS],
    )
    p = ctx.st.preferences_of(ctx.require_user())
    for name in PREF_FIELDS:
        if v.get(name) is not None:
            setattr(p, name, v[name])
    return json_out(_prefs(ctx))


def put_avatar(ctx: Ctx) -> Out:
    v = validate(ctx.params, (P("avatar", "file", required=True),))
    me = ctx.require_user()
    f: UploadedFile = v["avatar"]
    errs = avatar_errors(ctx, f)
    if errs:
        raise message_error(400, "Avatar " + errs[0])
    me.avatar_file = f.filename
    ctx.st.touch(me)
    from ._render import avatar_url

    return json_out({"avatar_url": avatar_url(ctx.st, me)})


def activities(ctx: Ctx) -> Out:
    st = ctx.st
    v = validate(ctx.params, (P("from", "datetime"),))
    me = ctx.require_user()
    since = v.get("from") or (st.now() - timedelta(days=182))
    since_day = since.date()
    rows = [
        u
        for u in st.iter_users()
        if u.last_activity_on is not None
        and u.last_activity_on >= since_day
        and (me.is_admin or not u.private_profile)
    ]
    rows.sort(key=lambda u: (u.last_activity_on, u.id))
    chunk, headers = paginate_seq(ctx, rows)
    return json_out(
        [
            {
                "username": u.username,
                "last_activity_on": iso_date(u.last_activity_on),
                "last_activity_at": iso_date(u.last_activity_on),
            }
            for u in chunk
        ],
        headers=headers,
    )


def create_my_pat(ctx: Ctx) -> Out:
    st = ctx.st
    v = validate(
        ctx.params,
        (
            P("name", required=True),
            P("description"),
            P("expires_at", "date"),
            P("scopes", "csv", values=("k8s_proxy", "self_rotate")),
            P("granular_scopes", "array"),
        ),
        exactly_one_of=[("scopes", "granular_scopes")],
    )
    me = ctx.require_user()
    if v.get("granular_scopes") is not None:
        raise message_error(404, "404 Not Found")
    # PersonalAccessTokens::CreateService: the model validates scope presence and the
    # maximum lifetime (422 with the full messages); a past expires_at is accepted and
    # yields an already inactive token; without one the token gets the instance's maximum
    # lifetime (`pat_expiration`; the 1-day Grape default of older versions is gone).
    errors = {
        **({"scopes": ["can't be blank"]} if not v["scopes"] else {}),
        **token_expiry_errors(st, v.get("expires_at")),
    }
    if errors:
        raise message_error(422, full_messages(errors))
    t = st.add_token(
        me.id,
        v["scopes"],
        name=v["name"],
        description=v.get("description"),
        expires_at=v.get("expires_at") or max_token_expiry(st),
    )
    return json_out(token(t, st.clock.today(), with_token=True), 201)


def create_support_pin(ctx: Ctx) -> Out:
    st = ctx.st
    me = ctx.require_user()
    pin = SupportPin(f"{secrets.randbelow(1_000_000):06d}", st.now() + timedelta(days=7))
    st.support_pins[me.id] = pin
    return json_out({"pin": pin.pin, "expires_at": iso(pin.expires_at)}, 201)


def get_my_support_pin(ctx: Ctx) -> Out:
    me = ctx.require_user()
    pin = ctx.st.support_pins.get(me.id)
    if pin is None or pin.expires_at <= ctx.st.now():
        raise not_found("Support PIN not found or expired")
    return json_out({"pin": pin.pin, "expires_at": iso(pin.expires_at)})


ROUTES: tuple[RouteDef, ...] = (
    RouteDef("GET", "/user", current_user, pre="auth"),
    RouteDef("GET", "/user/keys", my_keys, pre="auth"),
    RouteDef("GET", "/user/keys/{key_id:int}", my_key, pre="auth"),
    RouteDef("POST", "/user/keys", add_my_key, pre="auth"),
    RouteDef("DELETE", "/user/keys/{key_id:int}", delete_my_key, pre="auth"),
    RouteDef("GET", "/user/gpg_keys", my_gpg_keys, pre="auth"),
    RouteDef("GET", "/user/gpg_keys/{key_id:int}", my_gpg_key, pre="auth"),
    RouteDef("POST", "/user/gpg_keys", add_my_gpg_key, pre="auth"),
    RouteDef("POST", "/user/gpg_keys/{key_id:int}/revoke", revoke_my_gpg_key, pre="auth"),
    RouteDef("DELETE", "/user/gpg_keys/{key_id:int}", delete_my_gpg_key, pre="auth"),
    RouteDef("GET", "/user/emails", my_emails, pre="auth"),
    RouteDef("GET", "/user/emails/{email_id:int}", my_email, pre="auth"),
    RouteDef("POST", "/user/emails", add_my_email, pre="auth"),
    RouteDef("DELETE", "/user/emails/{email_id:int}", delete_my_email, pre="auth"),
    RouteDef("GET", "/user/status", my_status, pre="auth"),
    RouteDef("PUT", "/user/status", put_status, pre="auth"),
    RouteDef("PATCH", "/user/status", patch_status, pre="auth"),
    RouteDef("GET", "/user/preferences", get_preferences, pre="auth"),
    RouteDef("PUT", "/user/preferences", put_preferences, pre="auth"),
    RouteDef("PUT", "/user/avatar", put_avatar, pre="auth"),
    RouteDef("GET", "/user/activities", activities, pre="auth"),
    RouteDef("POST", "/user/personal_access_tokens", create_my_pat, pre="auth"),
    RouteDef("POST", "/user/support_pin", create_support_pin, pre="auth"),
    RouteDef("GET", "/user/support_pin", get_my_support_pin, pre="auth"),
)
