"""``/user/applications``: the authenticated user's OAuth applications (GitLab 19.0,
``lib/api/user_applications.rb``; entities ``Application`` and ``ApplicationWithSecret``).

Every route needs a signed-in user (``before { authenticate! }``). An application belongs to
its owner; administrators may read, change and delete any (doc/api/user_applications.md),
anyone else gets 403. The secret is only ever shown by the create route. Validation follows
Doorkeeper's application model: a name, absolute redirect URIs (whitespace-separated), and
scopes the instance knows.
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlsplit

from ._common import int_param
from ._http import P, forbidden, message_error, not_found, validate
from ._pagination import paginate_seq
from ._records import ALL_SCOPES, Application, User
from ._routing import Ctx, Out, RouteDef, empty_out, json_out

# The OAuth scopes an application may request: the API scopes plus OpenID Connect's.
OAUTH_SCOPES = frozenset(ALL_SCOPES) | {"openid", "profile", "email"}


def _render(a: Application, *, with_secret: bool = False) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": a.id,
        "application_id": a.uid,
        "application_name": a.name,
        "callback_url": a.redirect_uri,
        "confidential": a.confidential,
    }
    if with_secret:
        d["secret"] = a.secret
    return d


def _model_errors(a: Application) -> dict[str, list[str]]:
    """Doorkeeper's application validations (name, ``RedirectUriValidator``, scopes)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        if message not in errors.setdefault(field, []):
            errors[field].append(message)

    if not a.name.strip():
        add("name", "can't be blank")
    if not a.redirect_uri.strip():
        add("redirect_uri", "can't be blank")
    for uri in a.redirect_uri.split():
        try:
            parts = urlsplit(uri)
        except ValueError:
            add("redirect_uri", "must be a valid URI.")
            continue
        if parts.fragment:
            add("redirect_uri", "cannot contain a fragment.")
        if not parts.scheme and not parts.netloc:
            add("redirect_uri", "must be an absolute URI.")
    if any(scope not in OAUTH_SCOPES for scope in a.scopes.split()):
        add("scopes", "doesn't match configured on the server.")
    return {k: v for k, v in errors.items() if v}


def list_applications(ctx: Ctx) -> Out:
    me = ctx.require_user()
    mine = [a for _, a in sorted(ctx.st.applications.items()) if a.owner_id == me.id]
    chunk, headers = paginate_seq(ctx, mine)
    return json_out([_render(a) for a in chunk], headers=headers)


def create_application(ctx: Ctx) -> Out:
    st = ctx.st
    me = ctx.require_user()
    v = validate(
        ctx.params,
        (
            P("name", required=True),
            P("redirect_uri", required=True),
            P("scopes", required=True, allow_blank=False),
            P("confidential", "bool", default=True),
        ),
    )
    app = Application(
        id=0,
        owner_id=me.id,
        uid=secrets.token_hex(32),
        secret=secrets.token_hex(32),
        name=v["name"],
        redirect_uri=v["redirect_uri"],
        scopes=" ".join(v["scopes"].split()),
        confidential=v["confidential"] if v["confidential"] is not None else True,
        created_at=st.now(),
    )
    errors = _model_errors(app)
    if errors:
        raise message_error(400, errors)
    app.id = st.next_id("application")
    st.applications[app.id] = app
    return json_out(_render(app, with_secret=True), 201)


def _owned(ctx: Ctx, me: User) -> Application:
    """``find_by_id`` (404 `Application Not Found`), then ``authorize!`` (403)."""
    app = ctx.st.applications.get(int_param(ctx, "id"))
    if app is None:
        raise not_found("Application")
    if app.owner_id != me.id and not me.is_admin:
        raise forbidden()
    return app


def get_application(ctx: Ctx) -> Out:
    return json_out(_render(_owned(ctx, ctx.require_user())))


def update_application(ctx: Ctx) -> Out:
    me = ctx.require_user()
    v = validate(ctx.params, (P("name"), P("scopes", allow_blank=False)))
    app = _owned(ctx, me)
    changed = Application(
        id=app.id,
        owner_id=app.owner_id,
        uid=app.uid,
        secret=app.secret,
        name=v["name"] if "name" in v and v["name"] is not None else app.name,
        redirect_uri=app.redirect_uri,
        scopes=" ".join(v["scopes"].split()) if v.get("scopes") is not None else app.scopes,
        confidential=app.confidential,
        created_at=app.created_at,
    )
    errors = _model_errors(changed)
    if errors:
        raise message_error(400, errors)
    ctx.st.applications[app.id] = changed
    return json_out(_render(changed))


def delete_application(ctx: Ctx) -> Out:
    app = _owned(ctx, ctx.require_user())
    del ctx.st.applications[app.id]
    return empty_out(204)


# Not API::Users: `read_user` tokens cannot use these routes.
ROUTES: tuple[RouteDef, ...] = (
    RouteDef("GET", "/user/applications", list_applications, pre="auth", read_user_scope=False),
    RouteDef("POST", "/user/applications", create_application, pre="auth", read_user_scope=False),
    RouteDef(
        "GET", "/user/applications/{id:int}", get_application, pre="auth", read_user_scope=False
    ),
    RouteDef(
        "PUT",
        "/user/applications/{id:int}",
        update_application,
        pre="auth",
        read_user_scope=False,
    ),
    RouteDef(
        "DELETE",
        "/user/applications/{id:int}",
        delete_application,
        pre="auth",
        read_user_scope=False,
    ),
)
