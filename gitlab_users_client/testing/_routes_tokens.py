"""The personal access token API: ``/personal_access_tokens`` (GitLab's
``lib/api/personal_access_tokens.rb``, ``personal_access_tokens/self_information.rb`` and
``self_rotation.rb``, helpers in ``lib/api/helpers/personal_access_tokens_helpers.rb``).

Who sees what: an administrator every token of the instance (impersonation tokens
included), anyone else only their own non-impersonation tokens. Requests about someone
else's token answer 401 to a non-administrator whether the token exists or not ("only
admins should be informed if the token doesn't exist"). Grape runs the ``before`` block
(authentication, then the ``user_id`` check) before it validates parameters, and so does
this module.

Rotation (``PersonalAccessTokens::RotateService``) revokes the old token and creates its
successor in one transaction: same name, description, scopes and kind, a new ID and value,
``expires_at`` as given or one week from today. A failure leaves the old token as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from ._common import full_messages, int_param, token_expiry_errors
from ._http import P, bad_request, message_error, parse_int, unauthorized, validate
from ._pagination import paginate_seq
from ._records import ALL_SCOPES, Token, User
from ._render import token
from ._routing import Ctx, Out, RouteDef, empty_out, json_out
from ._util import iso

ROTATION_PERIOD = timedelta(weeks=1)  # RotateService::EXPIRATION_PERIOD
# Gitlab::Access.all_values: minimal access, guest, planner, reporter, developer,
# maintainer, owner.
ACCESS_LEVEL_VALUES = (5, 10, 15, 20, 30, 40, 50)

LIST_SPECS = (
    P("user_id", "int"),
    P("revoked", "bool"),
    P("state", values=("active", "inactive")),
    P("created_before", "datetime"),
    P("created_after", "datetime"),
    P("last_used_before", "datetime"),
    P("last_used_after", "datetime"),
    P("expires_before", "date"),
    P("expires_after", "date"),
    P("search"),
    P("sort"),
)
ROTATE_SPECS = (P("expires_at", "date"),)


def _not_found() -> Exception:
    """``not_found!`` without a resource name."""
    return message_error(404, "404 Not Found")


def _render(ctx: Ctx, t: Token) -> dict[str, Any]:
    """``Entities::PersonalAccessTokenWithLastUsedIps`` (no ``impersonation`` key)."""
    return token(t, ctx.st.clock.today(), impersonation_field=False)


# -- the list ---------------------------------------------------------------------------------
def _order_key(name: str) -> tuple[Callable[[Token], Any], bool] | None:
    """``PersonalAccessToken.simple_sorts``: a sort key and whether it is descending."""

    def nulls_last(field: str, descending: bool) -> Callable[[Token], Any]:
        # PostgreSQL puts NULLs last ascending and first descending; ties by ID descending.
        def key(t: Token) -> Any:
            value = getattr(t, field)
            missing = value is None
            if descending:  # sorted in reverse: NULLs first, then the latest
                return (missing, value if value is not None else date.min, t.id)
            return (missing, value if value is not None else date.max, -t.id)

        return key

    simple: dict[str, tuple[Callable[[Token], Any], bool]] = {
        "created_asc": (lambda t: (t.created_at, t.id), False),
        "created_at_asc": (lambda t: (t.created_at, t.id), False),
        "created_date": (lambda t: (t.created_at, t.id), True),
        "created_desc": (lambda t: (t.created_at, t.id), True),
        "created_at_desc": (lambda t: (t.created_at, t.id), True),
        "id_asc": (lambda t: t.id, False),
        "id_desc": (lambda t: t.id, True),
        "name_asc": (lambda t: (t.name.lower(), t.id), False),
        "name_desc": (lambda t: (t.name.lower(), t.id), True),
        "updated_asc": (lambda t: (t.updated_at, t.id), False),
        "updated_at_asc": (lambda t: (t.updated_at, t.id), False),
        "updated_desc": (lambda t: (t.updated_at, t.id), True),
        "updated_at_desc": (lambda t: (t.updated_at, t.id), True),
        "expires_asc": (nulls_last("expires_at", False), False),
        "expires_at_asc_id_desc": (nulls_last("expires_at", False), False),
        "expires_desc": (nulls_last("expires_at", True), True),
        "last_used_asc": (nulls_last("last_used_at", False), False),
        "last_used_desc": (nulls_last("last_used_at", True), True),
    }
    return simple.get(name)


def _filters(ctx: Ctx, v: dict[str, Any]) -> list[Callable[[Token], bool]]:
    """``PersonalAccessTokensFinder``'s filters, in its order."""
    today = ctx.st.clock.today()
    preds: list[Callable[[Token], bool]] = []
    state = v.get("state")
    if state == "active":
        preds.append(lambda t: t.is_active(today))
    elif state == "inactive":
        # scope :inactive: "revoked = true OR expires_at < CURRENT_DATE"
        preds.append(lambda t: t.revoked or (t.expires_at is not None and t.expires_at < today))
    if "revoked" in v:
        wanted = bool(v["revoked"])
        preds.append(lambda t: t.revoked is wanted)
    bounds: tuple[tuple[str, str, Callable[[Any, Any], bool]], ...] = (
        ("created_before", "created_at", lambda x, b: x <= b),
        ("created_after", "created_at", lambda x, b: x >= b),
        ("expires_before", "expires_at", lambda x, b: x < b),
        ("expires_after", "expires_at", lambda x, b: x >= b),
        ("last_used_before", "last_used_at", lambda x, b: x <= b),
        ("last_used_after", "last_used_at", lambda x, b: x >= b),
    )
    for param, field, test in bounds:
        bound = v.get(param)
        if bound is not None:
            preds.append(_within(field, bound, test))
    if v.get("search") is not None:
        needle = v["search"].lower()
        preds.append(lambda t: needle in t.name.lower())
    return preds


