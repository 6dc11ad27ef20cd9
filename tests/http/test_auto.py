"""Which engine carries the requests: httpx's own client by default, an opt-in engine
only when asked for.

A one-request script on the default loads none of the SDK's engines (nor aiohttp, nor
the fan-out and scan modules); the default client is httpx's own, with httpx's own
transport, under asyncio and trio; an opt-in engine is the only one used, and one that
needs asyncio says so under trio before anything is sent.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

from gitlab_users_client import AsyncGitLab, ConfigurationError

from .harness import run_on
from .hostile import Exchange, HostileServer

ROOT = Path(__file__).resolve().parents[2]
USER = b'{"id": 1, "username": "a", "name": "A", "state": "active", "web_url": "http://x/a"}'


def answer(exchange: Exchange, *, delay: float = 0.0) -> None:
    if delay and not exchange.sleep(delay):
        return
    exchange.send(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
        % (len(USER), USER)
    )
    exchange.keep_alive = True


def engines(gl: AsyncGitLab) -> list[str]:
    """The engines the client's transport has created so far."""
    transport: Any = gl._session.http._transport
    return sorted(transport._engines)


def test_a_one_shot_script_on_the_default_loads_none_of_the_sdks_engines() -> None:
    script = textwrap.dedent(
        """
        import asyncio, sys, threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        BODY = b'{"id": 1, "username": "a", "name": "A", "state": "active", "web_url": "x"}'

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(BODY)))
                self.end_headers()
                self.wfile.write(BODY)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}"

        # What `import httpx` loads by itself is not the SDK's doing (httpx < 0.28
        # imports httpcore's HTTP/1.1 code and h11 at once).
        import httpx
        baseline = set(sys.modules)
        from gitlab_users_client import AsyncGitLab

        def loaded():
            # aiohttp; the SDK's own engine and its framing; the fan-out and scan modules.
            names = ("._http.asyncio", "._http.aiohttp", "._http.h1", "._bulk", "._scan")
            return [
                m for m in sys.modules
                if m not in baseline and (m.startswith("aiohttp") or m.endswith(names))
            ]

        async def main():
            async with AsyncGitLab(url, token="glpat-x") as gl:
                for _ in range(3):
                    await gl.users.get(1)
                users = await asyncio.gather(*(gl.users.get(1) for _ in range(8)))
            print(loaded(), len(users))

        asyncio.run(main())
        server.shutdown()
        """
    )
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    result = subprocess.run(
        [sys.executable, "-W", "ignore::ResourceWarning", "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=True,
    )
    assert result.stdout.split() == ["[]", "8"], result.stdout + result.stderr


@pytest.mark.parametrize("loop", ["asyncio", "uvloop", "trio"])
@pytest.mark.parametrize("transport", ["auto", "httpcore"])
def test_the_default_is_httpxs_own_client_and_transport(loop: str, transport: str) -> None:
    async def main() -> tuple[object, object, int]:
        with HostileServer(lambda exchange: answer(exchange, delay=0.05)) as server:
            async with AsyncGitLab(server.url, token="glpat-x", transport=transport) as gl:  # type: ignore[arg-type]
                async with anyio.create_task_group() as group:
                    for _ in range(4):
                        group.start_soon(gl.users.get, 1)
                await gl.users.get(1)
                assert server.attempts == 5
                return gl._session.direct, gl._session.http._transport, server.connections

    direct, http_transport, connections = run_on(loop, main)
    assert direct is None  # every request goes through AsyncClient.send
    assert type(http_transport) is httpx.AsyncHTTPTransport  # built by httpx itself
    assert connections == 4  # kept alive and reused after the overlap


@pytest.mark.parametrize("forced", ["asyncio", "aiohttp"])
def test_an_opt_in_engine_is_the_only_one_used(forced: str) -> None:
    async def main() -> list[str]:
        with HostileServer(lambda exchange: answer(exchange, delay=0.05)) as server:
            async with AsyncGitLab(server.url, token="glpat-x", transport=forced) as gl:  # type: ignore[arg-type]
                await gl.users.get(1)
                async with anyio.create_task_group() as group:
                    for _ in range(3):
                        group.start_soon(gl.users.get, 1)
                return engines(gl)

    assert anyio.run(main, backend="asyncio") == [forced]


@pytest.mark.parametrize("forced", ["asyncio", "aiohttp"])
def test_an_asyncio_only_engine_under_trio_is_refused_before_sending(forced: str) -> None:
    async def main() -> int:
        with HostileServer(answer) as server:
            async with AsyncGitLab(server.url, token="glpat-x", transport=forced) as gl:  # type: ignore[arg-type]
                with pytest.raises(
                    ConfigurationError, match=f"the {forced} transport needs asyncio"
                ):
                    await gl.users.get(1)
            return server.attempts

    assert anyio.run(main, backend="trio") == 0


def test_aiohttp_not_installed_is_a_configuration_error_naming_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What an install without the "aiohttp" extra sees: the adapter cannot be imported.
    monkeypatch.setitem(sys.modules, "gitlab_users_client._http.aiohttp", None)

    async def main() -> int:
        with HostileServer(answer) as server:
            async with AsyncGitLab(server.url, token="glpat-x", transport="aiohttp") as gl:
                with pytest.raises(
                    ConfigurationError, match=r"gitlab-users-client\[aiohttp\]"
                ) as caught:
                    await gl.users.get(1)
                assert caught.value.__cause__ is None and caught.value.__context__ is None
            return server.attempts

    assert anyio.run(main, backend="asyncio") == 0
