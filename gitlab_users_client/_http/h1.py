"""HTTP/1.1 messages for the SDK's own engine (RFC 9112), without I/O.

``encode_request`` turns a request into bytes; ``ResponseReader`` takes the bytes a
server sends and gives back the response head, then the body in pieces, then tells
whether the connection can carry another request. Both are strict where leniency is
how requests get smuggled or responses spliced: a header name must be a token, no
value may hold CR, LF or NUL (a CR not followed by LF is refused), a head has one
framing (``Content-Length`` values that agree, or ``chunked`` as the only transfer
coding, never both), and sizes are bounded (``MAX_HEAD_SIZE`` for a head or a trailer
section, ``MAX_LINE_SIZE`` per line and field, ``MAX_HEADERS`` fields, ``_MAX_CHUNK_LINE``
for a chunk-size line).

Every limit is checked on a line before any pattern looks at it, and every pattern is
linear in the length of what it matches, so no head within the limits costs more than
a few passes over its bytes. Head and trailer lines may end in LF alone, as h11 (which
httpcore uses) allows; chunk-size lines and the end of each chunk's data must end in
CRLF, as h11 requires. An obsolete line folding in a response is replaced with a space
(RFC 9112, 5.2). Values are trimmed of spaces and tabs only.

Errors are :class:`ProtocolError` with fixed messages that never quote the server's
bytes (a hostile server can echo a request header back).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from .checks import MAX_HEAD_SIZE, MAX_HEADERS, MAX_LINE_SIZE

__all__ = ["Head", "ProtocolError", "ResponseReader", "encode_request"]

_MAX_CHUNK_LINE: Final = 1024
_MAX_LENGTH_DIGITS: Final = 18

_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# Visible characters, spaces, tabs and obs-text; no CR, LF, NUL or other controls.
_FIELD_VALUE = re.compile(rb"[\t\x20-\x7e\x80-\xff]*")
_TARGET = re.compile(rb"[\x21-\x7e]+")
# What a server may send in a reason phrase or a field value: as lenient as h11 (which
# httpcore uses), so every engine accepts the same heads; never NUL, CR or LF.
_STATUS_LINE = re.compile(rb"HTTP/1\.([01]) ([0-9]{3})(?: ([^\x00\r\n]*))?")
_RECEIVED_VALUE = re.compile(rb"[^\x00\r\n]*")
_OWS = b" \t"
_CHUNK_SIZE = re.compile(rb"([0-9A-Fa-f]{1,16})[ \t]*(?:;[\t\x20-\x7e\x80-\xff]*)?")
_HEAD_END = re.compile(rb"\r?\n\r?\n")


class ProtocolError(Exception):
    """The bytes are not a valid HTTP/1.1 message (or not one this engine accepts)."""


def encode_request(
    method: str, target: bytes, headers: Sequence[tuple[bytes, bytes]], body: bytes
) -> bytes:
    """The bytes of a request; ``headers`` must hold ``Host`` and, with a body, its framing."""
    name = method.encode("ascii", "replace")
    if not _TOKEN.fullmatch(name) or not _TARGET.fullmatch(target):
        raise ProtocolError("the request line cannot be encoded")
    parts = [name, b" ", target, b" HTTP/1.1\r\n"]
    chunked = False
    for key, value in headers:
        if not _TOKEN.fullmatch(key) or not _FIELD_VALUE.fullmatch(value):
            raise ProtocolError("a request header cannot be encoded")
        lowered = key.lower()
        if lowered == b"transfer-encoding":
            chunked = True
        parts += (key, b": ", value, b"\r\n")
    parts.append(b"\r\n")
    if body:
        # The body is already in memory: a streamed (chunked) one goes as one chunk.
        parts += (b"%x\r\n" % len(body), body, b"\r\n0\r\n\r\n") if chunked else (body,)
    elif chunked:
        parts.append(b"0\r\n\r\n")
    return b"".join(parts)


class Head:
    """A response head: status, version, reason and the header fields as sent."""

    __slots__ = ("headers", "keep_alive", "reason", "status", "version")

    def __init__(
        self,
        status: int,
        version: bytes,
        reason: bytes,
        headers: list[tuple[bytes, bytes]],
        keep_alive: bool,
    ) -> None:
        self.status = status
        self.version = version
        self.reason = reason
        self.headers = headers
        self.keep_alive = keep_alive


# Body framings.
_NONE, _LENGTH, _CHUNKED, _UNTIL_CLOSE = range(4)
# Chunked sub-states.
_SIZE, _DATA, _DATA_END, _TRAILER = range(4)


class ResponseReader:
    """Reads one response (interim ``1xx`` heads included) from the bytes received.

    Feed bytes with ``feed``, the end of input with ``feed_eof``; then ask ``head()``
    (``None`` until a final head is complete) and ``body()`` (``b""`` when nothing is
    buffered; ``None`` once the body is complete). ``reusable`` says, after the body,
    whether the connection may carry the next request.
    """

    def __init__(self, method: str) -> None:
        self._buffer = bytearray()
        self._eof = False
        self._no_body = method == "HEAD"
        self._head: Head | None = None
        self._framing = _NONE
        self._remaining = 0
        self._chunk_state = _SIZE
        self._complete = False
        self._scanned = 0  # where to resume looking for the end of the head

    @property
    def buffered(self) -> int:
        return len(self._buffer)

    def feed(self, data: bytes) -> None:
        self._buffer += data

    def feed_eof(self) -> None:
        self._eof = True

    @property
    def reusable(self) -> bool:
        return (
            self._complete
            and not self._buffer
            and self._head is not None
            and self._head.keep_alive
            and self._framing != _UNTIL_CLOSE
        )

    # -- the head ---------------------------------------------------------------------

    def head(self) -> Head | None:
        """The final response head once it is complete; interim ``1xx`` heads are skipped."""
        while self._head is None:
            # Resume where the last look stopped: a head trickled byte by byte is not
            # searched from its start each time (that would be quadratic).
            match = _HEAD_END.search(self._buffer, self._scanned, MAX_HEAD_SIZE + 4)
            if match is None:
                if len(self._buffer) > MAX_HEAD_SIZE:
                    raise ProtocolError("the response head is too large")
                if self._eof:
                    raise EOFError
                self._scanned = max(0, len(self._buffer) - 3)
                return None
            raw = bytes(self._buffer[: match.end()])
            del self._buffer[: match.end()]
            self._scanned = 0
            head = self._parse_head(raw)
            if head.status == 101:
                raise ProtocolError("the server switched protocols")
            if head.status >= 200:
                self._head = head
        return self._head

    def _parse_head(self, raw: bytes) -> Head:
        lines = _lines(raw)
        status_line = _line(lines[0])
        match = _STATUS_LINE.fullmatch(status_line)
        if match is None:
            raise ProtocolError("invalid status line")
        minor, code, reason = match.groups()
        status = int(code)
        if status < 100:
            # Not an interim answer to wait past: a status the protocol has no room for.
            raise ProtocolError("invalid status code")
        headers = parse_fields(lines[1:])
        lengths: set[bytes] = set()
        codings: list[bytes] = []
        connection: list[bytes] = []
        for name, value in headers:
            lowered = name.lower()
            if lowered == b"content-length":
                lengths.update(_parts(value))
            elif lowered == b"transfer-encoding":
                codings += (part.lower() for part in _parts(value))
            elif lowered == b"connection":
                connection += (part.lower() for part in _parts(value))
        keep_alive = minor == b"1" and b"close" not in connection
        head = Head(status, b"HTTP/1." + minor, reason or b"", headers, keep_alive)
        if status < 200:
            return head
        if codings and lengths:
            raise ProtocolError("both Content-Length and Transfer-Encoding")
        if self._no_body or status in (204, 304):
            self._framing = _NONE
        elif codings:
            if codings != [b"chunked"]:
                raise ProtocolError("unsupported Transfer-Encoding")
            self._framing = _CHUNKED
        elif lengths:
            (length,) = lengths if len(lengths) == 1 else (b"",)
            if not length.isdigit() or len(length) > _MAX_LENGTH_DIGITS:
                raise ProtocolError("invalid Content-Length")
            self._framing = _LENGTH
            self._remaining = int(length)
        else:
            self._framing = _UNTIL_CLOSE
        if self._framing == _NONE or (self._framing == _LENGTH and not self._remaining):
            self._complete = True
        return head

    # -- the body ---------------------------------------------------------------------

    def body(self) -> bytes | None:
        """The next piece of body (``b""``: wait for more bytes; ``None``: complete).

        Raises ``EOFError`` when the input ended before the body did.
        """
        if self._complete:
            return None
        framing = self._framing
        buffer = self._buffer
        if framing == _LENGTH:
            if not buffer:
                if self._eof:
                    raise EOFError
                return b""
            size = min(len(buffer), self._remaining)
            piece = bytes(buffer[:size])
            del buffer[:size]
            self._remaining -= size
            self._complete = not self._remaining
            return piece
        if framing == _UNTIL_CLOSE:
            if buffer:
                piece = bytes(buffer)
                buffer.clear()
                return piece
            if self._eof:
                self._complete = True
                return None
            return b""
        return self._chunked()

    def _chunked(self) -> bytes | None:
        buffer = self._buffer
        while True:
            state = self._chunk_state
            if state == _DATA:
                if not buffer:
                    break
                size = min(len(buffer), self._remaining)
                piece = bytes(buffer[:size])
                del buffer[:size]
                self._remaining -= size
                if not self._remaining:
                    self._chunk_state = _DATA_END
                return piece
            if state == _TRAILER:
                end = _trailer_end(buffer, self._scanned)
                if end is None:
                    if len(buffer) > MAX_HEAD_SIZE:
                        raise ProtocolError("the trailer section is too large")
                    self._scanned = max(0, len(buffer) - 3)
                    break
                del buffer[:end]
                self._complete = True
                return None
            newline = buffer.find(b"\n", 0, _MAX_CHUNK_LINE + 2)
            if newline < 0:
                if len(buffer) > _MAX_CHUNK_LINE:
                    raise ProtocolError("invalid chunk size line")
                break
            if not newline or buffer[newline - 1] != 0x0D:
                raise ProtocolError("a chunk line does not end in CRLF")
            line = bytes(buffer[: newline - 1])
            del buffer[: newline + 1]
            if state == _DATA_END:
                if line:
                    raise ProtocolError("a chunk is longer than its size")
                self._chunk_state = _SIZE
                continue
            match = _CHUNK_SIZE.fullmatch(line)
            if match is None:
                raise ProtocolError("invalid chunk size line")
            self._remaining = int(match.group(1), 16)
            self._chunk_state = _DATA if self._remaining else _TRAILER
        if self._eof:
            raise EOFError
        return b""


def _trailer_end(buffer: bytearray, start: int) -> int | None:
    """Where the trailer section after the last chunk ends (its fields are discarded)."""
    if buffer.startswith(b"\r\n"):
        return 2
    if buffer.startswith(b"\n"):
        return 1
    match = _HEAD_END.search(buffer, start, MAX_HEAD_SIZE + 4)
    if match is None:
        return None
    parse_fields(_lines(bytes(buffer[: match.end()])))
    return match.end()


def _lines(raw: bytes) -> list[bytes]:
    """The lines of a head or trailer section that ends in its blank line.

    Split at each LF with the line's own CR kept, so a CR that is not followed by LF
    (even just before the line ending) stays in the line and is refused there.
    """
    return raw.split(b"\n")[:-2]


def _line(raw: bytes) -> bytes:
    """A line without its line ending, refused if too long (before any pattern runs)."""
    line = raw[:-1] if raw.endswith(b"\r") else raw
    if len(line) > MAX_LINE_SIZE:
        raise ProtocolError("a header line is too long")
    return line


def _parts(value: bytes) -> list[bytes]:
    """The comma-separated elements of a field value, trimmed of spaces and tabs only."""
    return [part.strip(_OWS) for part in value.split(b",")]


def parse_fields(lines: list[bytes]) -> list[tuple[bytes, bytes]]:
    """Header (or trailer) field lines as (name, value) pairs, values trimmed.

    Linear in the input: each line is checked against ``MAX_LINE_SIZE`` and the count
    against ``MAX_HEADERS`` first, then split at its first colon; the name must be a
    token and the value hold no NUL, CR or LF. A line starting with a space or tab
    continues the previous field (obsolete line folding), joined with one space.
    """
    fields: list[tuple[bytes, bytes]] = []
    for raw in lines:
        line = _line(raw)
        if line[:1] in (b" ", b"\t"):
            if not fields:
                raise ProtocolError("invalid header line")
            name, value = fields[-1]
            value = (value + b" " + line.strip(_OWS)).strip(_OWS)
            if len(name) + len(value) + 2 > MAX_LINE_SIZE:
                raise ProtocolError("a header line is too long")
        else:
            if len(fields) >= MAX_HEADERS:
                raise ProtocolError("too many header fields")
            name, colon, value = line.partition(b":")
            # No colon, a space before it, or a name that is not a token.
            if not colon or not _TOKEN.fullmatch(name):
                raise ProtocolError("invalid header line")
            value = value.strip(_OWS)
            fields.append((name, value))
        if not _RECEIVED_VALUE.fullmatch(value):
            raise ProtocolError("invalid header line")
        fields[-1] = (name, value)
    return fields