def _within(field: str, bound: Any, test: Callable[[Any, Any], bool]) -> Callable[[Token], bool]:
    """A date filter: tokens without a value (never used, no expiry) never match."""

    def accept(t: Token) -> bool:
        value = getattr(t, field)
        return value is not None and test(value, bound)

    return accept


def _restrict_non_admins(ctx: Ctx, me: User) -> None:
    """``restrict_non_admins!``: a non-administrator may only name themselves in
    ``user_id`` (read before Grape coerces it)."""
    raw = ctx.params.get("user_id")
    if me.is_admin or raw is None or (isinstance(raw, str) and not raw.strip()):
        return
    user_id = parse_int(raw) if isinstance(raw, str) else raw
    if not isinstance(user_id, int) or isinstance(user_id, bool) or user_id != me.id:
        raise unauthorized()


def list_tokens(ctx: Ctx) -> Out:
    st = ctx.st
    me = ctx.require_user()
    _restrict_non_admins(ctx, me)
    v = validate(ctx.params, LIST_SPECS)
    if me.is_admin:
        if v.get("user_id") is not None:
            owner = st.users.get(v["user_id"])
            if owner is None:
                raise _not_found()
            candidates: Sequence[Token] = st.tokens_by_user.get(owner.id, [])
        elif "user_id" in v:  # sent, but blank
            raise _not_found()
        else:
            candidates = list(st.tokens_by_id.values())
    else:
        candidates = [t for t in st.tokens_by_user.get(me.id, []) if not t.impersonation]
    preds = _filters(ctx, v)
    rows = [t for t in candidates if all(p(t) for p in preds)]
    order = _order_key(v["sort"]) if v.get("sort") else None
    if order is None:
        rows.sort(key=lambda t: t.id)  # paginate's default ORDER BY id
    else:
        rows.sort(key=order[0], reverse=order[1])
    chunk, headers = paginate_seq(ctx, rows)
    return json_out([_render(ctx, t) for t in chunk], headers=headers)


# -- one token --------------------------------------------------------------------------------
def _readable(ctx: Ctx) -> Token:
    """``PersonalAccessToken.find_by_id`` plus ``:read_personal_access_token`` on its user:
    404 for an administrator when it does not exist, 401 for anyone else."""
    me = ctx.require_user()
    t = ctx.st.tokens_by_id.get(int_param(ctx, "id"))
    if t is not None and (me.is_admin or t.user_id == me.id):
        return t
    if me.is_admin:
        raise _not_found()
    raise unauthorized()


def get_token(ctx: Ctx) -> Out:
    return json_out(_render(ctx, _readable(ctx)))


def _revoke(ctx: Ctx, t: Token) -> Out:
    """``PersonalAccessTokens::RevokeService``: an administrator revokes any token, a user
    their own personal (not impersonation) tokens; otherwise 400 `Not permitted to revoke`."""
    me = ctx.require_user()
    if not (me.is_admin or (t.user_id == me.id and not t.impersonation)):
        raise bad_request("Not permitted to revoke")
    ctx.st.revoke(t)
    return empty_out(204)


def revoke_token(ctx: Ctx) -> Out:
    """``find_token``: ``PersonalAccessToken.find`` raises RecordNotFound (`404 Not found`)."""
    ctx.require_user()
    t = ctx.st.tokens_by_id.get(int_param(ctx, "id"))
    if t is None:
        raise message_error(404, "404 Not found")
    return _revoke(ctx, t)


def _rotate(ctx: Ctx, old: Token, v: dict[str, Any]) -> Out:
    """``PersonalAccessTokens::RotateService`` (status 200: the helper sets ``status :ok``)."""
    st = ctx.st
    if old.revoked:
        raise bad_request("Token already revoked")
    expires_at: date | None = v.get("expires_at") or st.clock.today() + ROTATION_PERIOD
    errors = token_expiry_errors(st, expires_at)
    if errors:  # the transaction rolls back: the old token stays as it was
        raise bad_request(full_messages(errors))
    st.revoke(old)
    new = st.add_token(
        old.user_id,
        old.scopes,
        name=old.name,
        description=old.description,
        expires_at=expires_at,
        impersonation=old.impersonation,
        previous_id=old.id,
    )
    return json_out(token(new, st.clock.today(), with_token=True, impersonation_field=False))


