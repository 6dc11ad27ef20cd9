"""Bounded fan-out: results in input order, every item accounted for exactly once."""

from __future__ import annotations

import anyio
import httpx
import pytest

from gitlab_users_client import (
    APIConnectionError,
    AsyncGitLab,
    BulkError,
    NotFoundError,
    RetryPolicy,
    ServerError,
    map_concurrently,
)
from gitlab_users_client.testing import FakeGitLab, Faults


def client(fake: FakeGitLab, **kwargs: object) -> AsyncGitLab:
    return AsyncGitLab(fake.url, token=fake.admin_token, transport=fake.transport(), **kwargs)  # type: ignore[arg-type]


async def test_five_thousand_gets_come_back_in_input_order() -> None:
    fake = FakeGitLab.create(users=5_000, seed=1)
    ids = [user.id for user in fake.state.iter_users()]
    ids.reverse()
    async with client(fake) as gl:
        result = await gl.users.get_many(ids, concurrency=32)
    assert len(result) == 5_000
    assert [outcome.index for outcome in result] == list(range(5_000))
    assert [user.id for user in result.values()] == ids
    assert fake.state.stats.by_method["GET"] == 5_000  # no duplicates, no retries needed


async def test_with_faults_every_item_is_a_result_or_an_error() -> None:
    fake = FakeGitLab.create(users=400, seed=2)
    fake.state.engine.set_faults(Faults(seed=9, error_rate=0.2, drop_rate=0.05, methods=["GET"]))
    ids = [user.id for user in fake.state.iter_users()] + [999_999]  # one that does not exist
    async with client(fake, max_retries=0) as gl:
        result = await gl.users.get_many(ids, concurrency=16)
    assert len(result) == len(ids)
    assert [outcome.item for outcome in result] == ids
    failed = result.failed
    assert failed  # with 25% faults and no retries some must fail
    assert all(
        isinstance(o.error, ServerError | APIConnectionError | NotFoundError) for o in failed
    )
    assert all(o.value is not None and o.value.id == o.item for o in result.succeeded)
    assert isinstance(result.outcomes[-1].error, NotFoundError)
    with pytest.raises(BulkError) as raised:
        result.values()
    assert len(raised.value.failures) == len(failed)


async def test_retries_turn_faults_into_results() -> None:
    fake = FakeGitLab.create(users=300, seed=3)
    fake.state.engine.set_faults(Faults(seed=4, error_rate=0.15, drop_rate=0.05, methods=["GET"]))
    ids = [user.id for user in fake.state.iter_users()]
    policy = RetryPolicy(max_retries=8, budget=60, backoff_base=0.001, backoff_max=0.01)
    async with client(fake, retry_policy=policy) as gl:
        result = await gl.users.get_many(ids, concurrency=16)
    assert not result.failed
    assert [user.id for user in result.values()] == ids


async def test_raise_mode_cancels_the_rest() -> None:
    started: list[int] = []

    async def work(item: int) -> int:
        started.append(item)
        if item == 3:
            raise ValueError("boom")
        await anyio.sleep(0.01 if item < 3 else 10)
        return item

    with anyio.fail_after(5), pytest.raises(ValueError, match="boom"):
        await map_concurrently(work, range(100), concurrency=4, errors="raise")
    assert len(started) < 100


async def test_cancelling_the_caller_stops_everything_promptly() -> None:
    in_flight = 0
    finished = 0

    async def slow(item: int) -> int:
        nonlocal in_flight, finished
        in_flight += 1
        try:
            await anyio.sleep(30)
        finally:
            in_flight -= 1
        finished += 1
        return item

    with anyio.fail_after(5):
        with anyio.move_on_after(0.1):
            await map_concurrently(slow, range(1_000), concurrency=50)
    assert in_flight == 0
    assert finished == 0


async def test_concurrency_limit_is_shared_by_the_client_and_its_copies() -> None:
    active = 0
    peak = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        await anyio.sleep(0.005)
        active -= 1
        user_id = int(request.url.path.rsplit("/", 1)[-1])
        return httpx.Response(
            200,
            json={
                "id": user_id,
                "username": f"u{user_id}",
                "name": "U",
                "state": "active",
                "web_url": "https://x",
            },
        )

    async with AsyncGitLab(
        "https://gitlab.example.com",
        token="t",
        transport=httpx.MockTransport(handler),
        max_concurrency=4,
    ) as gl:
        copy = gl.with_options(sudo="someone")

        async def fetch(user_id: int) -> int:
            target = gl if user_id % 2 else copy
            return (await target.users.get(user_id)).id

        result = await map_concurrently(fetch, range(1, 101), concurrency=40)
    assert result.values() == list(range(1, 101))
    assert peak == 4


async def test_on_outcome_sees_each_item_once() -> None:
    seen: list[int] = []

    async def double(item: int) -> int:
        if item % 7 == 0:
            raise RuntimeError("seven")
        return item * 2

    result = await map_concurrently(
        double, range(50), concurrency=8, on_outcome=lambda o: seen.append(o.index)
    )
    assert sorted(seen) == list(range(50))
    assert len(result.failed) == len([i for i in range(50) if i % 7 == 0])
    with pytest.raises(ValueError, match="concurrency"):
        await map_concurrently(double, [1], concurrency=0)


async def test_slots_hand_over_and_survive_cancellation() -> None:
    from gitlab_users_client._retry import Slots

    slots = Slots(1)
    await slots.acquire()
    order: list[str] = []

    async def waiter(name: str) -> None:
        await slots.acquire()
        order.append(name)
        slots.release()

    async with anyio.create_task_group() as group:
        group.start_soon(waiter, "first")
        await anyio.sleep(0.01)
        with anyio.move_on_after(0.01):  # a waiter cancelled while queued gives nothing back
            await slots.acquire()
        group.start_soon(waiter, "second")
        await anyio.sleep(0.01)
        slots.release()
    assert order == ["first", "second"]
    assert slots.in_use == 0
