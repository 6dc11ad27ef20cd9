"""Opening, closing, garbage collection, trio, and cancellation."""

from __future__ import annotations

import gc
import warnings
from typing import cast

import anyio
import anyio.lowlevel
import httpx
import pytest
import sniffio

from gitlab_users_client import AsyncGitLab, ConfigurationError
from tests.mock_gitlab import BASE, USER


def answer_user(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=USER)


def mock() -> httpx.MockTransport:
    return httpx.MockTransport(answer_user)


# pytest-asyncio runs in "auto" mode here and claims every ``async def`` test, including
# ones marked ``@pytest.mark.anyio`` (they would silently run on asyncio only). The
# backend-parametrized tests are therefore sync tests that start the event loop
# themselves with ``anyio.run(..., backend=anyio_backend)``.
@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    backend: str = request.param
    return backend


# -- closing --------------------------------------------------------------------------------


async def test_async_with_returns_the_client_and_closes_it() -> None:
    async with AsyncGitLab(BASE, transport=mock()) as gl:
        assert isinstance(gl, AsyncGitLab)
        assert not gl.is_closed
        user = await gl.users.get(1)
        assert user.id == 1
    assert cast(bool, gl.is_closed)  # a property: closing changed it
    assert gl._session.http.is_closed


async def test_async_with_closes_on_error() -> None:
    with pytest.raises(KeyError):
        async with AsyncGitLab(BASE, transport=mock()) as gl:
            raise KeyError("boom")
    assert gl.is_closed
    assert gl._session.http.is_closed


async def test_aclose_twice_is_fine() -> None:
    gl = AsyncGitLab(BASE, transport=mock())
    await gl.users.get(1)
    await gl.aclose()
    await gl.aclose()
    await gl.with_options(sudo="alice").aclose()
    assert gl.is_closed


async def test_aclose_closes_the_transport_it_was_given() -> None:
    closed: list[bool] = []

    class Transport(httpx.MockTransport):
        async def aclose(self) -> None:
            closed.append(True)

    gl = AsyncGitLab(BASE, transport=Transport(answer_user))
    await gl.users.get(1)
    await gl.aclose()
    assert closed == [True]


async def test_request_after_close_raises_runtime_error() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer_user(request)

    gl = AsyncGitLab(BASE, transport=httpx.MockTransport(handler))
    copy = gl.with_options(sudo="alice")
    await gl.aclose()
    with pytest.raises(RuntimeError, match="closed"):
        await gl.users.get(1)
    with pytest.raises(RuntimeError, match="closed"):
        await copy.users.get(1)
    with pytest.raises(RuntimeError, match="closed"):
        await gl.users.list().to_list()
    with pytest.raises(RuntimeError, match="closed"):
        await gl.request("GET", "/users")
    with pytest.raises(RuntimeError, match="closed"):
        async with gl:
            await gl.users.get(1)
    assert seen == []


async def test_injected_http_client_is_left_open() -> None:
    http = httpx.AsyncClient(transport=mock())
    async with AsyncGitLab(BASE, http_client=http) as gl:
        await gl.users.get(1)
    assert gl.is_closed
    assert not http.is_closed
    with pytest.raises(RuntimeError, match="closed"):
        await gl.users.get(1)
    await http.aclose()


# -- garbage collection -------------------------------------------------------------------------


def abandon_client() -> None:
    gl = AsyncGitLab(BASE, transport=mock())
    # A resource refers back to its client: a reference cycle only the collector frees.
    assert gl.users._client is gl
    del gl
    gc.collect()


def test_unclosed_client_warns_when_garbage_collected() -> None:
    with pytest.warns(ResourceWarning, match="without being closed"):
        abandon_client()


def test_unclosed_client_with_a_copy_warns_once_when_both_are_gone() -> None:
    gl = AsyncGitLab(BASE, transport=mock())
    copy = gl.with_options(sudo="alice")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del gl
        gc.collect()
        # The copy still holds the pool: no warning yet.
        assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []
        del copy
        gc.collect()
    resource = [w for w in caught if issubclass(w.category, ResourceWarning)]
    assert len(resource) == 1
    assert "without being closed" in str(resource[0].message)


