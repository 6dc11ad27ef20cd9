"""Moderation, impersonation/personal access tokens and custom attributes (reference §1.3-1.5).

Moderation bodies follow the source, not the docs: ``true`` (201), ``null`` for an already
blocked/deactivated user, ``false`` from ``unblock`` when there was nothing to unblock,
``{"message":"Success"}`` from approve (201) and reject (200): both routes test a
``result[:success]`` key their service never sets, so the service's message and status
always go through ``render_api_error!``.
"""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import Any

from ._common import (
    check_unmodified_since,
    full_messages,
    int_param,
    max_token_expiry,
    token_expiry_errors,
    user_or_404,
)
from ._http import P, forbidden, message_error, not_found, validate
from ._records import ALL_SCOPES, Token, User
from ._render import token
from ._routing import Ctx, Out, RouteDef, bytes_out, empty_out, json_out

TRUE = b"true"
FALSE = b"false"
NULL = b"null"
DORMANT_DAYS = 90


def _ok(body: bytes = TRUE) -> Out:
    return bytes_out(body, 201)


def _admin_target(ctx: Ctx) -> tuple[User, User]:
    admin = ctx.require_admin()
    return admin, user_or_404(ctx)


def activate(ctx: Ctx) -> Out:
    _, user = _admin_target(ctx)
    if user.is_blocked:
        raise message_error(403, "Error occurred. A blocked user must be unblocked to be activated")
    if user.state != "active":
        user.state = "active"
        ctx.st.touch(user)
    return _ok()


def deactivate(ctx: Ctx) -> Out:
    st = ctx.st
    _, user = _admin_target(ctx)
    if user.state == "deactivated":
        return _ok(NULL)
    if user.is_blocked:
        raise message_error(403, "Error occurred. A blocked user cannot be deactivated")
    if user.is_internal:
        raise message_error(403, "Internal users cannot be deactivated")
    last = user.last_activity_on
    if last is not None and last > st.clock.today() - timedelta(days=DORMANT_DAYS):
        raise message_error(
            403,
            "The user you are trying to deactivate has been active in the past "
            f"{DORMANT_DAYS} days and cannot be deactivated",
        )
    user.state = "deactivated"
    st.touch(user)
    return _ok()


def block(ctx: Ctx) -> Out:
    admin, user = _admin_target(ctx)
    if user.state == "ldap_blocked":
        raise forbidden("LDAP blocked users cannot be modified by the API")
    if user.id == admin.id:
        raise forbidden("The API initiating user cannot be blocked by the API")
    if user.is_blocked:
        return _ok(NULL)
    if user.is_internal:
        raise message_error(403, "An internal user cannot be blocked")
    user.state = "blocked"
    _record_moderator(ctx, user, admin, "blocked_by")
    ctx.st.touch(user)
    return _ok()


def _record_moderator(ctx: Ctx, user: User, admin: User, key: str) -> None:
    """``Users::BlockService#after_block_hook`` / ``UnblockService#after_unblock_hook``:
    upsert the custom attribute ``blocked_by``/``unblocked_by`` =
    ``"<username>/<id>+<Time.current>"`` (Ruby's ``Time#to_s``)."""
    when = ctx.st.now().astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    attrs = user.custom_attributes = user.custom_attributes or {}
    attrs[key] = f"{admin.username}/{admin.id}+{when}"


def unblock(ctx: Ctx) -> Out:
    admin, user = _admin_target(ctx)
    if user.state == "ldap_blocked":
        raise forbidden("LDAP blocked users cannot be unblocked by the API")
    if user.state == "deactivated":
        raise forbidden("Deactivated users cannot be unblocked by the API")
    if user.state != "blocked":
        return _ok(FALSE)
    user.state = "active"
    _record_moderator(ctx, user, admin, "unblocked_by")
    ctx.st.touch(user)
    return _ok()


def ban(ctx: Ctx) -> Out:
    _, user = _admin_target(ctx)
    if user.is_internal:
        raise message_error(403, "You cannot ban internal users.")
    if user.state != "active":
        # BannedUserBaseService#state_error names the user's state.
        raise message_error(403, f"You cannot ban {user.state} users.")
    user.state = "banned"
    ctx.st.touch(user)
    return _ok()


def unban(ctx: Ctx) -> Out:
    _, user = _admin_target(ctx)
    if user.state != "banned":
        raise message_error(403, f"You cannot unban {user.state} users.")
    user.state = "active"
    ctx.st.touch(user)
    return _ok()


