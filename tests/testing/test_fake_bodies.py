"""Request bodies: capped like nginx caps them in front of GitLab, checked like
``Gitlab::Middleware::JsonValidation`` checks them, and read in bounded memory.

The memory test runs the fake as a process of its own and sends it a 200 MB ``name``: the
answer is GitLab's (400, the name is too long) and the process's peak resident memory grows
by a few megabytes, not by the body's size.
"""

from __future__ import annotations

import asyncio
import json
import random
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from gitlab_users_client.testing import FakeConfig, FakeGitLab, FakeGitLabProcess
from gitlab_users_client.testing._body import (
    KEPT_STRING_BYTES,
    KEPT_STRING_BYTES_LATE,
    KEPT_TOTAL_BYTES,
    read_body,
)
from gitlab_users_client.testing._http import ApiError

NEW_USER = {
    "email": "big@example.net",
    "username": "big_user",
    "password": "Vq7#nZ2!pR9x",
}
NAME_TOO_LONG = {"message": {"name": ["is too long (maximum is 255 characters)"]}}


# -- the cap (nginx client_max_body_size) ---------------------------------------------------------
@pytest.fixture
def capped() -> FakeGitLab:
    return FakeGitLab.create(users=5, config=FakeConfig(max_request_body_bytes=64 * 1024))


async def test_body_over_the_cap_is_413(capped: FakeGitLab) -> None:
    """nginx `client_max_body_size` (Omnibus: 250m): 413 with nginx's HTML page, from the
    declared Content-Length and, without one, once the chunks pass the cap."""
    body = json.dumps({**NEW_USER, "name": "x" * 70_000}).encode()

    async def chunked() -> AsyncIterator[bytes]:
        for i in range(0, len(body), 4096):
            yield body[i : i + 4096]

    async with capped.client(capped.admin_token) as c:
        for content in (body, chunked()):
            r = await c.post(
                "/api/v4/users", content=content, headers={"Content-Type": "application/json"}
            )
            assert r.status_code == 413
            assert r.headers["content-type"] == "text/html"
            assert b"<title>413 Request Entity Too Large</title>" in r.content
        assert "big_user" not in {u.username for u in capped.state.users.values()}
        ok = await c.post("/api/v4/users", json={**NEW_USER, "name": "Big"})
        assert ok.status_code == 201


def test_the_cap_is_checked_before_the_body_is_read() -> None:
    """A client that declares too large a body gets its 413 at once, over a real socket,
    without sending a byte of it."""
    from gitlab_users_client.testing import FakeGitLabServer

    with FakeGitLabServer(users=2) as server:
        server.state.config.max_request_body_bytes = 1024
        host, port = server.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=30) as sock:
            sock.sendall(
                b"POST /api/v4/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 1000000000\r\n\r\n"
            )
            head = sock.recv(65536)
    assert head.startswith(b"HTTP/1.1 413 ")


# -- GitLab's JSON validation middleware ---------------------------------------------------------
async def post_json(fake: FakeGitLab, path: str, body: bytes) -> httpx.Response:
    async with fake.client(fake.admin_token) as c:
        return await c.post(path, content=body, headers={"Content-Type": "application/json"})


@pytest.mark.parametrize(
    ("body", "error"),
    [
        # A key and its pair count as two elements, so 50,000 pairs reach the element limit
        # (100,000) before the hash size limit (50,000 pairs) can trip.
        (
            b"{" + b",".join(b'"k%d":1' % i for i in range(50_001)) + b"}",
            "Too many total parameters",
        ),
        # StreamValidator::ElementCountLimitError (100,000 elements in all)
        (
            b'{"a":['
            + b",".join([b"1"] * 49_999)
            + b'],"b":['
            + b",".join([b"1"] * 49_999)
            + b'],"c":[1,1,1]}',
            "Too many total parameters",
        ),
        # an Oj::ParseError becomes InvalidJsonError
        (b'{"name": "x",}', "Invalid JSON format"),
        (b'{"name" "x"}', "Invalid JSON format"),
        (b'{"name": "x"', "Invalid JSON format"),
        (b'{"name": tru}', "Invalid JSON format"),
        (b"[1 2]", "Invalid JSON format"),
    ],
)
async def test_json_validation_middleware(fake: FakeGitLab, body: bytes, error: str) -> None:
    """lib/gitlab/json/stream_validator.rb `user_facing_error_message`; the middleware
    answers 400 `{"error": ...}` before any route runs."""
    r = await post_json(fake, "/api/v4/users", body)
    assert (r.status_code, r.json()) == (400, {"error": error})


async def test_json_that_is_not_an_object_is_ignored(fake: FakeGitLab) -> None:
    """Grape keeps only a JSON object's keys as parameters: an array body leaves the route
    with no parameters (Grape's `is missing`)."""
    r = await post_json(fake, "/api/v4/user/keys", b'[{"title": "t", "key": "k"}]')
    assert (r.status_code, r.json()) == (400, {"error": "key is missing, title is missing"})


async def test_long_name_is_gitlabs_validation_error(fake: FakeGitLab) -> None:
    """A 5 MB name (longer than what the fake keeps of a string) still reaches the model:
    400 `is too long`, and nothing is created."""
    big = json.dumps({**NEW_USER, "name": "é" * (5 * 1024 * 1024)}).encode()
    r = await post_json(fake, "/api/v4/users", big)
    assert (r.status_code, r.json()) == (400, NAME_TOO_LONG)
    async with fake.client(fake.admin_token) as c:
        form = await c.post("/api/v4/users", data={**NEW_USER, "name": "n" * (3 << 20)})
        multipart = await c.post(
            "/api/v4/users",
            data={**NEW_USER, "name": "n" * (3 << 20)},
            files={"avatar": ("a.png", b"\x89PNG", "image/png")},
        )
    assert (form.status_code, form.json()) == (400, NAME_TOO_LONG)
    assert (multipart.status_code, multipart.json()) == (400, NAME_TOO_LONG)