def rotate_token(ctx: Ctx) -> Out:
    me = ctx.require_user()
    v = validate(ctx.params, ROTATE_SPECS)
    t = ctx.st.tokens_by_id.get(int_param(ctx, "id"))
    if t is None or not (me.is_admin or t.user_id == me.id):
        if me.is_admin:
            raise _not_found()
        raise unauthorized()
    return _rotate(ctx, t, v)


# -- the token in use ---------------------------------------------------------------------------
def _current_token(ctx: Ctx) -> Token:
    """``authenticate!`` then the token type check: only personal access tokens (the fake's
    credentials all are; anonymous callers get 401)."""
    ctx.require_user()
    if ctx.token is None:
        raise bad_request("This endpoint requires token type to be a personal access token")
    return ctx.token


def get_self(ctx: Ctx) -> Out:
    return json_out(_render(ctx, _current_token(ctx)))


def revoke_self(ctx: Ctx) -> Out:
    return _revoke(ctx, _current_token(ctx))


def rotate_self(ctx: Ctx) -> Out:
    t = _current_token(ctx)
    v = validate(ctx.params, ROTATE_SPECS)
    return _rotate(ctx, t, v)


def self_associations(ctx: Ctx) -> Out:
    """``GroupsFinder`` and ``ProjectsFinder`` for the token's user: an administrator sees
    every group and project; anyone else the groups they belong to (the fake's groups are
    private) and the projects they belong to or that are public or internal. With
    ``min_access_level`` only memberships of at least that level count."""
    st = ctx.st
    _current_token(ctx)
    me = ctx.require_user()
    v = validate(ctx.params, (P("min_access_level", "int", values=ACCESS_LEVEL_VALUES),))
    level = v.get("min_access_level")

    def member_level(table: dict[int, dict[int, int]], source_id: int) -> int | None:
        return table.get(source_id, {}).get(me.id)

    def visible(table: dict[int, dict[int, int]], source_id: int, public: bool = False) -> bool:
        mine = member_level(table, source_id)
        if level is not None:
            return mine is not None and mine >= level
        return me.is_admin or mine is not None or public

    groups = [g for gid, g in sorted(st.groups.items()) if visible(st.group_members, gid)]
    projects = [
        p
        for pid, p in sorted(st.projects.items())
        if visible(st.project_members, pid, p.visibility in ("public", "internal"))
    ]
    group_page, _ = paginate_seq(ctx, groups)
    project_page, headers = paginate_seq(ctx, projects)
    web = st.config.web_url
    body = {
        "groups": [
            {
                "id": g.id,
                "web_url": f"{web}/groups/{g.path}",
                "name": g.name,
                "parent_id": None,
                "organization_id": 1,
                "access_levels": member_level(st.group_members, g.id),
                "visibility": "private",
            }
            for g in group_page
        ],
        "projects": [
            {
                "id": p.id,
                "description": p.description,
                "name": p.name,
                "name_with_namespace": f"{p.namespace_name} / {p.name}",
                "path": p.path,
                "path_with_namespace": f"{p.namespace_path}/{p.path}",
                "created_at": iso(p.created_at),
                "access_levels": {
                    "project_access_level": member_level(st.project_members, p.id),
                    "group_access_level": None,
                },
                "visibility": p.visibility,
                "web_url": f"{web}/{p.namespace_path}/{p.path}",
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
            for p in project_page
        ],
    }
    return json_out(body, headers=headers)


# Self routes first: SelfInformation and SelfRotation are mounted before the `:id` routes.
# `read_user` does not reach this API (it is not API::Users); the self routes accept a
# token of any scope (`allow_access_with_scope(all_available_scopes)`) except rotation,
# which needs `api` or `self_rotate`.
ROUTES: tuple[RouteDef, ...] = (
    RouteDef(
        "GET",
        "/personal_access_tokens/self",
        get_self,
        pre="auth",
        read_user_scope=False,
        extra_scopes=ALL_SCOPES,
    ),
    RouteDef(
        "DELETE",
        "/personal_access_tokens/self",
        revoke_self,
        pre="auth",
        read_user_scope=False,
        extra_scopes=ALL_SCOPES,
    ),
    RouteDef(
        "POST",
        "/personal_access_tokens/self/rotate",
        rotate_self,
        pre="auth",
        read_user_scope=False,
        extra_scopes=("self_rotate",),
    ),
    RouteDef(
        "GET",
        "/personal_access_tokens/self/associations",
        self_associations,
        pre="auth",
        read_user_scope=False,
        extra_scopes=ALL_SCOPES,
    ),
    RouteDef("GET", "/personal_access_tokens", list_tokens, pre="auth", read_user_scope=False),
    RouteDef(
        "GET", "/personal_access_tokens/{id:int}", get_token, pre="auth", read_user_scope=False
    ),
    RouteDef(
        "DELETE",
        "/personal_access_tokens/{id:int}",
        revoke_token,
        pre="auth",
        read_user_scope=False,
    ),
    RouteDef(
        "POST",
        "/personal_access_tokens/{id:int}/rotate",
        rotate_token,
        pre="auth",
        read_user_scope=False,
    ),
)
