"""Running one SDK call on one engine, and checking what came out of it."""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import anyio
import pytest

from gitlab_users_client import AsyncGitLab, RetryPolicy

#: The credential every conformance call carries; it must never show up anywhere.
TOKEN = "glpat-CONFORMANCE-s3cr3t-0123456789"
#: Retries are on (one), with backoffs short enough for a fast suite.
POLICY = RetryPolicy(max_retries=1, budget=10.0, backoff_base=0.01, backoff_max=0.02)
#: No call in the suite may take longer than this, whatever the server does.
HANG_GUARD = 8.0

#: (transport, event loop): every engine the SDK can run on, on every loop it supports.
#: "auto" is the default, httpx's own client; "asyncio" and "aiohttp" are the opt-in
#: engines (asyncio only, uvloop included).
ENGINES = {
    "default-asyncio": ("auto", "asyncio"),
    "default-uvloop": ("auto", "uvloop"),
    "default-trio": ("auto", "trio"),
    "asyncio": ("asyncio", "asyncio"),
    "asyncio-uvloop": ("asyncio", "uvloop"),
    "aiohttp": ("aiohttp", "asyncio"),
    "aiohttp-uvloop": ("aiohttp", "uvloop"),
}


def run_on(loop: str, main: Callable[[], Awaitable[Any]]) -> Any:
    """``anyio.run(main)`` on ``loop``: "asyncio", "uvloop" (asyncio's API) or "trio"."""
    if loop == "uvloop":
        return anyio.run(main, backend="asyncio", backend_options={"use_uvloop": True})
    return anyio.run(main, backend=loop)


@pytest.fixture(params=list(ENGINES))
def engine(request: pytest.FixtureRequest) -> tuple[str, str]:
    return ENGINES[request.param]


@dataclass
class Outcome:
    value: Any
    error: BaseException | None
    wall: float
    records: list[logging.LogRecord] = field(default_factory=list)

    def raised(self, error_type: type[BaseException]) -> Any:
        """The exception, checked to be exactly ``error_type``."""
        assert self.error is not None, f"expected {error_type.__name__}, got {self.value!r}"
        assert type(self.error) is error_type, (
            f"expected {error_type.__name__}, got {type(self.error).__name__}: {self.error}"
        )
        return self.error


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def call(
    engine: tuple[str, str],
    url: str,
    action: Callable[[AsyncGitLab], Awaitable[Any]],
    *,
    token: Any = TOKEN,
    **options: Any,
) -> Outcome:
    """Run ``action(gl)`` on a fresh client on ``engine``; never raises what the call raised."""
    transport, backend = engine
    options.setdefault("retry_policy", POLICY)
    handler = _Records()
    logger = logging.getLogger("gitlab_users_client")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)

    async def main() -> Any:
        async with AsyncGitLab(url, token=token, transport=transport, **options) as gl:  # type: ignore[arg-type]
            with anyio.fail_after(HANG_GUARD):
                return await action(gl)

    started = time.monotonic()
    value: Any = None
    error: BaseException | None = None
    try:
        value = run_on(backend, main)
    except Exception as exc:
        error = exc
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    outcome = Outcome(value, error, time.monotonic() - started, handler.records)
    assert not isinstance(error, TimeoutError) or hasattr(error, "method"), (
        f"the call hung past {HANG_GUARD} s"
    )
    assert_no_secret(outcome)
    return outcome


def _texts(error: BaseException) -> list[str]:
    texts = ["".join(traceback.format_exception(error))]
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        texts += [str(current), repr(current), repr(current.args)]
        for value in vars(current).values():
            texts.append(repr(value))
            request = getattr(value, "request", None)
            if request is not None:
                texts.append(repr(list(request.headers.raw)))
        try:
            request = getattr(current, "request", None)
        except RuntimeError:  # an httpx error without a request
            request = None
        if request is not None:
            texts.append(repr(list(request.headers.raw)))
        pending += [current.__cause__, current.__context__]
    return texts


def assert_no_secret(outcome: Outcome, secret: str = TOKEN) -> None:
    """The token is in no exception text, repr, traceback, cause chain or log record."""
    texts: list[str] = []
    if outcome.error is not None:
        texts += _texts(outcome.error)
    for record in outcome.records:
        texts.append(record.getMessage())
        if record.exc_info and record.exc_info[1] is not None:
            texts += _texts(record.exc_info[1])
    for text in texts:
        assert secret not in text
        assert secret[6:24] not in text
