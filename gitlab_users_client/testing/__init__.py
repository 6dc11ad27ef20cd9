"""A fake GitLab Users API server for testing code that talks to GitLab.

It emulates the 77 routes of GitLab's Users REST API under ``/api/v4``, the authenticated
user's OAuth applications and the personal access token API (90 routes) with GitLab's own
semantics (entities per caller, auth and sudo, pagination headers, error bodies, rate
limits), over an in-memory state, and can inject faults deterministically. It is independent
of the SDK: it speaks JSON only, so it cannot hide SDK model bugs.

Ways to run it:

* in-process: ``app = create_app(state)`` with ``httpx.ASGITransport(app=app)``, or
  ``FakeGitLab.create(users=...)``;
* loopback in a thread: ``with FakeGitLabServer(users=1000) as server: ...``;
* as a process: ``python -m gitlab_users_client.testing serve --port 0 --users 10000``,
  or ``with FakeGitLabProcess(users=10000) as server: ...`` from Python;
* pytest: ``pytest_plugins = ["gitlab_users_client.testing.pytest_plugin"]`` gives the
  ``fake_gitlab`` and ``fake_gitlab_server`` fixtures.

Needs the ``testing`` extra (starlette, uvicorn).
"""

try:  # name the extra to install instead of a bare "No module named 'starlette'"
    import starlette as _starlette  # noqa: F401
    import uvicorn as _uvicorn  # noqa: F401
except ModuleNotFoundError as _missing:
    raise ModuleNotFoundError(
        f"the fake GitLab needs the 'testing' extra ({_missing.name} is not installed): "
        "pip install 'gitlab-users-client[testing]'",
        name=_missing.name,
    ) from None

from ._app import ConnectionDropped, create_app
from ._config import FakeConfig, RateLimit
from ._faults import ALL_ERROR_STATUSES, Faults, Stats, applied_key, body_hash
from ._process import FakeGitLabProcess
from ._records import SeedResult, Token, User
from ._server import FakeGitLabServer
from ._store import FakeState
from ._testing import FakeGitLab
from ._util import Clock, ManualClock

__all__ = [
    # state and app
    "FakeState",
    "SeedResult",
    "User",
    "Token",
    "create_app",
    "FakeGitLab",
    "FakeGitLabServer",
    "FakeGitLabProcess",
    # configuration
    "FakeConfig",
    "RateLimit",
    "Faults",
    "ALL_ERROR_STATUSES",
    "Clock",
    "ManualClock",
    # observation
    "Stats",
    "applied_key",
    "body_hash",
    "ConnectionDropped",
]
