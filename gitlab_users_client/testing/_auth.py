"""Credentials, token scopes, account state and sudo, in GitLab's order (reference §4.1-4.2).

* Credentials: ``PRIVATE-TOKEN`` header, ``private_token`` query/body parameter,
  ``Authorization: Bearer``, ``access_token`` parameter. ``JOB-TOKEN``/``job_token`` are not
  accepted by any Users route, so they are ignored (the request is anonymous).
* Any credential that is sent is validated, even on public routes: unknown → 401
  ``Bad Access Token.``, revoked/expired → 401 with GitLab's descriptions, each with a
  ``WWW-Authenticate`` header. Presenting a rotated (so revoked) token again also revokes
  the tokens rotated from it.
* Scopes: ``api`` allows everything; ``read_api`` any GET/HEAD; ``read_user`` GET/HEAD on the
  Users API routes (not the project-list routes). Otherwise 403 ``insufficient_scope``.
* Account state (decision): a token of a blocked, banned, LDAP-blocked, pending-approval or
  deactivated user authenticates but the API refuses it with 403
  ``"403 Forbidden - <UserAccessDeniedReason>"``, like GitLab's ``api_access_allowed?`` check.
* Sudo: ``sudo`` parameter first, then the ``Sudo`` header; checks in GitLab's order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._http import ApiError, forbidden, message_error, unauthorized

if TYPE_CHECKING:
    from ._records import User
    from ._routing import Ctx, Route

_BAD = "Bad Access Token."
_EXPIRED = "Token is expired. You can either do re-authorization or token refresh."
_REVOKED = "Token was revoked. You have to re-authorize from the user."


def _invalid_token(description: str) -> ApiError:
    return ApiError(
        401,
        {"error": "invalid_token", "error_description": description},
        headers={
            "WWW-Authenticate": (
                'Bearer realm="Protected by OAuth 2.0", error="invalid_token", '
                f'error_description="{description}"'
            )
        },
    )


def insufficient_scope(scopes: list[str]) -> ApiError:
    scope = " ".join(scopes)
    return ApiError(
        403,
        {
            "error": "insufficient_scope",
            "error_description": "The request requires higher privileges than provided by "
            "the access token.",
            "scope": scope,
        },
        headers={
            "WWW-Authenticate": (
                'Bearer realm="Protected by OAuth 2.0", error="insufficient_scope", '
                'error_description="The request requires higher privileges than provided by '
                f'the access token.", scope="{scope}"'
            )
        },
    )


def access_denied_reason(user: User, web_url: str) -> str | None:
    if user.state == "deactivated":
        return (
            "Your account has been deactivated by your administrator. Please log back in "
            f"from a web browser to reactivate your account at {web_url}"
        )
    if user.state == "blocked_pending_approval":
        return "Your account is pending approval from your administrator and hence blocked."
    if user.state in ("blocked", "ldap_blocked", "banned"):
        return "Your account has been blocked."
    return None


def credential(ctx: Ctx) -> str | None:
    h = ctx.headers
    if h.get("private-token"):
        return h["private-token"]
    v = ctx.params.get("private_token")
    if isinstance(v, str) and v:
        return v
    auth = h.get("authorization", "")
    if auth[:7].lower() == "bearer " and auth[7:].strip():
        return auth[7:].strip()
    v = ctx.params.get("access_token")
    if isinstance(v, str) and v:
        return v
    return None


def allowed_scopes(ctx: Ctx, route: Route) -> list[str]:
    scopes = ["api"]
    if ctx.method in ("GET", "HEAD"):
        scopes.append("read_api")
        if route.read_user_scope:
            scopes.append("read_user")
    scopes.extend(route.extra_scopes)
    return scopes


def authenticate(ctx: Ctx, route: Route) -> None:
    """Resolve ``ctx.user``/``ctx.token`` (and sudo) or raise the GitLab error."""
    st = ctx.st
    cred = credential(ctx)
    if cred is not None:
        tok = st.tokens.get(cred)
        if tok is None:
            raise _invalid_token(_BAD)
        if tok.revoked:
            # AuthFinders: a revoked token that was rotated may have leaked; using it
            # revokes every token rotated from it (RevokeTokenFamilyService).
            st.revoke_successors(tok)
            raise _invalid_token(_REVOKED)
        if tok.is_expired(st.clock.today()):
            raise _invalid_token(_EXPIRED)
        user = st.users.get(tok.user_id)
        if user is None:
            raise _invalid_token(_BAD)
        allowed = allowed_scopes(ctx, route)
        if not set(tok.scopes) & set(allowed):
            raise insufficient_scope(allowed)
        reason = access_denied_reason(user, st.config.web_url)
        if reason is not None:
            raise forbidden(reason)
        tok.last_used_at = st.now()
        if ctx.client_ip and ctx.client_ip not in tok.last_used_ips:
            tok.last_used_ips = [ctx.client_ip, *tok.last_used_ips][:5]
        ctx.user = user
        ctx.token = tok
    sudo_raw = ctx.params.get("sudo")
    if sudo_raw is None or sudo_raw == "":
        sudo_raw = ctx.headers.get("sudo")
    if sudo_raw is not None and sudo_raw != "":
        sudo_id = str(sudo_raw)
        if ctx.user is None:
            raise unauthorized()
        if not ctx.user.is_admin:
            raise forbidden("Must be admin to use sudo")
        if ctx.token is None:
            raise forbidden(
                "Must be authenticated using an OAuth or Personal Access Token to use sudo"
            )
        if "sudo" not in ctx.token.scopes:
            raise insufficient_scope(["sudo"])
        target = st.find_user(sudo_id)
        if target is None:
            raise message_error(404, f"404 User with ID or username '{sudo_id}' Not Found")
        ctx.user = target
        ctx.sudo = True
    if route.pre == "auth":
        ctx.require_user()
    elif route.pre == "admin":
        ctx.require_admin()
