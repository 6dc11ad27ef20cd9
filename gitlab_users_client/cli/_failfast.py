"""Fail fast: a bulk job stops before it changes anything, or soon after things go wrong.

* :func:`preflight`: one ``GET /user`` before the first action. A refused token (401),
  a token that may not act (403), or a caller who is not an administrator for an
  administrators' action stops the job with one clear line, before any change. It also
  says who the token's user is, whom lock-out actions leave out.
* :class:`Breaker`: a circuit breaker during the job. After ``threshold`` consecutive
  items failed the same *systemic* way (the token refused, GitLab unreachable, every
  request a 5xx) the job stops starting items: the rest would fail the same way, one
  retry loop at a time. Failures that concern one user (404, a 403 "cannot ban banned
  users", a validation error) are not systemic and reset the count, as a success does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gitlab_users_client import (
    APIConnectionError,
    AsyncGitLab,
    AuthenticationError,
    PermissionDeniedError,
)

from ._errors import CLIError, describe

__all__ = ["DEFAULT_THRESHOLD", "Breaker", "Caller", "PreflightFailed", "preflight", "systemic"]

#: Consecutive systemic failures that stop a job (``--breaker``).
DEFAULT_THRESHOLD = 10

#: Filters GitLab silently drops for callers who are not administrators.
ADMIN_FILTERS = ("created_after", "created_before", "two_factor", "without_projects")


class PreflightFailed(CLIError):
    """The preflight ``GET /user`` says the job cannot work: nothing was done (exit 1)."""

    exit_code = 1


@dataclass(frozen=True, slots=True)
class Caller:
    """The token's user, as ``GET /user`` says."""

    id: int
    username: str
    is_admin: bool


async def preflight(
    gl: AsyncGitLab, action: str, *, admin_only: bool, filters: dict[str, Any] | None = None
) -> Caller:
    """Who the token is, refusing before any change a token that cannot do ``action``."""
    try:
        me = await gl.user.get()
    except AuthenticationError as exc:
        raise PreflightFailed(
            f"GitLab refused the token ({describe(exc)}): it is missing, wrong, expired or "
            f"revoked. Nothing was done: bulk {action} checks the token before the first change"
        ) from None
    except PermissionDeniedError as exc:
        raise PreflightFailed(
            f"the token may not be used ({describe(exc)}): it lacks the api scope, or its "
            "user is blocked. Nothing was done"
        ) from None
    caller = Caller(me.id, me.username, getattr(me, "is_admin", False) is True)
    if admin_only and not caller.is_admin:
        raise PreflightFailed(
            f"bulk {action} needs an administrator's token, and the token's user "
            f"{caller.username!r} (ID {caller.id}) is not an administrator: every item would "
            "fail with 403 Forbidden. Nothing was done"
        )
    used = [name for name in ADMIN_FILTERS if name in (filters or {})]
    if used and not caller.is_admin:
        flags = ", ".join("--" + name.replace("_", "-") for name in used)
        raise PreflightFailed(
            f"GitLab ignores {flags} unless the token's user is an administrator: the "
            "selection would be wider than asked, so nothing was done"
        )
    return caller


def _token_refused(error: Any) -> bool:
    """A 403 about the token or its user, not about the user acted on."""
    body = getattr(error, "body", None)
    if isinstance(body, dict) and body.get("error") == "insufficient_scope":
        return True
    message = str(getattr(error, "message", "")).lower()
    return message in ("forbidden", "403 forbidden") or "your account" in message


def systemic(error: BaseException | None) -> str | None:
    """The kind of a failure that would hit every item alike, else ``None``."""
    status = getattr(error, "status_code", None)
    if status == 401:
        return "unauthorized"
    if status == 403 and _token_refused(error):
        return "forbidden"
    if isinstance(status, int) and status >= 500:
        return "server"
    if isinstance(error, APIConnectionError):
        return "unreachable"
    return None


_HINTS = {
    "unauthorized": (
        "GitLab refused the token (401 Unauthorized): it may have expired or been revoked "
        "while the job ran"
    ),
    "forbidden": (
        "GitLab refused the token (403 Forbidden): its user may no longer be an "
        "administrator, or may have been blocked, or the token lacks a scope"
    ),
    "server": "GitLab answered with server errors (5xx): it may be down or overloaded",
    "unreachable": (
        "GitLab could not be reached (connection errors): check the URL, the network and any proxy"
    ),
}


class Breaker:
    """Counts consecutive failures of one systemic kind; :meth:`record` says when to stop.

    ``threshold=0`` never trips.
    """

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold
        self.kind: str | None = None
        self.streak = 0
        #: The kind that tripped the breaker, once it has.
        self.tripped: str | None = None

    def record(self, error: BaseException | None, *, neutral: bool = False) -> bool:
        """Count one finished item; ``True`` the first time the breaker trips.

        ``neutral``: the item says nothing about GitLab (skipped, not attempted).
        """
        if neutral:
            return False
        kind = systemic(error)
        if kind is None:
            self.kind, self.streak = None, 0
            return False
        self.streak = self.streak + 1 if kind == self.kind else 1
        self.kind = kind
        if self.threshold and self.streak >= self.threshold and self.tripped is None:
            self.tripped = kind
            return True
        return False

    def reason(self) -> str:
        """Why the job stopped, for the items it did not attempt."""
        return f"the job stopped after {self.threshold} consecutive failures ({self.tripped})"

    def hint(self) -> str:
        """What went wrong and what to do, after the breaker tripped."""
        return (
            f"stopped: {self.threshold} items in a row failed the same way. "
            f"{_HINTS.get(self.tripped or '', 'GitLab failed every request')}. The items not "
            "yet attempted were left alone"
        )
