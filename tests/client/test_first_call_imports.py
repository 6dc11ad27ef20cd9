"""A fresh process's first call sends its request, then imports its models.

Each operation's resource method hands the client ``ANSWERS`` (a ``LazyResponses``),
not ``RESPONSES``: the models (and pydantic) behind them load at the answer's first
lookup. The client starts that load in a thread as soon as the request is written
(httpx's own transport says so through httpcore's ``trace`` events, the SDK's engines
through ``ON_SENT``), so the import runs while the server answers; a transport that says
nothing loads at the lookup, as before. The end-to-end tests run a script in a fresh
interpreter (an import happens once per process) against a raw socket server.
"""

from __future__ import annotations

import sys
import textwrap
import threading
import types
from typing import Any

import pytest

from gitlab_users_client._contract.response import LazyResponses, ResponseTypes
from gitlab_users_client._generated.api.users import users_block, users_get
from tests.fresh_process import run_script

ONE_GET = textwrap.dedent(
    """
    import importlib.abc, json, socket, sys, threading
    import anyio, httpx
    from gitlab_users_client import AsyncGitLab

    # Imported with the operation's answers, whichever of them the body is.
    MODEL = "gitlab_users_client._generated.models.user_details_with_admin"
    BODY = json.dumps({
        "id": 7, "username": "ada", "name": "Ada", "state": "active", "locked": False,
        "avatar_url": None, "web_url": "http://x/ada",
    }).encode()
    received = []
    arrived = threading.Condition()

    def serve(listener):
        conn, _ = listener.accept()
        with conn:
            data = b""
            while b"\\r\\n\\r\\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            with arrived:
                received.append(data.split(b" ")[1].decode())
                arrived.notify_all()
            conn.sendall(
                b"HTTP/1.1 200 OK\\r\\ncontent-type: application/json\\r\\n"
                b"content-length: %d\\r\\n\\r\\n%s" % (len(BODY), BODY)
            )
            conn.recv(1)  # until the client closes

    class Watch(importlib.abc.MetaPathFinder):
        seen = None

        def find_spec(self, name, path=None, target=None):
            if name == MODEL and Watch.seen is None:
                # Bounded: an import that ran before the request left finds nothing
                # arrived and gives up after the timeout.
                with arrived:
                    arrived.wait_for(lambda: received, timeout=20)
                Watch.seen = {
                    "arrived": list(received),
                    "thread": threading.current_thread().name,
                    "main": threading.current_thread() is threading.main_thread(),
                }
            return None

    def mock(request):  # a transport that reports nothing of its sending
        with arrived:
            received.append(request.url.raw_path.decode())
        return httpx.Response(200, content=BODY, headers={"content-type": "application/json"})

    async def main():
        listener = socket.create_server(("127.0.0.1", 0))
        threading.Thread(target=serve, args=(listener,), daemon=True).start()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        sys.meta_path.insert(0, Watch())
        kind = sys.argv[1]
        transport = httpx.MockTransport(mock) if kind == "mock" else kind
        options = {}
        if sys.argv[2] == "proxy":  # the server is the proxy; it answers for the origin
            url, options["proxy"] = "http://gitlab.example", url
        async with AsyncGitLab(url, token="glpat-x", transport=transport, **options) as gl:
            user = await gl.users.get(7)
        print(json.dumps({"user": [type(user).__name__, user.id, user.username],
                          "at_import": Watch.seen}))

    around = sys.argv[2]  # what users run around the client, or only the event loop
    if around == "otel":  # OpenTelemetry's httpx instrumentation wraps every transport
        from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
        HTTPXClientInstrumentor().instrument()
    if around == "respx":  # respx answers in place of httpcore: it reports nothing
        import respx
        with respx.mock:
            respx.get(url__regex=r"/users/7$").mock(side_effect=mock)
            anyio.run(main)
    elif around == "uvloop":
        anyio.run(main, backend_options={"use_uvloop": True})
    else:
        anyio.run(main, backend="trio" if around == "trio" else "asyncio")
    """
)


def run(transport: str, around: str) -> dict[str, Any]:
    return run_script(ONE_GET, transport, around)


@pytest.mark.parametrize(
    ("transport", "around"),
    [
        ("auto", "asyncio"),
        ("auto", "trio"),
        ("auto", "uvloop"),
        ("auto", "otel"),
        ("auto", "proxy"),
        ("asyncio", "asyncio"),
        ("aiohttp", "asyncio"),
        # The opt-in engines hand a proxied origin to httpx's proxy transport.
        ("asyncio", "proxy"),
    ],
)
def test_a_first_get_imports_its_models_while_the_server_answers(
    transport: str, around: str
) -> None:
    """httpx's own transport reports the request written through httpcore's ``trace``
    events, the SDK's engines through their own extension: either way the import
    starts in a thread once the request is out."""
    found = run(transport, around)
    assert found["user"] == ["UserProfile", 7, "ada"]
    at_import = found["at_import"]
    # The request had reached the server when the model's import began, in the thread
    # the client started once the request was written.
    # (In absolute form when the request went through a proxy.)
    target = "http://gitlab.example/api/v4/users/7" if around == "proxy" else "/api/v4/users/7"
    assert at_import["arrived"] == [target], found
    assert not at_import["main"], found
    assert at_import["thread"] == f"load {users_get.__name__}", found


