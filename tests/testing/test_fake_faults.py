"""Rate limits, 429 windows and deterministic fault injection (in-process)."""

from __future__ import annotations

from email.utils import parsedate_to_datetime

import httpx
import pytest

from gitlab_users_client.testing import (
    ConnectionDropped,
    FakeConfig,
    FakeGitLab,
    Faults,
    ManualClock,
    RateLimit,
)
from gitlab_users_client.testing._faults import FaultEngine


async def test_rack_attack_throttle(clock: ManualClock) -> None:
    clock.set(1_767_225_600.0 + 15)  # 15 s into a 60 s period
    fake = FakeGitLab.create(
        users=10, config=FakeConfig(clock=clock, rate_limit=RateLimit(requests=3, period=60))
    )
    async with fake.client(fake.user_token) as c:
        for _ in range(3):
            assert (await c.get("/api/v4/user")).status_code == 200
        r = await c.get("/api/v4/user")
        assert r.status_code == 429
        assert r.headers["content-type"].startswith("text/plain") and r.text == "Retry later\n"
        assert r.headers["Retry-After"] == "45"
        assert r.headers["RateLimit-Name"] == "throttle_authenticated_api"
        assert (
            r.headers["RateLimit-Limit"],
            r.headers["RateLimit-Observed"],
            r.headers["RateLimit-Remaining"],
        ) == ("3", "4", "0")
        assert r.headers["RateLimit-Reset"] == str(1_767_225_600 + 60)
        assert parsedate_to_datetime(r.headers["RateLimit-ResetTime"]).timestamp() == 1_767_225_660
    # another credential has its own budget
    async with fake.client(fake.admin_token) as c:
        assert (await c.get("/api/v4/user")).status_code == 200
    clock.advance(45)
    async with fake.client(fake.user_token) as c:
        assert (await c.get("/api/v4/user")).status_code == 200
    assert fake.state.stats.snapshot()["faults"]["rate_limited"] == 1


async def test_throttle_http_date_and_success_headers(clock: ManualClock) -> None:
    rl = RateLimit(requests=1, period=10, retry_after="http-date", headers_on_success=True)
    fake = FakeGitLab.create(users=10, config=FakeConfig(clock=clock, rate_limit=rl))
    async with fake.client(fake.user_token) as c:
        ok = await c.get("/api/v4/user")
        assert ok.headers["RateLimit-Remaining"] == "0" and ok.headers["RateLimit-Limit"] == "6"
        assert "Retry-After" not in ok.headers
        r = await c.get("/api/v4/user")
        assert r.status_code == 429
        assert parsedate_to_datetime(r.headers["Retry-After"]).timestamp() == clock.time() + 10


async def test_app_rate_limit(clock: ManualClock) -> None:
    fake = FakeGitLab.create(
        users=10, config=FakeConfig(clock=clock, app_rate_limits={"users_get_by_id": (2, 600)})
    )
    async with fake.client(fake.user_token) as c:
        assert (await c.get("/api/v4/users/1")).status_code == 200
        assert (await c.get("/api/v4/users/1")).status_code == 200
        r = await c.get("/api/v4/users/1")
        assert r.status_code == 429
        assert r.json() == {
            "message": {
                "error": "This endpoint has been requested too many times. Try again later."
            }
        }
        assert r.headers["Retry-After"] == "600"
    async with fake.client(fake.admin_token) as c:  # read-all users are exempt
        for _ in range(3):
            assert (await c.get("/api/v4/users/1")).status_code == 200


@pytest.mark.parametrize("fmt", ["seconds", "http-date"])
async def test_429_window_counts_requests_inside(
    fake: FakeGitLab, clock: ManualClock, fmt: str
) -> None:
    async with fake.client(fake.user_token) as c:
        assert (await c.get("/api/v4/user")).status_code == 200  # request 1
        fake.state.open_rate_limit_window(30, start_at_request=3, retry_after=fmt)
        assert (await c.get("/api/v4/user")).status_code == 200  # request 2
        r = await c.get("/api/v4/user")  # request 3 opens the window
        assert r.status_code == 429
        if fmt == "seconds":
            assert r.headers["Retry-After"] == "30"
        else:
            assert parsedate_to_datetime(r.headers["Retry-After"]).timestamp() == clock.time() + 30
        assert fake.state.stats.window_requests == 0
        clock.advance(20)
        r = await c.get("/api/v4/user")
        assert r.status_code == 429
        if fmt == "seconds":
            assert r.headers["Retry-After"] == "10"
        assert fake.state.stats.window_requests == 1
        clock.advance(10)
        assert (await c.get("/api/v4/user")).status_code == 200
    snap = fake.state.stats.snapshot()
    assert snap["faults"]["window_429"] == 2 and snap["window_requests"] == 1


async def run_sequence(faults: Faults, n: int = 40) -> list[int]:
    fake = FakeGitLab.create(users=10, faults=faults)
    statuses = []
    async with fake.client(fake.user_token) as c:
        for i in range(n):
            try:
                r = (
                    await c.get("/api/v4/user")
                    if i % 2
                    else await c.put("/api/v4/user/status", json={"message": str(i)})
                )
                statuses.append(r.status_code)
            except ConnectionDropped:
                statuses.append(-1)
    return statuses


async def test_fault_determinism() -> None:
    faults = {
        "seed": 42,
        "error_rate": 0.2,
        "drop_rate": 0.1,
        "error_statuses": [500, 502, 503, 520, 522, 524],
    }
    first = await run_sequence(Faults.from_dict(faults))
    assert first == await run_sequence(Faults.from_dict(faults))
    assert set(first) - {200} and 200 in first and -1 in first
    other = await run_sequence(Faults.from_dict({**faults, "seed": 43}))
    assert other != first


