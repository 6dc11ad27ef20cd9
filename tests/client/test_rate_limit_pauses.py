"""What a 429 (or an exhausted quota) pauses, for how long, and what a paused call sees.

Waits are checked from below only (a request never goes out before its pause is over),
never from above: the machine may be slow, it is never early.
"""

from __future__ import annotations

import random
import time
from email.utils import formatdate

import anyio
import httpx
import pytest
import trio
from scripted_server import (
    BACKENDS,
    ENDPOINT_BODY,
    USER,
    Server,
    endpoint_429,
    instance_429,
    ok,
    run,
)
from trio.testing import MockClock

from gitlab_users_client import RateLimitError, RetryPolicy
from gitlab_users_client._retry import Attempts, Executor, Send
from gitlab_users_client._throttle import RateGate, endpoint_key, retry_after_seconds

NOW = 1_700_000_000.0


@pytest.mark.parametrize(
    ("path", "family"),
    [
        ("/api/v4/users", "GET /users"),
        ("/api/v4/users/42", "GET /users/{id}"),
        ("/api/v4/users/alice", "GET /users/{id}"),
        ("/api/v4/users/42/keys/7", "GET /users/{id}/keys/{id}"),
        ("/api/v4/users/alice/projects", "GET /users/{id}/projects"),
        ("/gitlab/api/v4/users/42/keys/7", "GET /users/{id}/keys/{id}"),
        ("/api/v4/user/keys/7", "GET /user/keys/{id}"),
        ("/api/v4/user/keys", "GET /user/keys"),
        ("/api/v4/user_counts", "GET /user_counts"),
        ("/users/42", "GET /users/{id}"),
        ("/api/v4/users/42/", "GET /users/{id}/"),
    ],
)
def test_an_endpoint_family_replaces_ids_and_usernames(path: str, family: str) -> None:
    assert endpoint_key("GET", path) == family
    assert endpoint_key("POST", path) == family.replace("GET", "POST", 1)


@pytest.mark.parametrize(
    ("headers", "wait"),
    [
        ({"Retry-After": "120"}, 120.0),
        ({"Retry-After": " 1.5 "}, 1.5),
        ({"Retry-After": "0"}, 0.0),
        ({"Retry-After": "-5"}, 0.0),
        ({"Retry-After": formatdate(NOW + 10, usegmt=True)}, 11.0),
        ({"Retry-After": formatdate(NOW - 100, usegmt=True)}, 0.0),
        ({"Retry-After": "3", "RateLimit-Reset": str(int(NOW) + 30)}, 3.0),
        ({"Retry-After": "soon", "RateLimit-Reset": str(int(NOW) + 30)}, 30.0),
        ({"Retry-After": "", "RateLimit-Reset": "7"}, 7.0),
        ({"RateLimit-Reset": str(int(NOW) + 30)}, 30.0),
        ({"RateLimit-Reset": f" {int(NOW) + 30} "}, 30.0),
        ({"RateLimit-Reset": str(int(NOW) - 30)}, 0.0),
        ({"RateLimit-Reset": "45"}, 45.0),
        ({"RateLimit-Reset": "-3"}, 0.0),
        # Up to 10^9 it is a number of seconds; above, a Unix time (10^9 is 2001).
        ({"RateLimit-Reset": "1000000000"}, 1e9),
        ({"RateLimit-Reset": "1000000001"}, 0.0),
    ],
)
def test_the_wait_a_server_asks_for(headers: dict[str, str], wait: float) -> None:
    assert retry_after_seconds(httpx.Headers(headers), now=NOW) == wait


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Retry-After": ""},
        {"Retry-After": "soon"},
        {"Retry-After": "Mon, 32 Jan 2024 00:00:00 GMT"},
        {"Retry-After": "Mon, 01 Jan 2024 25:00:00 GMT"},
        {"Retry-After": "Mon, 01 Jan 99999 00:00:00 GMT"},
        {"RateLimit-Reset": ""},
        {"RateLimit-Reset": "soon"},
        {"RateLimit-Reset": "2030-01-01T00:00:00Z"},
        {"RateLimit-Reset": "0x10"},
        {"Retry-After": "soon", "RateLimit-Reset": "later"},
    ],
)
def test_a_malformed_wait_is_no_wait_at_all(headers: dict[str, str]) -> None:
    assert retry_after_seconds(httpx.Headers(headers), now=NOW) is None