def approve(ctx: Ctx) -> Out:
    me = ctx.require_user()
    user = user_or_404(ctx)
    if not me.is_admin:
        raise message_error(403, "You are not allowed to approve a user")
    if user.state != "blocked_pending_approval":
        # Users::ApproveService answers :conflict for every state but pending approval.
        raise message_error(409, "The user you are trying to approve is not pending approval")
    user.state = "active"
    if user.confirmed_at is None:
        user.confirmed_at = ctx.st.now()
    ctx.st.touch(user)
    return json_out({"message": "Success"}, 201)


def reject(ctx: Ctx) -> Out:
    me = ctx.require_user()
    user = user_or_404(ctx)
    if not me.is_admin:
        raise message_error(403, "You are not allowed to reject a user")
    if user.state != "blocked_pending_approval":
        raise message_error(409, "User does not have a pending request")
    ctx.st.remove_user(user)
    return json_out({"message": "Success"}, 200)


# -- impersonation tokens and admin-created PATs ---------------------------------------------
def list_impersonation_tokens(ctx: Ctx) -> Out:
    from ._pagination import paginate_seq

    v = validate(ctx.params, (P("state", values=("all", "active", "inactive"), default="all"),))
    user = user_or_404(ctx, "user_id")
    today = ctx.st.clock.today()
    toks = [t for t in ctx.st.tokens_by_user.get(user.id, []) if t.impersonation]
    if v["state"] == "active":
        toks = [t for t in toks if t.is_active(today)]
    elif v["state"] == "inactive":
        toks = [t for t in toks if not t.is_active(today)]
    chunk, headers = paginate_seq(ctx, toks)
    return json_out([token(t, today) for t in chunk], headers=headers)


def _scope_errors(scopes: list[str]) -> dict[str, list[str]]:
    """``PersonalAccessToken`` scope validations (presence, then availability)."""
    if not scopes:
        return {"scopes": ["can't be blank"]}
    if any(s not in ALL_SCOPES for s in scopes):
        return {"scopes": ["can only contain available scopes"]}
    return {}


def create_impersonation_token(ctx: Ctx) -> Out:
    st = ctx.st
    v = validate(
        ctx.params,
        (
            P("name", required=True),
            P("description"),
            P("expires_at", "date"),
            P("scopes", "csv"),
            P("granular_scopes", "array"),
        ),
        mutually_exclusive=[("scopes", "granular_scopes")],
    )
    user = user_or_404(ctx, "user_id")
    if v.get("granular_scopes") is not None:
        raise message_error(404, "404 Not Found")
    # The model's scopes column defaults to an empty list: no scopes is "can't be blank".
    scopes = v.get("scopes") or []
    errors = {**_scope_errors(scopes), **token_expiry_errors(ctx.st, v.get("expires_at"))}
    if errors:
        raise message_error(400, errors)
    t = st.add_token(
        user.id,
        scopes,
        name=v["name"],
        description=v.get("description"),
        expires_at=v.get("expires_at") or max_token_expiry(ctx.st),
        impersonation=True,
    )
    return json_out(token(t, st.clock.today(), with_token=True), 201)


def _impersonation_token(ctx: Ctx, user: User) -> Token:
    t = ctx.st.tokens_by_id.get(int_param(ctx, "impersonation_token_id"))
    if t is None or t.user_id != user.id or not t.impersonation:
        raise not_found("Impersonation Token")
    return t


def get_impersonation_token(ctx: Ctx) -> Out:
    user = user_or_404(ctx, "user_id")
    return json_out(token(_impersonation_token(ctx, user), ctx.st.clock.today()))


def revoke_impersonation_token(ctx: Ctx) -> Out:
    user = user_or_404(ctx, "user_id")
    t = _impersonation_token(ctx, user)
    check_unmodified_since(ctx, t.updated_at)
    t.revoked = True
    t.updated_at = ctx.st.now()
    return empty_out(204)


def admin_create_pat(ctx: Ctx) -> Out:
    st = ctx.st
    v = validate(
        ctx.params,
        (
            P("name", required=True),
            P("description"),
            P("expires_at", "date"),
            P("scopes", "csv", required=True, values=ALL_SCOPES),
        ),
    )
    user = user_or_404(ctx, "user_id")
    errors = {**_scope_errors(v["scopes"]), **token_expiry_errors(ctx.st, v.get("expires_at"))}
    if errors:
        # CreateService: the model's full messages as one sentence, 422.
        raise message_error(422, full_messages(errors))
    t = st.add_token(
        user.id,
        v["scopes"],
        name=v["name"],
        description=v.get("description"),
        expires_at=v.get("expires_at") or max_token_expiry(ctx.st),
    )
    return json_out(token(t, st.clock.today(), with_token=True), 201)


