"""The framing parser (``_http/h1.py``) at its edges: exact limits, exact messages,
what a head says, and the bytes a request is encoded to.

Example-based and fast, so that ``make mutation`` can run them against every mutant of
the parser (``test_h1.py`` holds the property tests over random slicings).
"""

from __future__ import annotations

import pytest

from gitlab_users_client._http.checks import MAX_HEAD_SIZE, MAX_LINE_SIZE
from gitlab_users_client._http.h1 import ProtocolError, ResponseReader, encode_request

HOST = [(b"Host", b"gitlab.example.com")]
CHUNKED = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"


def fields_of_size(size: int) -> bytes:
    """Header field lines (each ending in CRLF) that are exactly ``size`` bytes long."""
    lines = []
    index = 0
    while size:
        take = min(size, 4000)
        if size - take and size - take < 16:  # leave enough for one more whole line
            take -= 16
        prefix = b"X-%03d: " % index
        lines.append(prefix + b"a" * (take - len(prefix) - 2) + b"\r\n")
        size -= take
        index += 1
    return b"".join(lines)


def head_of_size(total: int) -> bytes:
    """A complete response head (blank line included) of exactly ``total`` bytes."""
    status = b"HTTP/1.1 200 OK\r\n"
    raw = status + fields_of_size(total - len(status) - 2) + b"\r\n"
    assert len(raw) == total
    return raw


def trailer_of_size(total: int) -> bytes:
    """A trailer section (blank line included) of exactly ``total`` bytes."""
    raw = fields_of_size(total - 2) + b"\r\n"
    assert len(raw) == total
    return raw


def refusal(raw: bytes, method: str = "GET", *, eof: bool = False) -> str:
    """The message of the ProtocolError reading ``raw`` ends in."""
    reader = ResponseReader(method)
    reader.feed(raw)
    if eof:
        reader.feed_eof()

    def read() -> None:
        if reader.head() is not None:
            while reader.body():
                pass

    with pytest.raises(ProtocolError) as caught:
        read()
    return str(caught.value)


def body_of(raw: bytes, method: str = "GET") -> tuple[bytes, ResponseReader]:
    """The whole body of ``raw`` (fed at once, then the end of input)."""
    reader = ResponseReader(method)
    reader.feed(raw)
    assert reader.head() is not None
    body = bytearray()
    while (piece := reader.body()) is not None:
        if not piece:
            reader.feed_eof()
        body += piece
    return bytes(body), reader


# -- what each refusal says -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"HTTP/2 200 OK\r\n\r\n", "invalid status line"),
        # Below 100 is no interim answer: waiting past it would hang on a kept-alive one.
        (b"HTTP/1.1 000 Zero\r\nContent-Length: 2\r\n\r\n[]", "invalid status code"),
        (b"HTTP/1.1 099 Early\r\n\r\n", "invalid status code"),
        (b"HTTP/1.1 200 OK\r\n folded: value\r\n\r\n", "invalid header line"),
        (b"HTTP/1.1 200 OK\r\nName : value\r\n\r\n", "invalid header line"),
        (b"HTTP/1.1 200 OK\r\nX: a\x00b\r\n\r\n", "invalid header line"),
        (
            b"HTTP/1.1 200 OK\r\nX-A: " + b"a" * MAX_LINE_SIZE + b"\r\n\r\n",
            "a header line is too long",
        ),
        (
            b"HTTP/1.1 200 OK\r\nX-A: a\r\n " + b"b" * (MAX_LINE_SIZE - 6) + b"\r\n\r\n",
            "a header line is too long",
        ),
        (
            b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: v\r\n" % i for i in range(101)) + b"\r\n",
            "too many header fields",
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok",
            "invalid Content-Length",
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n",
            "both Content-Length and Transfer-Encoding",
        ),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "unsupported Transfer-Encoding"),
        (b"HTTP/1.1 101 Switching Protocols\r\n\r\n", "the server switched protocols"),
        (b"HTTP/1.1 200 OK\r\nX: " + b"a" * (MAX_HEAD_SIZE + 10), "the response head is too large"),
        (CHUNKED + b"zz\r\n", "invalid chunk size line"),
        (CHUNKED + b"1" * 2000, "invalid chunk size line"),
        (CHUNKED + b"5\nhello\r\n0\r\n\r\n", "a chunk line does not end in CRLF"),
        (CHUNKED + b"2\r\nabc\r\n0\r\n\r\n", "a chunk is longer than its size"),
        (CHUNKED + b"0\r\nX: " + b"v" * (MAX_HEAD_SIZE + 10), "the trailer section is too large"),
    ],
)
def test_each_refusal_says_what_is_wrong_in_a_fixed_message(raw: bytes, message: str) -> None:
    assert refusal(raw) == message