def test_the_wait_is_counted_from_now_by_default() -> None:
    reset = int(time.time()) + 1000
    wait = retry_after_seconds(httpx.Headers({"RateLimit-Reset": str(reset)}))
    assert wait is not None and 990 < wait <= 1000


def json_429(**headers: str) -> httpx.Response:
    return httpx.Response(429, headers={"Retry-After": "60", **headers}, json=ENDPOINT_BODY)


def text_429(content_type: str | None, **headers: str) -> httpx.Response:
    if content_type is not None:
        headers["Content-Type"] = content_type
    return httpx.Response(429, headers={"Retry-After": "60", **headers}, content=b"Retry later\n")


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("answer", "scope"),
    [
        (lambda: json_429(), "endpoint"),
        (lambda: json_429(**{"Content-Type": "Application/JSON; charset=utf-8"}), "endpoint"),
        (lambda: json_429(**{"RateLimit-Name": "users_get_by_id"}), "endpoint"),
        (lambda: json_429(**{"RateLimit-Name": "not_throttle_x"}), "endpoint"),
        (lambda: json_429(**{"RateLimit-Name": "throttle_authenticated_api"}), "client"),
        (lambda: text_429("text/plain", **{"RateLimit-Name": "throttle_x"}), "client"),
        (lambda: text_429("text/plain"), "client"),
        (lambda: text_429("text/html"), "client"),
        (lambda: text_429(None), "client"),
    ],
    ids=[
        "json",
        "json-charset",
        "json-app-throttle-name",
        "json-other-name",
        "json-throttle-name",
        "text-throttle-name",
        "text",
        "html",
        "no-content-type",
    ],
)
def test_which_429_pauses_the_client_and_which_only_its_endpoint(
    backend: str, answer: object, scope: str
) -> None:
    server = Server(lambda r, n: answer() if n == 1 else None)  # type: ignore[operator]

    async def main() -> None:
        async with server.client(retry_budget=5) as gl:
            with pytest.raises(RateLimitError):
                await gl.users.get(1)  # 60 s is beyond the budget: fails at once
            # The same family is paused either way: refused without being sent.
            with pytest.raises(RateLimitError):
                await gl.users.get(2)
            if scope == "endpoint":
                page = await gl.users.list().first_page()
                assert len(page.items) == 1
            else:
                with pytest.raises(RateLimitError):
                    await gl.users.list().first_page()

    run(backend, main)
    assert server.sent("/api/v4/users/1") == 1
    assert server.sent("/api/v4/users/2") == 0
    assert server.sent("/api/v4/users") == (1 if scope == "endpoint" else 0)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_paused_call_fails_with_what_the_429_said_and_the_time_left(backend: str) -> None:
    server = Server(lambda r, n: endpoint_429("60") if n == 1 else None)

    async def main() -> None:
        async with server.client(retry_budget=5) as gl:
            with pytest.raises(RateLimitError):
                await gl.users.get(1)
            with pytest.raises(RateLimitError) as refused:
                await gl.users.get(2)
        error = refused.value
        assert error.body == ENDPOINT_BODY
        assert error.response.headers["content-type"] == "application/json"
        assert error.retry_after is not None and 50 < error.retry_after <= 60
        assert float(error.response.headers["retry-after"]) == error.retry_after

    run(backend, main)
    assert len(server.arrivals) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_call_paused_by_an_instance_429_carries_its_throttle_name(backend: str) -> None:
    server = Server(lambda r, n: instance_429("60") if n == 1 else None)

    async def main() -> None:
        async with server.client(retry_budget=5) as gl:
            with pytest.raises(RateLimitError):
                await gl.users.get(1)
            with pytest.raises(RateLimitError, match="Retry later") as refused:
                await gl.users.list().first_page()
        headers = refused.value.response.headers
        assert headers["ratelimit-name"] == "throttle_authenticated_api"
        assert headers["content-type"] == "text/plain"

    run(backend, main)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_shorter_pause_never_cuts_a_longer_one_short(backend: str) -> None:
    async def answer(request: httpx.Request, number: int) -> httpx.Response:
        if request.url.path == "/api/v4/users/1":
            return instance_429("60")
        await anyio.sleep(0.2)  # answers after the 60 s pause has started
        return instance_429("0.3")

    server = Server(answer)

    async def main() -> None:
        async with server.client(retry_budget=5) as gl:
            async with anyio.create_task_group() as tasks:

                async def call(user_id: int) -> None:
                    with pytest.raises(RateLimitError):
                        await gl.users.get(user_id)

                tasks.start_soon(call, 2)
                await anyio.sleep(0.05)
                tasks.start_soon(call, 1)
            with pytest.raises(RateLimitError) as later:
                await gl.users.list().first_page()
        assert later.value.retry_after is not None and later.value.retry_after > 50

    run(backend, main)
    assert server.sent("/api/v4/users") == 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_longer_endpoint_pause_outlasts_a_shorter_client_pause(backend: str) -> None:
    def answer(request: httpx.Request, number: int) -> httpx.Response | None:
        if number == 1:
            return endpoint_429("60")  # GET /users/{id}: 60 s
        if number == 2:
            return instance_429("0.3")  # everything: 0.3 s
        return None

    server = Server(answer)

    async def main() -> None:
        async with server.client(retry_budget=5) as gl:
            with pytest.raises(RateLimitError):
                await gl.users.get(1)
            page = await gl.users.list().first_page()  # its own 429, waited out
            assert len(page.items) == 1
            with pytest.raises(RateLimitError) as refused:
                await gl.users.get(2)  # still under the 60 s of its family
            assert refused.value.retry_after is not None and refused.value.retry_after > 50
            await gl.users.list().first_page()

    run(backend, main)
    assert server.sent("/api/v4/users/2") == 0
    assert server.sent("/api/v4/users") == 3
    list_calls = [a.at for a in server.arrivals if a.path == "/api/v4/users"]
    assert list_calls[1] - list_calls[0] >= 0.3


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_call_under_two_pauses_is_told_the_longer(backend: str) -> None:
    def answer(request: httpx.Request, number: int) -> httpx.Response:
        return endpoint_429("60") if number == 1 else instance_429("30")

    server = Server(answer)

    async def main() -> None:
        async with server.client(retry_budget=5) as gl:
            with pytest.raises(RateLimitError):
                await gl.users.get(1)  # GET /users/{id}: 60 s
            with pytest.raises(RateLimitError):
                await gl.users.list().first_page()  # everything: 30 s
            with pytest.raises(RateLimitError) as both:
                await gl.users.get(2)
            with pytest.raises(RateLimitError) as one:
                await gl.users.list().first_page()
        assert both.value.retry_after is not None and 50 < both.value.retry_after <= 60
        assert one.value.retry_after is not None and 20 < one.value.retry_after <= 30

    run(backend, main)
    assert len(server.arrivals) == 2


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_expired_pause_does_not_hide_one_still_running(backend: str) -> None:
    def answer(request: httpx.Request, number: int) -> httpx.Response:
        return endpoint_429("0.2") if number < 3 else instance_429("60")

    server = Server(answer)

    async def main() -> None:
        async with server.client(retry_budget=0.1) as gl:
            with pytest.raises(RateLimitError):
                await gl.users.get(1)  # GET /users/{id}: 0.2 s, more than the budget
            with pytest.raises(RateLimitError):
                await gl.user.get()  # GET /user: 0.2 s
            with pytest.raises(RateLimitError):
                await gl.users.list().first_page()  # everything: 60 s
            await anyio.sleep(0.3)  # the first two pauses are over, the third is not
            with pytest.raises(RateLimitError) as refused:
                await gl.users.get(2)
        assert refused.value.retry_after is not None and refused.value.retry_after > 50

    run(backend, main)
    assert len(server.arrivals) == 3


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("retry_after", ["0.3", formatdate(0, usegmt=True)])
def test_a_429_is_retried_no_sooner_than_it_asked(backend: str, retry_after: str) -> None:
    server = Server(lambda r, n: instance_429(retry_after) if n == 1 else None)
    policy = RetryPolicy(budget=10, backoff_base=0.2, backoff_max=0.2)

    async def main() -> None:
        async with server.client(retry_policy=policy) as gl:
            user = await gl.users.get(1)
        assert user.id == USER["id"]

    run(backend, main)
    first, second = server.arrivals
    # A date in the past is "now": the retry backs off instead (more than 0 s).
    assert second.at - first.at >= (0.3 if retry_after == "0.3" else 0.0)
    assert second.at > first.at


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_call_waits_out_a_pause_another_call_earned(backend: str) -> None:
    server = Server(lambda r, n: instance_429("0.4") if n == 1 else None)

    async def main() -> None:
        async with server.client(retry_budget=10) as gl, anyio.create_task_group() as tasks:
            tasks.start_soon(gl.users.get, 1)
            await anyio.sleep(0.1)
            for user_id in (2, 3, 4):
                tasks.start_soon(gl.users.get, user_id)

    run(backend, main)
    limited = server.arrivals[0].at
    assert len(server.arrivals) == 5
    assert all(arrival.at - limited >= 0.4 for arrival in server.arrivals[1:])


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("remaining", "paused"),
    [("0", True), (" 0 ", True), ("1", False), ("", False), ("none", False)],
)
def test_an_exhausted_quota_pauses_the_client_before_the_next_request(
    backend: str, remaining: str, paused: bool
) -> None:
    # GitLab's RateLimit-Reset is a Unix time.
    headers = {"RateLimit-Remaining": remaining, "RateLimit-Reset": str(int(time.time()) + 60)}
    server = Server(lambda r, n: ok(r, headers))

    async def main() -> None:
        async with server.client(retry_budget=5) as gl:
            await gl.users.get(1)
            if paused:
                with pytest.raises(RateLimitError) as refused:
                    await gl.users.list().first_page()
                # Nothing was sent: the refusal says why.
                assert b"window is used up" in refused.value.response.content
                assert refused.value.retry_after is not None
                # At most 60 s, plus the second the server's Date (whole seconds) can lag.
                assert 50 < refused.value.retry_after <= 61
            else:
                await gl.users.list().first_page()

    run(backend, main)
    assert len(server.arrivals) == (1 if paused else 2)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("reset", ["soon", "", "0"])
