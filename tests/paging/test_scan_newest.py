"""The scan keeps the newest page it asks for in its first round.

The first round asks for the first page and the newest page (``sort=desc``) together:
the newest page tells where the users end, and its users are handed out from it, so the
walks stop where its ids begin instead of fetching them again. Users created while the
scan runs have higher ids: they are never handed out twice (nor at all). A checkpoint
taken while the newest page's users are partly handed out resumes with a descending walk
that skips those handed out and those created since.
"""

from __future__ import annotations

import json

import httpx
import pytest
from test_scan_schedule import Puma, virtual

from gitlab_users_client import AsyncGitLab
from gitlab_users_client.testing import FakeGitLab


async def create_users(gl: AsyncGitLab, count: int, tag: str) -> set[int]:
    created = set()
    for index in range(count):
        user = await gl.users.create(
            email=f"{tag}{index}@example.com",
            name=f"{tag} {index}",
            username=f"{tag}{index}",
            password="p4ssw0rd-long-enough",
        )
        created.add(user.id)
    return created


@pytest.mark.parametrize("users", [101, 150, 199, 200, 201, 350])
def test_first_and_newest_pages_that_overlap_hand_each_user_out_once(users: int) -> None:
    fake = FakeGitLab.create(users=users, seed=60 + users)

    async def main() -> None:
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=Puma(fake, 4)) as gl:
            ids = [user.id async for user in gl.users.scan()]
        assert len(ids) == len(set(ids))
        assert set(ids) == {user.id for user in fake.state.iter_users()}

    virtual(main)


def test_the_walks_stop_where_the_newest_page_begins() -> None:
    fake = FakeGitLab.create(users=5_000, seed=61)
    server = Puma(fake, 8)

    async def main() -> None:
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=server) as gl:
            ids = [user.id async for user in gl.users.scan()]
        assert sorted(ids) == sorted(user.id for user in fake.state.iter_users())

    virtual(main)
    newest = [s for s in server.served if s.query.get("sort") == ["desc"]]
    assert [s.rows for s in newest] == [100]  # asked for once, in the first round
    # Nothing past the newest page's ids is fetched again: 4,900 users for the walks,
    # a page each and a few windows' last pages short.
    walked = sum(s.rows for s in server.served if s.query.get("sort") == ["asc"])
    assert walked < 5_000 + 100


def test_users_created_during_the_scan_are_never_handed_out_twice() -> None:
    fake = FakeGitLab.create(users=3_000, seed=62)

    async def main() -> None:
        before = {user.id for user in fake.state.iter_users()}
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=Puma(fake, 8)) as gl:
            ids: list[int] = []
            async with gl.users.scan() as users:
                async for user in users:
                    ids.append(user.id)
                    if len(ids) in (1, 1_500):
                        await create_users(gl, 30, f"during{len(ids)}x")
        assert len(ids) == len(set(ids))
        assert set(ids) == before  # a snapshot: users created since are not handed out

    virtual(main)


@pytest.mark.parametrize("stop_after", [0, 1, 60, 99, 100, 101])
def test_a_checkpoint_in_the_newest_page_resumes_exactly(stop_after: int) -> None:
    # The first round hands out the first window's share of the first page, then the
    # newest page's users: a checkpoint among them, and 150 users created before the
    # resume (more than a page: the resumed descending walk goes past them).
    fake = FakeGitLab.create(users=2_000, seed=63)

    async def main() -> None:
        before = {user.id for user in fake.state.iter_users()}
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=Puma(fake, 8)) as gl:
            scan = gl.users.scan()
            handed = [(await scan.__anext__()).id]
            # The newest page's users come right after the first window's share of the
            # first page (both are handed to their windows together).
            share = next(i for i, entry in enumerate(scan._ready) if entry[0].descending)
            handed += [(await scan.__anext__()).id for _ in range(share)]
            handed += [(await scan.__anext__()).id for _ in range(stop_after)]
            checkpoint = scan.checkpoint()
            saved = json.loads(checkpoint)
            if stop_after < 100:
                assert any(window["descending"] for window in saved["windows"])
            await create_users(gl, 150, "later")
            resumed = [user.id async for user in gl.users.scan(resume=checkpoint)]
        assert not set(handed) & set(resumed)
        assert len(resumed) == len(set(resumed))
        assert set(handed) | set(resumed) == before

    virtual(main)


def test_a_newest_page_out_of_order_is_an_error_not_a_duplicate() -> None:
    fake = FakeGitLab.create(users=500, seed=64)

    class Ascending(Puma):
        """A server that ignores ``sort=desc``."""

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.params.get("sort") == "desc":
                request.url = request.url.copy_set_param("sort", "asc")
            return await super().handle_async_request(request)

    async def main() -> None:
        async with AsyncGitLab(
            fake.url, token=fake.admin_token, transport=Ascending(fake, 4)
        ) as gl:
            with pytest.raises(Exception, match="ids must decrease"):
                _ = [user.id async for user in gl.users.scan()]

    virtual(main)


def test_a_scan_starts_no_thread_once_the_models_are_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A worker thread's time is invisible to trio's MockClock: with autojump it would
    # jump the virtual clock past a caller's deadline while the thread ran.
    import anyio.to_thread

    from gitlab_users_client._generated.api.users import users_list

    users_list.RESPONSES  # noqa: B018  # imported and built, as after any earlier call
    threads: list[object] = []

    async def no_thread(function: object, *args: object, **kwargs: object) -> None:
        threads.append(function)
        raise AssertionError("a worker thread was started")

    monkeypatch.setattr(anyio.to_thread, "run_sync", no_thread)
    fake = FakeGitLab.create(users=450, seed=63)

    async def main() -> None:
        gl = AsyncGitLab(fake.url, token=fake.admin_token, transport=Puma(fake, 4))
        async with gl, gl.users.scan() as users:
            ids = [user.id async for user in users]
        assert sorted(ids) == sorted(user.id for user in fake.state.iter_users())

    virtual(main)
    assert threads == []
