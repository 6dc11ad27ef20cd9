"""The rate gate's windows, driven directly: what each answer and each 429 teaches it.

No sockets and no executor: each test feeds ``RateGate`` the answers a request could get
and asks it what the next request must do. Time is trio's ``MockClock`` (it only moves
when a test jumps it), and the machine's wall clock is pinned to it, so every wait below
is exact. Nothing here measures how long anything took.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from email.utils import formatdate

import anyio
import httpx
import pytest
import trio
from trio.testing import MockClock

from gitlab_users_client._throttle import RateGate, quota_refusal, refusal

#: The server's Unix time when the mock clock reads 0.
BASE = 1_800_000_000
USERS = httpx.Request("GET", "https://gitlab.example.com/api/v4/users")
USER_1 = httpx.Request("GET", "https://gitlab.example.com/api/v4/users/1")
USER_2 = httpx.Request("GET", "https://gitlab.example.com/api/v4/users/2")


def run(test: Callable[[RateGate, MockClock], Awaitable[None]], **options: float | bool) -> None:
    clock = MockClock()

    async def main() -> None:
        gate = RateGate(**options)  # type: ignore[arg-type]
        gate.clock.wall = lambda: BASE + anyio.current_time()
        await test(gate, clock)

    trio.run(main, clock=clock)


def admitted(gate: RateGate, request: httpx.Request) -> int:
    """How many more requests the windows let go now (each counted as sent)."""
    count = 0
    while count < 20 and gate.quota_wait(request) is None:
        assert gate.take(request) is not None
        count += 1
    return count


def settled(gate: RateGate) -> bool:
    """Whether the gate knows the server's clock to within a second and a half."""
    return gate.clock.settled


def ok(**headers: str) -> httpx.Response:
    return httpx.Response(200, headers={k.replace("_", "-"): v for k, v in headers.items()})


def throttled(json: bool = False, **headers: str) -> httpx.Response:
    fields = {k.replace("_", "-"): v for k, v in headers.items()}
    if json:
        return httpx.Response(429, headers=fields, json={"message": "too many requests"})
    return httpx.Response(429, headers=fields, text="Retry later\n")


def test_a_used_up_window_holds_every_request_until_its_reset() -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        # Nothing counted yet (no ticket): the answer alone says the window is used up.
        answer = ok(RateLimit_Observed="3", RateLimit_Remaining="0", RateLimit_Reset=str(BASE + 5))
        gate.answered(None, USER_1, answer, cap=600, in_flight=0)
        assert gate.quota_wait(USERS) == pytest.approx(5.0, abs=0.01)
        clock.jump(2)
        assert gate.quota_wait(USER_1) == pytest.approx(3.0, abs=0.01)

    run(test)


def test_requests_in_flight_when_a_window_is_learnt_count_as_used() -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        # Three requests seen by the server, two more of this client still on their way:
        # the window's five are all taken.
        answer = ok(RateLimit_Observed="3", RateLimit_Remaining="2", RateLimit_Reset=str(BASE + 5))
        gate.answered(None, USER_1, answer, cap=600, in_flight=2)
        assert gate.quota_wait(USERS) == pytest.approx(5.0, abs=0.01)

    run(test)


def test_a_full_family_window_holds_its_requests_while_the_client_window_has_room() -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        client = ok(RateLimit_Observed="1", RateLimit_Remaining="9", RateLimit_Reset=str(BASE + 5))
        gate.answered(None, USERS, client, cap=600, in_flight=0)
        family = ok(
            RateLimit_Name="users_get_by_id",
            RateLimit_Observed="3",
            RateLimit_Remaining="0",
            RateLimit_Reset=str(BASE + 7),
        )
        gate.answered(None, USER_1, family, cap=600, in_flight=0)
        assert gate.quota_wait(USERS) is None
        assert gate.quota_wait(USER_2) == pytest.approx(7.0, abs=0.01)
        assert gate.take(USER_2) is None  # nor may it be counted as sent

    run(test)