def test_an_exhausted_quota_without_a_usable_reset_pauses_nothing(backend: str, reset: str) -> None:
    headers = {"RateLimit-Remaining": "0", "RateLimit-Reset": reset}
    server = Server(lambda r, n: ok(r, headers))

    async def main() -> None:
        async with server.client(retry_budget=5) as gl:
            await gl.users.get(1)
            await gl.users.get(1)

    run(backend, main)
    assert len(server.arrivals) == 2


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_quota_pause_is_waited_out_and_capped(backend: str) -> None:
    headers = {"RateLimit-Remaining": "0", "RateLimit-Reset": str(int(time.time()) + 86400)}
    server = Server(lambda r, n: ok(r, headers))
    policy = RetryPolicy(budget=10, max_pause=0.3)

    async def main() -> None:
        async with server.client(retry_policy=policy) as gl:
            await gl.users.get(1)
            await gl.users.get(1)

    run(backend, main)
    first, second = server.arrivals
    assert 0.3 <= second.at - first.at < 5


@pytest.mark.parametrize("backend", BACKENDS)
def test_pace_from_headers_off_ignores_an_exhausted_quota(backend: str) -> None:
    headers = {"RateLimit-Remaining": "0", "RateLimit-Reset": str(int(time.time()) + 60)}
    server = Server(lambda r, n: ok(r, headers))

    async def main() -> None:
        async with server.client(retry_budget=5, pace_from_headers=False) as gl:
            await gl.users.get(1)
            await gl.users.get(1)

    run(backend, main)
    assert len(server.arrivals) == 2


