"""Which failures the circuit breaker counts as systemic (one kind, in a row)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from gitlab_users_client import APIConnectionError
from gitlab_users_client._exceptions import status_error
from gitlab_users_client.cli._actions import ActionFailed
from gitlab_users_client.cli._errors import LookupFailed
from gitlab_users_client.cli._failfast import Breaker, systemic

URL = "http://gitlab.example/api/v4/users/5/ban"


def _error(status: int, body: Any) -> Exception:
    request = httpx.Request("POST", URL)
    return status_error(httpx.Response(status, json=body, request=request))


def _refused() -> Exception:
    error = APIConnectionError("ConnectError: refused", method="POST", url=URL)
    error.__cause__ = httpx.ConnectError("refused")
    return error


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (_error(401, {"message": "401 Unauthorized"}), "unauthorized"),
        (
            _error(401, {"error": "invalid_token", "error_description": "Token was revoked."}),
            "unauthorized",
        ),
        (_error(403, {"message": "403 Forbidden"}), "forbidden"),  # not an admin any more
        (_error(403, {"error": "insufficient_scope", "error_description": "x"}), "forbidden"),
        (_error(403, {"message": "403 Forbidden - Your account has been blocked."}), "forbidden"),
        (_error(502, {"message": "502 Bad Gateway"}), "server"),
        (_error(500, {"message": "500 Internal Server Error"}), "server"),
        (_refused(), "unreachable"),
        # About one user: never systemic.
        (_error(403, {"message": "You cannot ban banned users."}), None),
        (
            _error(
                403, {"message": "403 Forbidden - LDAP blocked users cannot be modified by the API"}
            ),
            None,
        ),
        (_error(404, {"message": "404 User Not Found"}), None),
        (_error(409, {"message": "User does not have a pending request"}), None),
        (_error(400, {"message": {"email": ["is invalid"]}}), None),
        (LookupFailed("user 'x' not found"), None),
        (ActionFailed("GitLab did not unblock the user"), None),
    ],
)
def test_systemic_kinds(error: Exception, kind: str | None) -> None:
    assert systemic(error) == kind


def test_the_breaker_trips_on_one_kind_in_a_row() -> None:
    breaker = Breaker(3)
    server, refused = _error(503, {}), _refused()
    assert not breaker.record(server) and not breaker.record(server)
    assert not breaker.record(refused)  # another kind starts a new count
    assert not breaker.record(None, neutral=True)  # a skipped item says nothing
    assert not breaker.record(refused)
    assert breaker.record(refused) and breaker.tripped == "unreachable"
    assert not breaker.record(refused)  # trips once
    assert "could not be reached" in breaker.hint()
    reset = Breaker(2)
    for error in (server, None, server, _error(404, {}), server):
        assert not reset.record(error)  # a success or a per-user failure resets it
    assert not Breaker(0).record(server)  # 0: never
