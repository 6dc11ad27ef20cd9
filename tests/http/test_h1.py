"""HTTP/1.1 framing of the SDK's own engine (``_h1``), byte by byte, without sockets."""

from __future__ import annotations

import contextlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gitlab_users_client._http import h1 as _h1
from gitlab_users_client._http.checks import MAX_HEAD_SIZE, MAX_HEADERS, MAX_LINE_SIZE
from gitlab_users_client._http.h1 import ProtocolError, ResponseReader, encode_request

HOST = [(b"Host", b"gitlab.example.com")]


def read_all(
    raw: bytes, method: str = "GET", *, step: int = 0, eof: bool = False
) -> tuple[int, list[tuple[bytes, bytes]], bytes, ResponseReader]:
    """Feed ``raw`` (all at once, or ``step`` bytes at a time) and read one response."""
    reader = ResponseReader(method)
    pieces = [raw] if not step else [raw[i : i + step] for i in range(0, len(raw), step)]
    head = None
    body = bytearray()
    done = False
    for piece in pieces:
        reader.feed(piece)
        if head is None:
            head = reader.head()
        if head is not None and not done:
            while (chunk := reader.body()) is not None and chunk:
                body += chunk
            done = chunk is None
    if eof:
        reader.feed_eof()
        if head is None:
            head = reader.head()
        while not done:
            chunk = reader.body()
            if chunk is None:
                done = True
            else:
                body += chunk
    assert head is not None, "no complete head"
    assert done, "body not complete"
    return head.status, head.headers, bytes(body), reader


@pytest.mark.parametrize("step", [0, 1, 7])
def test_content_length_body_in_any_slicing(step: int) -> None:
    raw = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"id": 123}'
    status, headers, body, reader = read_all(raw, step=step)
    assert (status, body) == (200, b'{"id": 123}')
    assert headers == [(b"Content-Type", b"application/json"), (b"Content-Length", b"11")]
    assert reader.reusable


@pytest.mark.parametrize("step", [0, 1, 5])
def test_chunked_body_with_extensions_and_trailers(step: int) -> None:
    raw = (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"5;name=value\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: yes\r\n\r\n"
    )
    status, _, body, reader = read_all(raw, step=step)
    assert (status, body) == (200, b"hello world")
    assert reader.reusable


def test_lines_may_end_in_lf_alone() -> None:
    raw = b"HTTP/1.1 200 OK\nContent-Length: 2\nX-Ok:  padded value  \n\nhi"
    status, headers, body, _ = read_all(raw)
    assert (status, body) == (200, b"hi")
    assert headers[1] == (b"X-Ok", b"padded value")


def test_interim_heads_are_skipped() -> None:
    raw = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"
    status, _, body, reader = read_all(raw, step=3)
    assert (status, body) == (204, b"")
    assert reader.reusable


@pytest.mark.parametrize(
    ("method", "status"),
    [("HEAD", b"200 OK"), ("GET", b"204 No Content"), ("GET", b"304 Not Modified")],
)
def test_responses_without_a_body_ignore_content_length(method: str, status: bytes) -> None:
    raw = b"HTTP/1.1 " + status + b"\r\nContent-Length: 1234\r\n\r\n"
    code, _, body, reader = read_all(raw, method)
    assert (code, body) == (int(status[:3]), b"")
    assert reader.reusable


def test_a_body_until_close_is_read_to_the_end_and_never_reused() -> None:
    raw = b"HTTP/1.1 200 OK\r\n\r\nall of it"
    status, _, body, reader = read_all(raw, eof=True)
    assert (status, body) == (200, b"all of it")
    assert not reader.reusable


@pytest.mark.parametrize(
    "raw",
    [
        b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nextra",
    ],
    ids=["connection-close", "http-1.0", "bytes-after-the-body"],
)
def test_connections_that_cannot_carry_another_request(raw: bytes) -> None:
    reader = ResponseReader("GET")
    reader.feed(raw)
    assert reader.head() is not None
    assert reader.body() is None
    assert not reader.reusable


def test_duplicate_content_lengths_that_agree_are_one() -> None:
    raw = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2, 2\r\n\r\nok"
    assert read_all(raw)[2] == b"ok"


@pytest.mark.parametrize(
    "raw",
    [
        b"HTTP/1.1 2000 OK\r\n\r\n",
        b"HTTP/2 200 OK\r\n\r\n",
        b"http/1.1 200 OK\r\n\r\n",
        b"HTTP/1.1  200 OK\r\n\r\n",
        b"HTTP/1.1 200 O\x00K\r\n\r\n",
        b"HTTP/1.1 200 OK\r\n folded: value\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nName : value\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nNo colon\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nX: a\x00b\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok",
        b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 0x10\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 9999999999999999999999\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + b"1" * 2000,
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n",
    ],
)
def test_malformed_responses_are_refused(raw: bytes) -> None:
    def parse() -> None:
        reader = ResponseReader("GET")
        reader.feed(raw)
        if reader.head() is not None:
            while reader.body():
                pass

    with pytest.raises(ProtocolError) as caught:
        parse()
    assert b"value" not in str(caught.value).encode()  # fixed messages, no server bytes