def test_requests_that_cannot_be_encoded_say_which_part() -> None:
    with pytest.raises(ProtocolError) as caught:
        encode_request("GET", b"/a b", HOST, b"")
    assert str(caught.value) == "the request line cannot be encoded"
    with pytest.raises(ProtocolError) as caught:
        encode_request("GET", b"/", [(b"X", b"a\r\nb")], b"")
    assert str(caught.value) == "a request header cannot be encoded"


def test_a_method_that_is_not_ascii_is_refused_as_a_protocol_error() -> None:
    with pytest.raises(ProtocolError) as caught:
        encode_request("GÉT", b"/", HOST, b"")
    assert str(caught.value) == "the request line cannot be encoded"


# -- the bytes of a request ----------------------------------------------------------------


def test_a_chunked_request_body_goes_as_one_chunk_sized_in_lowercase_hex() -> None:
    headers = [*HOST, (b"Transfer-Encoding", b"chunked")]
    raw = encode_request("POST", b"/users", headers, b"x" * 26)
    assert raw.endswith(b"\r\n\r\n1a\r\n" + b"x" * 26 + b"\r\n0\r\n\r\n")


def test_an_empty_chunked_request_body_is_the_last_chunk_alone() -> None:
    headers = [*HOST, (b"Transfer-Encoding", b"chunked")]
    raw = encode_request("POST", b"/users", headers, b"")
    assert raw == (
        b"POST /users HTTP/1.1\r\nHost: gitlab.example.com\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
    )


# -- what a head says ----------------------------------------------------------------------


def test_a_head_gives_its_version_reason_and_fields_as_sent() -> None:
    reader = ResponseReader("GET")
    reader.feed(b"HTTP/1.0 404 Not Found\r\nLocation: http://h:8080/x\r\n\r\n")
    head = reader.head()
    assert head is not None
    assert (head.status, head.version, head.reason) == (404, b"HTTP/1.0", b"Not Found")
    assert head.headers == [(b"Location", b"http://h:8080/x")]  # split at the first colon


def test_a_status_line_without_a_reason_gives_an_empty_reason() -> None:
    reader = ResponseReader("GET")
    reader.feed(b"HTTP/1.1 204\r\n\r\n")
    head = reader.head()
    assert head is not None and (head.version, head.reason) == (b"HTTP/1.1", b"")


def test_a_folded_line_keeps_characters_other_than_spaces_and_tabs_at_its_edges() -> None:
    reader = ResponseReader("GET")
    reader.feed(b"HTTP/1.1 200 OK\r\nX: a\r\n \x0cb\x0b\r\n\r\n")
    head = reader.head()
    assert head is not None and head.headers == [(b"X", b"a \x0cb\x0b")]


@pytest.mark.parametrize(("extra", "refused"), [(0, False), (1, True)])
def test_a_folded_field_may_be_as_long_as_a_line(extra: int, refused: bool) -> None:
    # "X-A: a" + " " + folded part == MAX_LINE_SIZE bytes when unfolded (extra == 0).
    raw = b"HTTP/1.1 200 OK\r\nX-A: a\r\n " + b"b" * (MAX_LINE_SIZE - 7 + extra) + b"\r\n\r\n"
    reader = ResponseReader("GET")
    reader.feed(raw)
    if refused:
        with pytest.raises(ProtocolError):
            reader.head()
    else:
        head = reader.head()
        assert head is not None and len(head.headers[0][1]) == MAX_LINE_SIZE - 5


def test_every_connection_field_counts_not_only_the_last() -> None:
    raw = b"HTTP/1.1 200 OK\r\nConnection: close\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"
    _, reader = body_of(raw)
    assert not reader.reusable


@pytest.mark.parametrize(("digits", "refused"), [(18, False), (19, True)])
def test_a_content_length_may_have_eighteen_digits(digits: int, refused: bool) -> None:
    raw = b"HTTP/1.1 200 OK\r\nContent-Length: " + b"1" * digits + b"\r\n\r\n"
    reader = ResponseReader("GET")
    reader.feed(raw)
    if refused:
        with pytest.raises(ProtocolError):
            reader.head()
    else:
        assert reader.head() is not None