async def test_closed_client_does_not_warn() -> None:
    gl = AsyncGitLab(BASE, transport=mock())
    await gl.users.get(1)
    await gl.aclose()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del gl
        gc.collect()
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []


async def test_client_with_injected_http_client_does_not_warn() -> None:
    http = httpx.AsyncClient(transport=mock())
    gl = AsyncGitLab(BASE, http_client=http)
    await gl.users.get(1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del gl
        gc.collect()
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []
    await http.aclose()


# -- asyncio and trio -----------------------------------------------------------------------------


def test_works_under_each_backend(anyio_backend: str) -> None:
    seen: list[str] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        seen.append(sniffio.current_async_library())
        await anyio.lowlevel.checkpoint()
        if request.url.path.endswith("/users"):
            return httpx.Response(200, json=[USER, {**USER, "id": 2, "username": "bob"}])
        return httpx.Response(200, json=USER)

    async def main() -> None:
        assert sniffio.current_async_library() == anyio_backend
        async with AsyncGitLab(
            BASE, token="glpat-x", transport=httpx.MockTransport(handler), max_concurrency=2
        ) as gl:
            user = await gl.users.get(1)
            assert user.username == "alice"
            names = [item.username async for item in gl.users.list()]
            assert names == ["alice", "bob"]
            result = await gl.users.get_many([1, 2, 3], concurrency=2)
            assert [outcome.ok for outcome in result] == [True, True, True]
        assert gl.is_closed

    anyio.run(main, backend=anyio_backend)
    assert seen and set(seen) == {anyio_backend}


def test_aiohttp_transport_is_refused_under_trio() -> None:
    async def main() -> None:
        async with AsyncGitLab(BASE, transport="aiohttp") as gl:
            with pytest.raises(ConfigurationError, match="asyncio"):
                await gl.users.get(1)

    anyio.run(main, backend="trio")


def test_cancelling_a_call_leaves_the_client_usable(anyio_backend: str) -> None:
    started = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal started
        started += 1
        if started == 1:
            await anyio.sleep(30)
        return httpx.Response(200, json=USER)

    async def main() -> None:
        # One slot only: a slot leaked by the cancelled call would hang the next one.
        async with AsyncGitLab(
            BASE, transport=httpx.MockTransport(handler), max_concurrency=1
        ) as gl:
            with anyio.move_on_after(0.05) as scope:
                await gl.users.get(1)
            assert scope.cancelled_caught
            with anyio.fail_after(5):
                user = await gl.users.get(1)
            assert user.id == 1
            assert not gl.is_closed
            assert gl._session.executor.slots.in_use == 0

    anyio.run(main, backend=anyio_backend)
    assert started == 2


def test_cancelling_during_retry_backoff_leaves_the_client_usable(anyio_backend: str) -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            # Asks for a 20 s wait before the retry.
            return httpx.Response(503, headers={"Retry-After": "20"})
        return httpx.Response(200, json=USER)

    async def main() -> None:
        async with AsyncGitLab(
            BASE, transport=httpx.MockTransport(handler), max_concurrency=1
        ) as gl:
            with anyio.move_on_after(0.05) as scope:
                await gl.users.get(1)
            assert scope.cancelled_caught
            with anyio.fail_after(5):
                user = await gl.users.get(1)
            assert user.id == 1

    anyio.run(main, backend=anyio_backend)
    assert calls == 2


def test_aclose_inside_a_cancelled_scope_still_closes(anyio_backend: str) -> None:
    async def main() -> None:
        gl = AsyncGitLab(BASE, transport=mock())
        await gl.users.get(1)
        with anyio.CancelScope() as scope:
            scope.cancel()
            await gl.aclose()
        assert gl.is_closed
        assert gl._session.http.is_closed

    anyio.run(main, backend=anyio_backend)