@pytest.mark.parametrize(("transport", "around"), [("mock", "asyncio"), ("auto", "respx")])
def test_a_transport_that_reports_nothing_loads_the_models_at_the_answer(
    transport: str, around: str
) -> None:
    """A transport that says nothing of its sending (``httpx.MockTransport``, respx on
    the default client): the event loop imports the models when the answer is parsed,
    after it came back; the call works as before."""
    found = run(transport, around)
    assert found["user"] == ["UserProfile", 7, "ada"]
    assert found["at_import"]["arrived"] == ["/api/v4/users/7"], found
    assert found["at_import"]["main"], found


# -- LazyResponses on its own --------------------------------------------------------------


def fake_endpoint(
    monkeypatch: pytest.MonkeyPatch, name: str, build: Any
) -> tuple[types.ModuleType, list[str]]:
    """A module in ``sys.modules`` whose ``RESPONSES`` is built by ``build`` on first
    access, as a generated endpoint module's is; returns it and a log of the builds."""
    module = types.ModuleType(name)
    builds: list[str] = []

    def module_getattr(attr: str) -> Any:
        if attr != "RESPONSES":
            raise AttributeError(attr)
        builds.append(threading.current_thread().name)
        value = build()
        module.RESPONSES = value  # type: ignore[attr-defined]
        return value

    module.__getattr__ = module_getattr  # type: ignore[method-assign]
    monkeypatch.setitem(sys.modules, name, module)
    return module, builds


def test_lookups_load_once_and_only_lookups_load(monkeypatch: pytest.MonkeyPatch) -> None:
    _, builds = fake_endpoint(monkeypatch, "fake_endpoint_a", lambda: ResponseTypes({200: int}))
    answers: LazyResponses[int] = LazyResponses("fake_endpoint_a")
    assert not answers and builds == [] and answers.needs_import()
    assert "not loaded" in repr(answers)
    assert answers.get(200) is int and answers[200] is int and 200 in answers
    assert 201 not in answers and answers.get(201, "none") == "none"
    assert builds == ["MainThread"] and not answers.needs_import()
    assert repr(answers) == "LazyResponses(fake_endpoint_a: {200: <class 'int'>})"


def test_no_thread_once_the_module_has_built_its_responses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[object] = []
    monkeypatch.setattr(threading.Thread, "start", lambda self: started.append(self))
    users_get.RESPONSES  # noqa: B018  # built, as after any earlier call
    warm = LazyResponses[Any](users_get.__name__)
    assert not warm.needs_import()
    warm.prefetch()
    assert started == []
    # A module without models hands the client its RESPONSES themselves.
    assert users_block.ANSWERS is users_block.RESPONSES
    assert isinstance(users_get.ANSWERS, LazyResponses)


def test_prefetch_starts_one_thread_however_many_calls_ask(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()

    def slow() -> ResponseTypes[int]:
        assert release.wait(10)
        return ResponseTypes({200: int})

    _, builds = fake_endpoint(monkeypatch, "fake_endpoint_b", slow)
    answers: LazyResponses[int] = LazyResponses("fake_endpoint_b")
    before = threading.active_count()
    for _ in range(50):
        answers.prefetch()
    assert threading.active_count() == before + 1
    release.set()
    assert answers.get(200) is int  # waits for the thread on the lock
    assert builds == ["load fake_endpoint_b"]


def test_a_failed_load_in_the_thread_is_raised_by_the_lookup(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hooked: list[object] = []
    monkeypatch.setattr(threading, "excepthook", hooked.append)
    attempts: list[int] = []

    def broken() -> ResponseTypes[int]:
        attempts.append(1)
        raise ImportError("no models here")

    fake_endpoint(monkeypatch, "fake_endpoint_c", broken)
    answers: LazyResponses[int] = LazyResponses("fake_endpoint_c")
    answers.prefetch()
    with pytest.raises(ImportError, match="no models here"):
        answers.get(200)
    assert len(attempts) == 2  # the thread's, then the caller's own
    assert hooked == []  # nothing printed from the thread


async def test_the_trace_prefetches_once_the_request_is_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_endpoint(monkeypatch, "fake_endpoint_d", lambda: ResponseTypes({200: int}))
    calls: list[str] = []

    class Counted(LazyResponses[int]):
        __slots__ = ()

        def prefetch(self) -> None:
            calls.append("prefetch")

    answers = Counted("fake_endpoint_d")
    seen: list[str] = []

    async def previous(name: str, info: dict[str, Any]) -> None:
        seen.append(name)

    trace = answers.trace(previous)
    for event in (
        "connection.connect_tcp.complete",
        "http11.send_request_headers.complete",
        "http11.send_request_body.started",
    ):
        await trace(event, {})
    assert calls == []
    await trace("http11.send_request_body.complete", {})
    assert calls == ["prefetch"]
    assert seen[-1] == "http11.send_request_body.complete" and len(seen) == 4
    await answers.trace(None)("http2.send_request_body.complete", {})
    assert calls == ["prefetch", "prefetch"]