# -- the reducer ---------------------------------------------------------------------------------
def _chunks(data: bytes, rng: random.Random) -> Iterator[bytes]:
    pos = 0
    while pos < len(data):
        size = rng.choice((1, 2, 3, 5, 8, 64, 1000, 65536))
        yield data[pos : pos + size]
        pos += size


def _read(data: bytes, content_type: str, seed: int) -> Any:
    rng = random.Random(seed)
    messages = [
        {"type": "http.request", "body": chunk, "more_body": True} for chunk in _chunks(data, rng)
    ]
    messages.append({"type": "http.request", "body": b"", "more_body": False})
    queue = iter(messages)

    async def receive() -> dict[str, Any]:
        return next(queue)

    try:
        return asyncio.run(read_body(receive, {"content-type": content_type}, 10**9)).params
    except ApiError as exc:
        return exc.body


JSON_BODIES = [
    b'{"a":"x\\"y\\u00e9z \\ud83d\\ude00","b":[1,-2.5e3,{"c":null}],"d":true,"e":false}',
    '{"name":"h\u00e9llo w\u00f6rld \U0001f600","t":"\\\\"}'.encode(),
    b'  {"a" : [ ] , "b" : { } }  ',
]


@pytest.mark.parametrize("body", JSON_BODIES)
@pytest.mark.parametrize("seed", range(8))
def test_json_does_not_depend_on_how_it_is_split(body: bytes, seed: int) -> None:
    """However the chunks fall (inside escapes, multi-byte characters, numbers), the
    parameters are those of `json.loads`."""
    assert _read(body, "application/json", seed) == json.loads(body)


@pytest.mark.parametrize("seed", range(8))
def test_form_and_multipart_do_not_depend_on_how_they_are_split(seed: int) -> None:
    request = httpx.Request(
        "POST",
        "http://x/",
        data={"name": "n é", "scopes[]": ["api", "read_user"]},
        files={"avatar": ("a.png", b"\x89PNG" + bytes(range(256)) * 40, "image/png")},
    )
    body = request.read()
    got = _read(body, request.headers["content-type"], seed)
    assert got["name"] == "n é" and got["scopes"] == ["api", "read_user"]
    assert (got["avatar"].filename, got["avatar"].data) == (
        "a.png",
        b"\x89PNG" + bytes(range(256)) * 40,
    )
    form = b"a=1&b=%E2%82%AC&c[]=x&c[]=y&d&e=&f=caf\xc3\xa9"
    expected = {"a": "1", "b": "€", "c": ["x", "y"], "d": "", "e": "", "f": "café"}
    assert _read(form, "application/x-www-form-urlencoded", seed) == expected


def test_strings_are_cut_and_the_total_is_bounded() -> None:
    """Strings are kept up to KEPT_STRING_BYTES (never splitting a character); once
    KEPT_TOTAL_BYTES are kept, later ones up to KEPT_STRING_BYTES_LATE."""
    many = (KEPT_TOTAL_BYTES // KEPT_STRING_BYTES) + 2
    values = {f"v{i}": "é" * KEPT_STRING_BYTES for i in range(many)}
    got = _read(json.dumps(values, ensure_ascii=False).encode(), "application/json", 0)
    kept = [len(got[f"v{i}"].encode()) for i in range(many)]
    assert all(KEPT_STRING_BYTES - 1 <= k <= KEPT_STRING_BYTES for k in kept[: many - 2])
    assert kept[-1] <= KEPT_STRING_BYTES_LATE and got["v0"] == "é" * (KEPT_STRING_BYTES // 2)


# -- memory, measured on the fake's own process ----------------------------------------------------
def _peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM in /proc/<pid>/status")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_200_mb_name_keeps_the_fake_small() -> None:
    """Issue 21: a `POST /users` with a 200 MB `name` used to grow the fake to gigabytes.
    Now the process's peak RSS grows by far less than the body, and the answer is GitLab's
    (400: the name is too long)."""
    size = 200 * 1024 * 1024
    head = json.dumps({**NEW_USER, "name": "@"})[:-3].encode()  # ends with the opening quote
    tail = b'"}'
    with FakeGitLabProcess(users=3) as server:
        before = _peak_rss_kib(server.pid)
        host, port = server.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=300) as sock:
            sock.sendall(
                b"POST /api/v4/users HTTP/1.1\r\nHost: fake\r\nContent-Type: application/json\r\n"
                + f"PRIVATE-TOKEN: {server.admin_token}\r\n".encode()
                + f"Content-Length: {len(head) + size + len(tail)}\r\n\r\n".encode()
                + head
            )
            block = b"n" * (1 << 20)
            for _ in range(size // len(block)):
                sock.sendall(block)
            sock.sendall(tail)
            response = b""
            while b"\r\n\r\n" not in response or not response.rstrip().endswith(b"}"):
                data = sock.recv(65536)
                if not data:
                    break
                response += data
        after = _peak_rss_kib(server.pid)
    status_line, _, rest = response.partition(b"\r\n")
    assert status_line.startswith(b"HTTP/1.1 400 ")
    assert json.loads(rest.partition(b"\r\n\r\n")[2]) == NAME_TOO_LONG
    assert after - before < 48 * 1024, (before, after)  # KiB: well under a quarter of 200 MB