# -- custom attributes ------------------------------------------------------------------------
def _ca_user(ctx: Ctx) -> User:
    """CustomAttributesEndpoints: ``find_resource`` (``404 Not Found``) before ``authorize!``
    (403 for anyone but an administrator, anonymous GETs included)."""
    user = ctx.st.find_user(ctx.path_params["id"])
    if user is None:
        raise message_error(404, "404 Not Found")
    if not ctx.is_admin:
        raise forbidden()
    return user


def _ca(key: str, value: str) -> dict[str, Any]:
    return {"key": key, "value": value}


def list_custom_attributes(ctx: Ctx) -> Out:
    user = _ca_user(ctx)
    return json_out([_ca(k, val) for k, val in (user.custom_attributes or {}).items()])


def get_custom_attribute(ctx: Ctx) -> Out:
    user = _ca_user(ctx)
    key = ctx.path_params["key"]
    if key not in (user.custom_attributes or {}):
        raise not_found()
    assert user.custom_attributes is not None
    return json_out(_ca(key, user.custom_attributes[key]))


def set_custom_attribute(ctx: Ctx) -> Out:
    v = validate(ctx.params, (P("value", required=True),))
    user = _ca_user(ctx)
    key = ctx.path_params["key"]
    if len(key) > 255 or len(v["value"]) > 255:
        raise message_error(
            400, {"key" if len(key) > 255 else "value": ["is too long (maximum is 255 characters)"]}
        )
    attrs = user.custom_attributes = user.custom_attributes or {}
    attrs[key] = v["value"]
    ctx.st.touch(user)
    return json_out(_ca(key, v["value"]))


def delete_custom_attribute(ctx: Ctx) -> Out:
    user = _ca_user(ctx)
    key = ctx.path_params["key"]
    if key not in (user.custom_attributes or {}):
        raise not_found("Custom attribute")
    assert user.custom_attributes is not None
    del user.custom_attributes[key]
    ctx.st.touch(user)
    return empty_out(204)


ROUTES: tuple[RouteDef, ...] = (
    RouteDef("POST", "/users/{id:digits}/activate", activate, pre="auth"),
    RouteDef("POST", "/users/{id:digits}/deactivate", deactivate, pre="auth"),
    RouteDef("POST", "/users/{id:digits}/block", block, pre="auth"),
    RouteDef("POST", "/users/{id:digits}/unblock", unblock, pre="auth"),
    RouteDef("POST", "/users/{id:digits}/ban", ban, pre="auth"),
    RouteDef("POST", "/users/{id:digits}/unban", unban, pre="auth"),
    RouteDef("POST", "/users/{id:digits}/approve", approve, pre="auth"),
    RouteDef("POST", "/users/{id:digits}/reject", reject, pre="auth"),
    RouteDef(
        "GET", "/users/{user_id:int}/impersonation_tokens", list_impersonation_tokens, pre="admin"
    ),
    RouteDef(
        "POST", "/users/{user_id:int}/impersonation_tokens", create_impersonation_token, pre="admin"
    ),
    RouteDef(
        "GET",
        "/users/{user_id:int}/impersonation_tokens/{impersonation_token_id:int}",
        get_impersonation_token,
        pre="admin",
    ),
    RouteDef(
        "DELETE",
        "/users/{user_id:int}/impersonation_tokens/{impersonation_token_id:int}",
        revoke_impersonation_token,
        pre="admin",
    ),
    RouteDef("POST", "/users/{user_id:int}/personal_access_tokens", admin_create_pat, pre="admin"),
    RouteDef("GET", "/users/{id:digits}/custom_attributes", list_custom_attributes),
    RouteDef("GET", "/users/{id:digits}/custom_attributes/{key}", get_custom_attribute),
    RouteDef("PUT", "/users/{id:digits}/custom_attributes/{key}", set_custom_attribute, pre="auth"),
    RouteDef(
        "DELETE", "/users/{id:digits}/custom_attributes/{key}", delete_custom_attribute, pre="auth"
    ),
)