def test_the_head_is_bounded() -> None:
    reader = ResponseReader("GET")
    reader.feed(b"HTTP/1.1 200 OK\r\n" + b"X: " + b"a" * (MAX_HEAD_SIZE + 10))
    with pytest.raises(ProtocolError, match="too large"):
        reader.head()


def test_a_trickled_head_is_not_searched_from_its_start_each_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    searched = 0
    real = _h1._HEAD_END

    class Counting:
        def search(self, buffer: bytearray, pos: int, endpos: int) -> re.Match[bytes] | None:
            nonlocal searched
            searched += min(len(buffer), endpos) - pos
            return real.search(buffer, pos, endpos)

    monkeypatch.setattr(_h1, "_HEAD_END", Counting())
    reader = ResponseReader("GET")
    reader.feed(b"HTTP/1.1 200 OK\r\n")
    for _ in range(99):
        reader.feed(b"X-A: b\r\n")
        assert reader.head() is None
    reader.feed(b"\r\n")
    assert reader.head() is not None
    # Linear: each byte looked at a few times, not once per arrival (~800 B x 99).
    assert searched < 4 * reader_bytes(99)


def reader_bytes(lines: int) -> int:
    return len(b"HTTP/1.1 200 OK\r\n") + lines * len(b"X-A: b\r\n") + 2


@pytest.mark.parametrize(
    ("raw", "step"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", 0),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", 2),
        (b"HTTP/1.1 200 O", 0),
    ],
)
def test_input_ending_early_is_an_end_of_file(raw: bytes, step: int) -> None:
    with pytest.raises(EOFError):
        read_all(raw, step=step, eof=True)


def test_requests_are_encoded_with_their_framing() -> None:
    headers = [*HOST, (b"Content-Length", b"2")]
    assert encode_request("POST", b"/api/v4/users?x=1", headers, b"{}") == (
        b"POST /api/v4/users?x=1 HTTP/1.1\r\nHost: gitlab.example.com\r\nContent-Length: 2\r\n\r\n{}"
    )
    chunked = encode_request("PUT", b"/x", [*HOST, (b"Transfer-Encoding", b"chunked")], b"abc")
    assert chunked.endswith(b"\r\n\r\n3\r\nabc\r\n0\r\n\r\n")


@pytest.mark.parametrize(
    ("method", "target", "header"),
    [
        ("GET", b"/x", (b"X-A", b"a\r\nInjected: yes")),
        ("GET", b"/x", (b"X-A", b"a\x00")),
        ("GET", b"/x", (b"Bad Name", b"v")),
        ("GET", b"/x", (b"", b"v")),
        ("GET", b"/x y", (b"X-A", b"v")),
        ("GET", b"/x\r\n", (b"X-A", b"v")),
        ("G ET", b"/x", (b"X-A", b"v")),
    ],
)
def test_requests_that_would_split_are_refused(
    method: str, target: bytes, header: tuple[bytes, bytes]
) -> None:
    with pytest.raises(ProtocolError):
        encode_request(method, target, [*HOST, header], b"")


# -- properties -------------------------------------------------------------------------

_NAMES = st.from_regex(rb"[A-Za-z][A-Za-z0-9-]{0,15}", fullmatch=True).filter(
    lambda n: n.lower() not in (b"content-length", b"transfer-encoding", b"connection")
)
_VALUES = st.from_regex(rb"[!-~]([ -~]{0,30}[!-~])?", fullmatch=True)


@st.composite
def responses(draw: st.DrawFn) -> tuple[bytes, bytes]:
    """A valid response (Content-Length or chunked) and its body."""
    body = draw(st.binary(max_size=3000))
    headers = draw(st.lists(st.tuples(_NAMES, _VALUES), max_size=8))
    head = b"HTTP/1.1 200 OK\r\n" + b"".join(n + b": " + v + b"\r\n" for n, v in headers)
    if draw(st.booleans()):
        return head + b"Content-Length: %d\r\n\r\n" % len(body) + body, body
    cuts = sorted(draw(st.lists(st.integers(0, len(body)), max_size=5)))
    pieces = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)], strict=True)]
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces if p)
    return head + b"Transfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\n\r\n", body


@settings(max_examples=300, deadline=None)
@given(responses(), st.integers(1, 64))
def test_any_valid_response_in_any_slicing_gives_its_body(
    response: tuple[bytes, bytes], step: int
) -> None:
    raw, body = response
    status, _, read, reader = read_all(raw, step=step)
    assert (status, read) == (200, body)
    assert reader.reusable


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=400), st.integers(1, 50))
def test_garbage_is_refused_or_waits_never_anything_else(data: bytes, step: int) -> None:
    reader = ResponseReader("GET")
    try:
        for index in range(0, len(data), step):
            reader.feed(data[index : index + step])
            if reader.head() is not None:
                while reader.body():
                    pass
        reader.feed_eof()
        if reader.head() is not None:
            while reader.body() is not None:
                pass
    except (ProtocolError, EOFError):
        pass


