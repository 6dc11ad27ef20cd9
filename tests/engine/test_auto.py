"""``transport="auto"``: httpcore while requests come one at a time, aiohttp once they overlap.

A one-request script must not pay for importing aiohttp; a client used concurrently
must end up on aiohttp; and the switch must never lose track of a request (a failed,
refused or cancelled one included), or a sequential client would switch for nothing.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import anyio
import pytest

from gitlab_users_client import APIConnectionError, AsyncGitLab, RetryPolicy

from .hostile import Exchange, HostileServer

ROOT = Path(__file__).resolve().parents[2]
USER = b'{"id": 1, "username": "a", "name": "A", "state": "active", "web_url": "http://x/a"}'
NO_RETRY = RetryPolicy(max_retries=0, budget=10.0)


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
    transport: Any = gl._shared.http._transport
    return sorted(transport._engines)


def in_flight(gl: AsyncGitLab) -> int:
    transport: Any = gl._shared.http._transport
    count: int = transport._in_flight
    return count


def test_sequential_calls_load_neither_aiohttp_nor_fan_out_overlapping_ones_do() -> None:
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

        from gitlab_users_client import AsyncGitLab

        async def main():
            async with AsyncGitLab(url, token="glpat-x") as gl:
                for _ in range(3):
                    await gl.users.get(1)
                print("aiohttp" in sys.modules)
                # Nor the modules for fan-out and scans.
                print([m for m in sys.modules if m.endswith(("._bulk", "._scan"))])
                users = await asyncio.gather(*(gl.users.get(1) for _ in range(8)))
                print(len(users), "aiohttp" in sys.modules)

        asyncio.run(main())
        server.shutdown()
        """
    )
    result = subprocess.run(
        [sys.executable, "-W", "ignore::ResourceWarning", "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    assert result.stdout.split() == ["False", "[]", "8", "True"], result.stdout + result.stderr


def test_overlapping_requests_move_the_client_to_aiohttp_for_good() -> None:
    async def main() -> tuple[list[str], list[str], list[str]]:
        with HostileServer(lambda exchange: answer(exchange, delay=0.05)) as server:
            async with AsyncGitLab(server.url, token="glpat-x") as gl:
                await gl.users.get(1)
                await gl.users.get(1)
                sequential = engines(gl)
                async with anyio.create_task_group() as group:
                    for _ in range(4):
                        group.start_soon(gl.users.get, 1)
                overlapped = engines(gl)
                await gl.users.get(1)  # one at a time again: it stays on aiohttp
                assert server.attempts == 7
                return sequential, overlapped, engines(gl)

    sequential, overlapped, later = anyio.run(main, backend="asyncio")
    assert sequential == ["httpcore-http"]
    assert overlapped == later == ["aiohttp", "httpcore-http"]


def test_a_fan_out_from_the_first_request_never_creates_httpcore() -> None:
    async def main() -> list[str]:
        with HostileServer(lambda exchange: answer(exchange, delay=0.05)) as server:
            async with AsyncGitLab(server.url, token="glpat-x") as gl:
                async with anyio.create_task_group() as group:
                    for _ in range(4):
                        group.start_soon(gl.users.get, 1)
                assert server.attempts == 4
                assert in_flight(gl) == 0
                return engines(gl)

    assert anyio.run(main, backend="asyncio") == ["aiohttp"]


def test_a_first_request_cancelled_before_it_was_sent_leaves_no_count() -> None:
    async def main() -> tuple[list[str], int]:
        with HostileServer(answer) as server:
            async with AsyncGitLab(server.url, token="glpat-x") as gl:
                with anyio.CancelScope() as scope:
                    scope.cancel()
                    await gl.users.get(1)
                assert in_flight(gl) == 0
                await gl.users.get(1)
                return engines(gl), server.attempts

    assert anyio.run(main, backend="asyncio") == (["httpcore-http"], 1)


def test_under_trio_auto_stays_on_httpcore_even_when_concurrent() -> None:
    async def main() -> list[str]:
        with HostileServer(lambda exchange: answer(exchange, delay=0.05)) as server:
            async with AsyncGitLab(server.url, token="glpat-x") as gl:
                async with anyio.create_task_group() as group:
                    for _ in range(4):
                        group.start_soon(gl.users.get, 1)
                assert server.attempts == 4
                return engines(gl)

    assert anyio.run(main, backend="trio") == ["httpcore-http"]


@pytest.mark.parametrize("forced", ["aiohttp", "httpcore"])
def test_a_forced_engine_is_the_only_one_used(forced: str) -> None:
    async def main() -> list[str]:
        with HostileServer(lambda exchange: answer(exchange, delay=0.05)) as server:
            async with AsyncGitLab(server.url, token="glpat-x", transport=forced) as gl:  # type: ignore[arg-type]
                await gl.users.get(1)
                async with anyio.create_task_group() as group:
                    for _ in range(3):
                        group.start_soon(gl.users.get, 1)
                return engines(gl)

    expected = ["aiohttp"] if forced == "aiohttp" else ["httpcore-http"]
    assert anyio.run(main, backend="asyncio") == expected


def test_failed_refused_and_cancelled_requests_are_no_longer_in_flight() -> None:
    def handler(exchange: Exchange) -> None:
        if exchange.target.endswith("/users/2"):  # never answered: the caller gives up
            exchange.sleep(5)
        elif exchange.target.endswith("/users/3"):  # a head every engine refuses
            fields = b"".join(b"X-F%d: v\r\n" % i for i in range(150))
            exchange.send(b"HTTP/1.1 200 OK\r\n" + fields + b"Content-Length: 0\r\n\r\n")
        elif exchange.target.endswith("/users/4"):  # dropped mid-body
            exchange.send(b'HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{"id"')
        else:
            answer(exchange)

    async def main() -> tuple[list[str], int]:
        with HostileServer(handler) as server:
            async with AsyncGitLab(server.url, token="glpat-x", retry_policy=NO_RETRY) as gl:
                with anyio.move_on_after(0.3) as scope:
                    await gl.users.get(2)
                assert scope.cancelled_caught
                assert in_flight(gl) == 0
                for user_id in (3, 4):
                    with pytest.raises(APIConnectionError):
                        await gl.users.get(user_id)
                    assert in_flight(gl) == 0
                await gl.users.get(1)
                return engines(gl), in_flight(gl)

    assert anyio.run(main, backend="asyncio") == (["httpcore-http"], 0)
