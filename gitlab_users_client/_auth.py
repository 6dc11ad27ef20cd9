"""Credentials: which token, which header, and refusing ambiguous combinations."""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Literal

from ._exceptions import ConfigurationError
from ._redact import Secret

#: A token, or a (sync or async) callable returning the current one (for rotation).
TokenSource = str | Callable[[], str] | Callable[[], Awaitable[str]]
#: How a personal/project/group/impersonation token is sent. ``"bearer"`` is the
#: default because HTTP clients strip ``Authorization`` on cross-origin redirects.
TokenHeader = Literal["bearer", "private-token"]


#: What a token may contain: visible ASCII (no space, no control character).
_TOKEN_CHARS = re.compile(r"[\x21-\x7e]+")


def check_token(value: str, *, source: str = "the token") -> str:
    """The stripped token, or a :class:`ConfigurationError` that does not quote it."""
    value = value.strip()
    if not value:
        raise ConfigurationError(f"{source} is empty")
    if not _TOKEN_CHARS.fullmatch(value):
        raise ConfigurationError(
            f"{source} contains a character that is not visible ASCII "
            "(a space, a line break, a control or non-ASCII character); check how it was copied"
        )
    return value


class Credentials:
    """Produces the auth header for each request; never shows the token."""

    __slots__ = ("_header", "_kind", "_source")

    def __init__(
        self,
        kind: Literal["token", "oauth", "job", "none"],
        source: Secret | Callable[[], object] | None,
        header: str,
    ) -> None:
        self._kind = kind
        self._source = source
        self._header = header

    @property
    def kind(self) -> str:
        return self._kind

    @property
    def header_name(self) -> str | None:
        return self._header or None

    def __repr__(self) -> str:
        return f"Credentials(kind={self._kind!r}, header={self._header!r})"

    def __reduce__(self) -> str:
        # A token callable (e.g. a bound method of a vault client) may hold secrets too.
        raise TypeError("credentials cannot be pickled")

    async def headers(self) -> dict[str, str]:
        if self._source is None:
            return {}
        if isinstance(self._source, Secret):
            value = self._source.get()
        else:
            produced = self._source()
            if inspect.isawaitable(produced):
                produced = await produced
            if not isinstance(produced, str):
                raise ConfigurationError("the token callable must return a non-empty str")
            value = check_token(produced, source="the token returned by the token callable")
        if self._header == "Authorization":
            return {"Authorization": f"Bearer {value}"}
        return {self._header: value}


def _wrap(source: TokenSource) -> Secret | Callable[[], object]:
    if isinstance(source, str):
        return Secret(check_token(source))
    if callable(source):
        return source
    raise ConfigurationError(f"a token must be a str or a callable, not {type(source).__name__}")


def resolve_credentials(
    *,
    token: TokenSource | None,
    oauth_token: TokenSource | None,
    job_token: TokenSource | None,
    token_header: TokenHeader,
    environ: Mapping[str, str] | None = None,
) -> Credentials:
    """Pick the credentials from the arguments, else from the environment.

    Exactly one kind may be given explicitly. From the environment, ``GITLAB_TOKEN``
    wins over ``CI_JOB_TOKEN`` (CI jobs always have the latter).
    """
    given = {
        name: value
        for name, value in (
            ("token", token),
            ("oauth_token", oauth_token),
            ("job_token", job_token),
        )
        if value is not None
    }
    if len(given) > 1:
        raise ConfigurationError(
            f"pass only one of token, oauth_token and job_token (got {', '.join(sorted(given))})"
        )
    if token_header not in ("bearer", "private-token"):
        raise ConfigurationError(
            f"token_header must be 'bearer' or 'private-token', not {token_header!r}"
        )
    if not given:
        env = os.environ if environ is None else environ
        if env.get("GITLAB_TOKEN"):
            token = env["GITLAB_TOKEN"]
        elif env.get("CI_JOB_TOKEN"):
            job_token = env["CI_JOB_TOKEN"]
        else:
            return Credentials("none", None, "")
    if token is not None:
        header = "Authorization" if token_header == "bearer" else "PRIVATE-TOKEN"  # noqa: S105 - a header name
        return Credentials("token", _wrap(token), header)
    if oauth_token is not None:
        return Credentials("oauth", _wrap(oauth_token), "Authorization")
    assert job_token is not None
    return Credentials("job", _wrap(job_token), "JOB-TOKEN")
