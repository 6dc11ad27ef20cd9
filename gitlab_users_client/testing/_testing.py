"""The in-process bundle handed out by the ``fake_gitlab`` fixture (and usable directly)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from starlette.applications import Starlette

from ._app import create_app
from ._config import FakeConfig
from ._faults import Faults
from ._store import FakeState

IN_PROCESS_URL = "http://gitlab.fake"


@dataclass
class FakeGitLab:
    """A seeded state, its ASGI app and the two tokens; ``client()`` needs no sockets."""

    state: FakeState
    app: Starlette
    admin_token: str
    user_token: str
    url: str = IN_PROCESS_URL

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/v4"

    @classmethod
    def create(
        cls,
        *,
        users: int = 30,
        seed: int = 0,
        config: FakeConfig | None = None,
        faults: Faults | None = None,
    ) -> FakeGitLab:
        state = FakeState(config, faults)
        seeded = state.seed_users(users, seed=seed)
        return cls(state, create_app(state), seeded.admin_token, seeded.user_token)

    def transport(self) -> httpx.ASGITransport:
        return httpx.ASGITransport(app=self.app)

    def client(self, token: str | None = None, **kwargs: Any) -> httpx.AsyncClient:
        """An ``httpx.AsyncClient`` wired to the app (``base_url`` = the in-process URL)."""
        headers = dict(kwargs.pop("headers", {}) or {})
        if token is not None:
            headers["PRIVATE-TOKEN"] = token
        return httpx.AsyncClient(
            transport=self.transport(),
            base_url=kwargs.pop("base_url", self.url),
            headers=headers,
            **kwargs,
        )
