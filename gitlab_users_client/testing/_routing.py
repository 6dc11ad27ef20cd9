"""Route table and per-request context.

A hand-rolled table instead of Starlette's router because GitLab's matching rules matter to
clients: ``:id`` segments match digits only, ``:user_id`` sometimes also usernames, other
Integer path parameters match any segment and then fail Grape's coercion (400 ``<name> is
invalid``), one trailing slash is ignored, anything unmatched (including a known path with an
unsupported method, which GitLab's catch-all route swallows) is ``404 {"error":"404 Not
Found"}``, and every GET also answers HEAD. The table is built per app from the explicit
module list in ``_routes.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ._util import dumps

if TYPE_CHECKING:
    from ._records import Token, User
    from ._store import FakeState

Pre = Literal["none", "auth", "admin"]


@dataclass
class Out:
    """A handler result."""

    status: int = 200
    body: bytes = b""
    content_type: str | None = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


def json_out(value: Any, status: int = 200, headers: dict[str, str] | None = None) -> Out:
    return Out(status, dumps(value), "application/json", headers or {})


def bytes_out(body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> Out:
    return Out(status, body, "application/json", headers or {})


def empty_out(status: int) -> Out:
    return Out(status, b"", None)


@dataclass
class Ctx:
    st: FakeState
    method: str
    path: str  # path below the host, e.g. /api/v4/users
    base_url: str  # scheme://host[:port]
    query_pairs: list[tuple[str, str]]
    params: dict[str, Any]
    path_params: dict[str, str]
    headers: dict[str, str]  # lower-cased names
    client_ip: str
    user: User | None = None
    token: Token | None = None
    sudo: bool = False
    response_headers: dict[str, str] = field(default_factory=dict)

    @property
    def is_admin(self) -> bool:
        return self.user is not None and self.user.is_admin

    def require_user(self) -> User:
        from ._http import unauthorized

        if self.user is None:
            raise unauthorized()
        return self.user

    def require_admin(self) -> User:
        """``authenticated_as_admin!``: 401 anonymous, 403 non-admin."""
        from ._http import forbidden

        user = self.require_user()
        if not user.is_admin:
            raise forbidden()
        return user


Handler = Callable[[Ctx], Out]


@dataclass(frozen=True)
class RouteDef:
    """One row of a route module's ``ROUTES`` table.

    ``template`` segments: ``{name}`` any segment, ``{name:digits}`` digits only (GitLab's
    ``requirements: {id: /[0-9]*/}``: anything else is not this route), ``{name:int}`` any
    segment that must then coerce to an Integer (Grape answers 400 ``<name> is invalid``).
    ``pre`` is the route's ``before`` block: ``auth`` (401 anonymous) or ``admin``.
    """

    method: str
    template: str
    handler: Handler
    pre: Pre = "none"
    read_user_scope: bool = True
    extra_scopes: tuple[str, ...] = ()


@dataclass
class Route:
    method: str
    template: str
    regex: re.Pattern[str]
    handler: Handler
    pre: Pre = "none"
    read_user_scope: bool = True
    extra_scopes: tuple[str, ...] = ()
    name: str = ""
    int_params: tuple[str, ...] = ()


_CONVERTERS = {"digits": r"[0-9]+", "int": r"[^/]+", "str": r"[^/]+"}
_PARAM = re.compile(r"\{([^}]+)\}")


def compile_template(template: str) -> re.Pattern[str]:
    def repl(m: re.Match[str]) -> str:
        name, _, conv = m.group(1).partition(":")
        return f"(?P<{name}>{_CONVERTERS[conv or 'str']})"

    return re.compile("^" + _PARAM.sub(repl, template) + "$")


def _int_params(template: str) -> tuple[str, ...]:
    return tuple(
        name
        for name, _, conv in (m.group(1).partition(":") for m in _PARAM.finditer(template))
        if conv == "int"
    )


class RouteTable:
    """The routes of one app, in matching order (the first match wins)."""

    def __init__(self, defs: Iterable[RouteDef]) -> None:
        self.routes: list[Route] = [
            Route(
                d.method,
                d.template,
                compile_template(d.template),
                d.handler,
                d.pre,
                d.read_user_scope,
                d.extra_scopes,
                d.handler.__name__,
                _int_params(d.template),
            )
            for d in defs
        ]

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        """The route for ``method``/``path``; HEAD uses the GET route, and one trailing slash
        is ignored (Grape matches ``/users/1/`` like ``/users/1``)."""
        lookup = "GET" if method == "HEAD" else method
        if len(path) > 1 and path.endswith("/"):
            path = path[:-1]
        for r in self.routes:
            if r.method != lookup:
                continue
            m = r.regex.match(path)
            if m:
                return r, m.groupdict()
        return None