# -- the size of a head --------------------------------------------------------------------


@pytest.mark.parametrize(("extra", "refused"), [(0, False), (1, True)])
def test_a_head_may_be_as_large_as_the_limit_plus_its_blank_line(extra: int, refused: bool) -> None:
    reader = ResponseReader("GET")
    reader.feed(head_of_size(MAX_HEAD_SIZE + 4 + extra))
    if refused:
        with pytest.raises(ProtocolError, match="too large"):
            reader.head()
    else:
        assert reader.head() is not None


def test_an_unfinished_head_as_large_as_the_limit_waits_for_more() -> None:
    reader = ResponseReader("GET")
    reader.feed(b"HTTP/1.1 200 OK\r\nX: " + b"a" * (MAX_HEAD_SIZE - 20))
    assert reader.head() is None
    reader.feed(b"a")
    with pytest.raises(ProtocolError, match="too large"):
        reader.head()


def test_a_blank_line_first_is_an_invalid_head_however_it_arrives() -> None:
    assert refusal(b"\n\n") == "invalid status line"
    reader = ResponseReader("GET")
    reader.feed(b"\n")
    assert reader.head() is None
    reader.feed(b"\n")
    with pytest.raises(ProtocolError, match="invalid status line"):
        reader.head()
    # Right after an interim head too: the search for the next head starts at its start.
    assert refusal(b"HTTP/1.1 100 Continue\r\n\r\n\n\n") == "invalid status line"


# -- chunk lines and trailers --------------------------------------------------------------


def test_chunk_sizes_are_hexadecimal() -> None:
    body, _ = body_of(CHUNKED + b"10\r\n" + b"x" * 16 + b"\r\nA\r\n" + b"y" * 10 + b"\r\n0\r\n\r\n")
    assert body == b"x" * 16 + b"y" * 10


@pytest.mark.parametrize(("length", "refused"), [(1024, False), (1025, True)])
def test_a_chunk_size_line_may_be_1024_bytes(length: int, refused: bool) -> None:
    line = b"2;" + b"e" * (length - 2)
    raw = CHUNKED + line + b"\r\nok\r\n0\r\n\r\n"
    if refused:
        assert refusal(raw) == "invalid chunk size line"
    else:
        assert body_of(raw)[0] == b"ok"


def test_an_unfinished_chunk_size_line_of_1024_bytes_waits_for_more() -> None:
    reader = ResponseReader("GET")
    reader.feed(CHUNKED + b"2;" + b"e" * 1022)
    assert reader.head() is not None
    assert reader.body() == b""
    reader.feed(b"e")
    with pytest.raises(ProtocolError, match="invalid chunk size line"):
        reader.body()


def test_a_chunk_line_that_is_a_bare_lf_is_refused() -> None:
    assert refusal(CHUNKED + b"\n", eof=True) == "a chunk line does not end in CRLF"


@pytest.mark.parametrize("end", [b"\r\n", b"\n"])
def test_a_chunked_body_without_trailers_ends_at_its_blank_line(end: bytes) -> None:
    body, reader = body_of(CHUNKED + b"2\r\nok\r\n0\r\n" + end)
    assert body == b"ok" and reader.reusable
    # A byte after it belongs to no response: the connection cannot be reused.
    reader = ResponseReader("GET")
    reader.feed(CHUNKED + b"2\r\nok\r\n0\r\n" + end + b"X")
    assert reader.head() is not None
    assert reader.body() == b"ok"
    assert reader.body() is None
    assert not reader.reusable


@pytest.mark.parametrize(("extra", "refused"), [(0, False), (1, True)])
def test_a_trailer_section_may_be_as_large_as_the_limit_plus_its_blank_line(
    extra: int, refused: bool
) -> None:
    raw = CHUNKED + b"2\r\nok\r\n0\r\n" + trailer_of_size(MAX_HEAD_SIZE + 4 + extra)
    if refused:
        assert refusal(raw) == "the trailer section is too large"
    else:
        assert body_of(raw)[0] == b"ok"


def test_an_unfinished_trailer_as_large_as_the_limit_waits_for_more() -> None:
    reader = ResponseReader("GET")
    reader.feed(CHUNKED + b"0\r\nX: " + b"v" * (MAX_HEAD_SIZE - 3))
    assert reader.head() is not None
    assert reader.body() == b""
    reader.feed(b"v")
    with pytest.raises(ProtocolError, match="too large"):
        reader.body()