async def test_errors_on_chosen_requests_with_filters() -> None:
    faults = Faults(
        error_on=[2, 3], error_statuses=[503], methods=["GET"], paths=[r"^/api/v4/user$"]
    )
    fake = FakeGitLab.create(users=10, faults=faults)
    async with fake.client(fake.user_token) as c:
        assert (await c.get("/api/v4/user")).status_code == 200  # 1
        r = await c.get("/api/v4/user")  # 2
        assert r.status_code == 503 and "Service Unavailable" in r.text
        assert (await c.get("/api/v4/user/keys")).status_code == 200  # 3: path does not match
        assert (await c.get("/api/v4/user")).status_code == 200  # 4
    assert fake.state.stats.snapshot()["faults"] == {"error_503": 1}


async def test_cloudflare_and_500_bodies() -> None:
    fake = FakeGitLab.create(users=10, faults=Faults(error_on=[1, 2], error_statuses=[520]))
    async with fake.client() as c:
        r = await c.get("/api/v4/users/2/status")
        assert (r.status_code, r.text) == (520, "error code: 520")
    fake.state.set_faults(Faults(error_on=[1], error_statuses=[500]))
    fake.state.engine.reset_counter()
    async with fake.client() as c:
        r = await c.get("/api/v4/users/2/status")
        assert (r.status_code, r.json()) == (500, {"message": "500 Internal Server Error"})


@pytest.mark.parametrize(("phase", "applied"), [("before", 0), ("after", 1)])
async def test_drop_phases_in_process(phase: str, applied: int) -> None:
    fake = FakeGitLab.create(users=10, faults=Faults(drop_on=[1], drop_phase=phase))  # type: ignore[arg-type]
    body = b'{"title":"k","key":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"}'
    async with fake.client(fake.user_token) as c:
        with pytest.raises(httpx.TransportError):
            await c.post(
                "/api/v4/user/keys", content=body, headers={"Content-Type": "application/json"}
            )
        keys = (await c.get("/api/v4/user/keys")).json()
    assert len(keys) == 2 + applied
    assert fake.state.stats.applied_count("POST", "/api/v4/user/keys", body) == applied
    assert fake.state.stats.snapshot()["faults"] == {f"drop_{phase}": 1}


async def test_immediate_window_for_compliant_and_eager_clients(
    fake: FakeGitLab, clock: ManualClock
) -> None:
    fake.state.open_rate_limit_window(10)
    async with fake.client(fake.user_token) as c:
        r = await c.get("/api/v4/user")
        assert (r.status_code, r.headers["Retry-After"]) == (429, "10")
        clock.advance(10)  # a compliant client waits Retry-After
        assert (await c.get("/api/v4/user")).status_code == 200
        assert fake.state.stats.window_requests == 0
        fake.state.open_rate_limit_window(10)
        for _ in range(4):  # an eager client hammers
            assert (await c.get("/api/v4/user")).status_code == 429
        assert fake.state.stats.window_requests == 3


async def test_latency_is_seeded() -> None:
    fake = FakeGitLab.create(users=10, faults=Faults(seed=7, latency_range=(0.0, 0.002)))
    async with fake.client(fake.user_token) as c:
        assert (await c.get("/api/v4/user")).status_code == 200
    assert fake.state.stats.snapshot()["faults"]["latency"] == 1
    e1 = FaultEngine(Faults(seed=7, latency_range=(0.0, 1.0)))
    e2 = FaultEngine(Faults(seed=7, latency_range=(0.0, 1.0)))
    delays = [e1.decide("GET", "/x").latency for _ in range(5)]
    assert delays == [e2.decide("GET", "/x").latency for _ in range(5)]
    assert all(0.0 <= d <= 1.0 for d in delays) and len(set(delays)) == 5


async def test_stats_and_control_api(fake: FakeGitLab) -> None:
    # Exact bytes: how httpx spells json= varies between its versions (0.28 drops spaces).
    body, json_type = b'{"message":"x"}', {"Content-Type": "application/json"}
    async with fake.client(fake.user_token) as c:
        await c.get("/api/v4/user")
        await c.put("/api/v4/user/status", content=body, headers=json_type)
        await c.put("/api/v4/user/status", content=body, headers=json_type)
        stats = (await c.get("/-/fake/stats")).json()
        assert stats["requests_total"] == 3
        assert stats["by_method"] == {"GET": 1, "PUT": 2}
        assert stats["by_path"]["/api/v4/user/status"] == 2
        assert stats["by_status"] == {"200": 3}
        assert list(stats["applied"].values()) == [2]
        assert fake.state.stats.applied_count("PUT", "/api/v4/user/status", body) == 2
        r = await c.put("/-/fake/faults", json={"error_on": [1], "error_statuses": [502]})
        assert r.status_code == 200 and r.json()["error_on"] == [1]
        assert (await c.get("/-/fake/faults")).json()["error_statuses"] == [502]
        assert (await c.get("/api/v4/user")).status_code == 502
        assert (await c.put("/-/fake/faults", json={"bogus": 1})).status_code == 400
        assert (await c.put("/-/fake/faults", json={})).status_code == 200
        r = await c.post("/-/fake/rate-limit-window", json={"seconds": 5})
        assert r.status_code == 201
        assert (await c.get("/api/v4/user")).status_code == 429
        assert (await c.delete("/-/fake/rate-limit-window")).status_code == 204
        assert (await c.get("/api/v4/user")).status_code == 200
        r = await c.put("/-/fake/rate-limit", json={"requests": 1, "period": 60})
        assert r.json()["requests"] == 1
        assert (await c.put("/-/fake/rate-limit", json={})).json() is None
        assert (await c.post("/-/fake/reset-stats")).status_code == 204
        assert (await c.get("/-/fake/stats")).json()["requests_total"] == 0