def test_another_familys_pause_does_not_hide_the_clients_pause() -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        keys = httpx.Request("GET", "https://gitlab.example.com/api/v4/users/1/keys")
        gate.pause(3.0, cap=600, request=keys, response=throttled(json=True))
        gate.pause(5.0, cap=600)
        assert gate.remaining(USERS)[0] == pytest.approx(5.0)
        assert gate.remaining(keys)[0] == pytest.approx(5.0)

    run(test)


def test_an_expired_pause_is_dropped_without_hiding_the_next_one() -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        keys = httpx.Request("GET", "https://gitlab.example.com/api/v4/users/1/keys")
        gate.pause(1.0, cap=600, request=keys, response=throttled(json=True))
        gate.pause(5.0, cap=600)
        clock.jump(2)
        assert gate.remaining(USERS)[0] == pytest.approx(3.0)

    run(test)


@pytest.mark.parametrize("per_second", [None, 10.0])
def test_the_gate_stays_in_the_requests_path_while_it_has_something_to_hold(
    per_second: float | None,
) -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        assert gate.active is gate.paced
        keys = httpx.Request("GET", "https://gitlab.example.com/api/v4/users/1/keys")
        gate.pause(1.0, cap=600, request=keys, response=throttled(json=True))
        gate.pause(5.0, cap=600)
        clock.jump(2)
        gate.remaining(USERS)  # drops the expired pause: one still runs
        assert gate.active
        clock.jump(5)
        gate.remaining(USERS)  # none left: only a requests-per-second pace keeps it
        assert gate.active is gate.paced

    run(test, pace_from_headers=False, requests_per_second=per_second or 0.0)


def test_two_client_wide_throttles_each_get_their_window() -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        for name, remaining, reset in [
            ("throttle_authenticated_api", "0", 5),
            ("throttle_x", "9", 9),
        ]:
            answer = ok(
                RateLimit_Name=name,
                RateLimit_Observed="1",
                RateLimit_Remaining=remaining,
                RateLimit_Reset=str(BASE + reset),
            )
            gate.answered(None, USERS, answer, cap=600, in_flight=0)
        assert gate.quota_wait(USERS) == pytest.approx(5.0, abs=0.01)

    run(test)


def test_a_request_that_failed_unsent_gives_its_place_back() -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        answer = ok(RateLimit_Observed="1", RateLimit_Remaining="1", RateLimit_Reset=str(BASE + 5))
        gate.answered(None, USER_1, answer, cap=600, in_flight=0)
        assert gate.quota_wait(USERS) is None  # one of two left
        tickets = gate.take(USERS)
        assert tickets is not None
        assert gate.quota_wait(USERS) == pytest.approx(5.0, abs=0.01)
        gate.forget(tickets, sent=False)  # never left: the server did not count it
        assert gate.quota_wait(USERS) is None
        tickets = gate.take(USERS)
        assert tickets is not None
        gate.forget(tickets, sent=True)  # may have arrived: it stays counted
        assert gate.quota_wait(USERS) == pytest.approx(5.0, abs=0.01)

    run(test)


def test_a_429_without_a_wait_keeps_the_refused_request_counted() -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        answer = ok(RateLimit_Observed="1", RateLimit_Remaining="1", RateLimit_Reset=str(BASE + 5))
        gate.answered(None, USER_1, answer, cap=600, in_flight=0)
        tickets = gate.take(USERS)
        gate.refused(tickets, USERS, throttled(), None, cap=600)
        assert gate.quota_wait(USERS) == pytest.approx(5.0, abs=0.01)
        # Nor does a 429 without a wait for a request that was not counted change anything.
        gate.refused(None, USERS, throttled(), None, cap=600)
        assert gate.quota_wait(USERS) == pytest.approx(5.0, abs=0.01)

    run(test)