@pytest.mark.parametrize("backend", BACKENDS)
def test_requests_per_second_still_paces_once_a_pause_is_over(backend: str) -> None:
    server = Server(lambda r, n: instance_429("0.2") if n == 1 else None)

    async def main() -> None:
        async with server.client(requests_per_second=10, retry_budget=10) as gl:
            await gl.users.get(1)  # a 429, its pause waited out
            await anyio.sleep(0.3)  # the pause is long over
            async with anyio.create_task_group() as tasks:
                for user_id in range(5):
                    tasks.start_soon(gl.users.get, user_id)

    run(backend, main)
    burst = [arrival.at for arrival in server.arrivals[2:]]
    assert len(burst) == 5
    # Four intervals of 100 ms between five requests (less a little: the slot is taken
    # just before sending).
    assert burst[-1] - burst[0] >= 0.35


def scripted(*responses: httpx.Response) -> tuple[list[float], Send]:
    """A ``send`` for the Executor that answers with ``responses`` in turn."""
    arrivals: list[float] = []
    queue = list(responses)

    async def send(request: httpx.Request) -> httpx.Response:
        arrivals.append(anyio.current_time())
        response = queue.pop(0)
        response.request = request
        return response

    return arrivals, send


@pytest.mark.parametrize("jitter", ["none", "largest"])
@pytest.mark.parametrize("pause", [0.2, 6.0])
def test_a_waiter_sleeps_past_the_pause_by_at_most_a_quarter_of_it_and_a_second(
    monkeypatch: pytest.MonkeyPatch, jitter: str, pause: float
) -> None:
    # Every random draw at one end of its range; trio's mock clock jumps over the sleeps.
    monkeypatch.setattr(random, "uniform", lambda a, b: a if jitter == "none" else b)
    arrivals, send = scripted(httpx.Response(200, json=USER))
    attempts = Attempts()

    async def main() -> None:
        gate = RateGate()
        executor = Executor(max_concurrency=1, gate=gate)
        request = httpx.Request("GET", "https://gitlab.example.com/api/v4/users/1")
        gate.pause(pause, cap=600, request=request, response=instance_429())
        started = anyio.current_time()
        response = await executor.send(send, request, RetryPolicy(budget=60), attempts)
        assert response.status_code == 200
        assert arrivals[0] - started == pytest.approx(attempts.waited)

    trio.run(main, clock=MockClock(autojump_threshold=0))
    assert attempts.retries == 1
    jitter_max = min(1.0, 0.25 * pause)
    expected = pause if jitter == "none" else pause + jitter_max
    assert attempts.waited == pytest.approx(expected)