@settings(max_examples=500, deadline=None)
@given(responses(), st.lists(st.tuples(st.integers(0, 10_000), st.binary(max_size=3)), max_size=4))
def test_a_damaged_response_is_refused_cut_short_or_read_never_anything_else(
    response: tuple[bytes, bytes], damage: list[tuple[int, bytes]]
) -> None:
    raw = bytearray(response[0])
    for position, replacement in damage:
        at = position % (len(raw) + 1)
        raw[at : at + len(replacement)] = replacement
    with contextlib.suppress(ProtocolError, EOFError):
        read_all(bytes(raw), step=7, eof=True)


# -- the field rules, one by one ----------------------------------------------------------


def test_an_obsolete_line_folding_becomes_one_space() -> None:
    raw = b"HTTP/1.1 200 OK\r\nX-A: first \r\n   second\r\n\t third\r\nContent-Length: 0\r\n\r\n"
    _, headers, _, _ = read_all(raw)
    assert headers[0] == (b"X-A", b"first second third")


@pytest.mark.parametrize(
    "raw",
    [
        b"HTTP/1.1 200 OK\r\nX-A: a\r\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: \x0b0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: \x0cchunked\r\n\r\n0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\nab\r\n0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\n0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\r\nab\r\n0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: a\rb\r\n\r\n",
    ],
    ids=[
        "CR before a header line's CRLF",
        "CR before the status line's CRLF",
        "CR before the last header line's CRLF",
        "VT around Content-Length",
        "FF around Transfer-Encoding",
        "chunk size line ending in LF",
        "chunk data ending in LF",
        "CR before a chunk line's CRLF",
        "CR inside a trailer",
    ],
)
def test_line_endings_and_framing_values_are_strict(raw: bytes) -> None:
    with pytest.raises(ProtocolError):
        read_all(raw, eof=True)


def test_framing_values_are_trimmed_of_spaces_and_tabs() -> None:
    raw = b"HTTP/1.1 200 OK\r\nContent-Length: \t2 \t\r\nConnection: \tclose\t\r\n\r\nok"
    status, _, body, reader = read_all(raw)
    assert (status, body) == (200, b"ok")
    assert not reader.reusable  # "close" was read through its tabs


@pytest.mark.parametrize("where", ["head", "trailer"])
@pytest.mark.parametrize(
    ("fields", "refused"),
    [
        ([b"X-A: " + b"a" * (MAX_LINE_SIZE - 5)], False),
        ([b"X-A: " + b"a" * (MAX_LINE_SIZE - 4)], True),
        ([b"X-A: a\r\n " + b"b" * (MAX_LINE_SIZE - 6)], True),  # too long once unfolded
        ([b"X-%d: v" % index for index in range(MAX_HEADERS)], False),
        ([b"X-%d: v" % index for index in range(MAX_HEADERS + 1)], True),
    ],
    ids=["longest line", "one byte more", "folded past the limit", "most fields", "one more"],
)
def test_the_line_and_field_limits_hold_in_heads_and_trailers(
    where: str, fields: list[bytes], refused: bool
) -> None:
    lines = b"".join(field + b"\r\n" for field in fields)
    if where == "head":  # the body runs until the connection closes
        raw = b"HTTP/1.1 200 OK\r\n" + lines + b"\r\n"
    else:
        raw = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n"
        raw += lines + b"\r\n"
    if refused:
        with pytest.raises(ProtocolError):
            read_all(raw, eof=True)
    else:
        read_all(raw, eof=True)


def test_no_pattern_ever_sees_a_line_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    longest = 0

    class Measured:
        def __init__(self, pattern: re.Pattern[bytes]) -> None:
            self.pattern = pattern

        def fullmatch(self, data: bytes) -> re.Match[bytes] | None:
            nonlocal longest
            longest = max(longest, len(data))
            return self.pattern.fullmatch(data)

    for name in ("_TOKEN", "_RECEIVED_VALUE", "_STATUS_LINE", "_CHUNK_SIZE"):
        monkeypatch.setattr(_h1, name, Measured(getattr(_h1, name)))
    for raw in (
        b"HTTP/1.1 200 OK\r\nX-Pad: a" + b" " * 60_000 + b"b\r\n\r\n",
        b"HTTP/1.1 200 OK" + b" " * 60_000 + b"\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: "
        + b"v" * 60_000
        + b"\r\n\r\n",
    ):
        with pytest.raises(ProtocolError):
            read_all(raw, eof=True)
    assert 0 < longest <= MAX_LINE_SIZE