def test_a_429_for_a_request_that_was_not_counted_still_closes_the_window() -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        gate.refused(None, USERS, throttled(Retry_After="5"), 5.0, cap=600)
        assert gate.quota_wait(USERS) == pytest.approx(5.0, abs=0.01)

    run(test)


@pytest.mark.parametrize(
    ("wait", "cap", "closed_for"),
    [(5.0, 600.0, 5.0), (100.0, 10.0, 10.0), (5000.0, 10_000.0, 3600.0)],
    ids=["as-asked", "capped-by-the-policy", "at-most-an-hour"],
)
def test_a_429_closes_the_window_for_its_wait_within_the_caps(
    wait: float, cap: float, closed_for: float
) -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        tickets = gate.take(USERS)
        gate.refused(tickets, USERS, throttled(), wait, cap=cap)
        assert gate.quota_wait(USERS) == pytest.approx(closed_for, abs=0.01)

    run(test)


def test_with_pacing_from_headers_off_neither_headers_nor_429s_hold_requests() -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        tickets = gate.take(USERS)
        assert tickets == []
        answer = ok(RateLimit_Observed="3", RateLimit_Remaining="0", RateLimit_Reset=str(BASE + 5))
        gate.answered(tickets, USERS, answer, cap=600, in_flight=0)
        gate.refused(tickets, USERS, throttled(Retry_After="5"), 5.0, cap=600)
        assert gate.quota_wait(USERS) is None
        assert not gate.windows

    run(test, pace_from_headers=False)


def test_an_instance_throttle_429_closes_the_window_of_every_endpoint() -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        tickets = gate.take(USER_1)
        refused = throttled(Retry_After="5", RateLimit_Name="throttle_authenticated_api")
        gate.refused(tickets, USER_1, refused, 5.0, cap=600)
        assert gate.quota_wait(USERS) == pytest.approx(5.0, abs=0.01)
        assert gate.quota_wait(USER_2) == pytest.approx(5.0, abs=0.01)

    run(test)


def test_an_endpoint_throttle_429_closes_only_its_family_window() -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        tickets = gate.take(USER_1)
        gate.refused(tickets, USER_1, throttled(json=True, Retry_After="5"), 5.0, cap=600)
        assert gate.quota_wait(USER_2) == pytest.approx(5.0, abs=0.01)
        assert gate.quota_wait(USERS) is None

    run(test)


def test_headers_of_an_endpoint_throttle_hold_only_its_family() -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        tickets = gate.take(USER_1)
        answer = ok(
            RateLimit_Name="users_get_by_id",
            RateLimit_Observed="3",
            RateLimit_Remaining="0",
            RateLimit_Reset=str(BASE + 5),
        )
        gate.answered(tickets, USER_1, answer, cap=600, in_flight=0)
        assert gate.quota_wait(USER_2) == pytest.approx(5.0, abs=0.01)
        assert gate.quota_wait(USERS) is None

    run(test)


def test_an_answer_sent_before_its_window_was_known_does_not_release_that_windows_probe() -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        early = gate.take(USER_1)  # out before the endpoint's window was known
        by_id = {"RateLimit_Name": "users_get_by_id", "RateLimit_Observed": "1"}
        gate.answered(
            None,
            USER_1,
            ok(**by_id, RateLimit_Remaining="1", RateLimit_Reset=str(BASE + 5)),
            cap=600,
            in_flight=1,
        )
        clock.jump(6)
        # A new window: its first request goes alone, the others wait for its answer.
        assert gate.quota_wait(USER_1) is None
        probe = gate.take(USER_1)
        assert probe is not None
        assert isinstance(gate.quota_wait(USER_2), anyio.Event)
        # The early request's answer speaks of the new window, but it is not the probe.
        gate.answered(
            early,
            USER_1,
            ok(**by_id, RateLimit_Remaining="3", RateLimit_Reset=str(BASE + 10)),
            cap=600,
            in_flight=1,
        )
        assert isinstance(gate.quota_wait(USER_2), anyio.Event)
        gate.answered(
            probe,
            USER_1,
            ok(**by_id, RateLimit_Remaining="2", RateLimit_Reset=str(BASE + 10)),
            cap=600,
            in_flight=0,
        )
        assert gate.quota_wait(USER_2) is None

    run(test)