def test_requests_per_second_sends_the_first_at_once_then_one_per_interval() -> None:
    arrivals, send = scripted(*(httpx.Response(200, json=USER) for _ in range(4)))

    async def main() -> None:
        executor = Executor(max_concurrency=4, gate=RateGate(requests_per_second=10))
        started = anyio.current_time()
        async with anyio.create_task_group() as tasks:
            for user_id in range(4):
                request = httpx.Request("GET", f"https://gitlab.example.com/api/v4/users/{user_id}")
                tasks.start_soon(executor.send, send, request, RetryPolicy(), Attempts())
        assert [at - started for at in arrivals] == pytest.approx([0.0, 0.1, 0.2, 0.3])

    trio.run(main, clock=MockClock(autojump_threshold=0))


def test_a_rate_gate_paces_from_headers_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(random, "uniform", lambda a, b: a)  # no jitter
    base = 1_800_000_000  # the server's clock (Unix time) when the mock clock reads 0
    exhausted = {"RateLimit-Remaining": "0", "RateLimit-Reset": str(base + 5)}
    arrivals, send = scripted(
        httpx.Response(200, json=USER, headers=exhausted), httpx.Response(200, json=USER)
    )

    async def main() -> None:
        gate = RateGate()
        gate.clock.wall = lambda: base + anyio.current_time()
        executor = Executor(max_concurrency=1, gate=gate)
        request = httpx.Request("GET", "https://gitlab.example.com/api/v4/users/1")
        await executor.send(send, request, RetryPolicy(), Attempts())
        await executor.send(send, request, RetryPolicy(), Attempts())
        # The window's end, and a few milliseconds for clocks that disagree that much.
        assert arrivals[1] - arrivals[0] == pytest.approx(5.0, abs=0.05)

    trio.run(main, clock=MockClock(autojump_threshold=0))