def test_the_window_after_a_learnt_one_counts_only_the_requests_really_in_flight() -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        by_id = {"RateLimit_Name": "users_get_by_id", "RateLimit_Observed": "1"}
        gate.answered(
            None,
            USER_1,
            ok(**by_id, RateLimit_Remaining="2", RateLimit_Reset=str(BASE + 5)),
            cap=600,
            in_flight=0,
        )
        clock.jump(6)
        probe = gate.take(USER_1)
        gate.answered(
            probe,
            USER_1,
            ok(**by_id, RateLimit_Remaining="2", RateLimit_Reset=str(BASE + 10)),
            cap=600,
            in_flight=0,
        )
        assert admitted(gate, USER_2) == 2

    run(test)


def test_the_date_of_an_answer_corrects_a_wrong_wall_clock() -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        gate.clock.wall = lambda: BASE + 30 + anyio.current_time()  # 30 s fast
        date = formatdate(BASE, usegmt=True)
        reset = str(BASE + 5)
        # The first answer's request was not timed (nothing to wait for): its Date
        # cannot place the server's clock.
        first = ok(Date=date, RateLimit_Remaining="10", RateLimit_Reset=reset)
        gate.answered(gate.take(USERS), USERS, first, cap=600, in_flight=0)
        assert not settled(gate)
        # The second was: the server's clock read BASE between its sending and its answer.
        tickets = gate.take(USERS)
        last = ok(
            Date=date, RateLimit_Observed="12", RateLimit_Remaining="0", RateLimit_Reset=reset
        )
        gate.answered(tickets, USERS, last, cap=600, in_flight=0)
        assert settled(gate)
        # The window ends 5 s from now (the server's BASE + 5, known to within the second
        # of the Date), not 25 s ago.
        wait = gate.quota_wait(USERS)
        assert isinstance(wait, float)
        assert 4.0 <= wait <= 5.01

    run(test)


def test_a_429s_reset_and_retry_after_place_the_servers_clock() -> None:
    async def test(gate: RateGate, clock: MockClock) -> None:
        gate.clock.wall = lambda: BASE + 30 + anyio.current_time()  # 30 s fast
        clock.jump(0.5)
        gate.answered(
            None,
            USERS,
            ok(RateLimit_Remaining="10", RateLimit_Reset=str(BASE + 5)),
            cap=600,
            in_flight=0,
        )
        tickets = gate.take(USERS)
        # Sent and answered at BASE + 0.5: Retry-After is the 4.5 s left, rounded up.
        refused = throttled(Retry_After="5", RateLimit_Reset=str(BASE + 5))
        gate.refused(tickets, USERS, refused, 5.0, cap=600)
        assert settled(gate)
        # The window ends at the Reset (within the second the server's clock is known
        # to), sooner than the whole-second Retry-After says.
        wait = gate.quota_wait(USERS)
        assert isinstance(wait, float)
        assert 3.5 <= wait < 4.6

    run(test)


def test_a_refusal_without_a_429_to_quote_says_retry_later() -> None:
    response = refusal(USERS, 2.5, None)
    assert response.status_code == 429
    assert response.content == b"Retry later\n"
    assert response.headers["Retry-After"] == "2.500"


def test_a_quota_refusal_says_what_is_used_up_and_when_the_next_window_opens() -> None:
    response = quota_refusal(USERS, 2.5)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "2.500"
    assert response.headers["Content-Type"] == "text/plain"
    assert response.text == (
        "not sent: the rate limit's current window is used up (RateLimit-Remaining); "
        "the next one opens in 2.5 s\n"
    )
