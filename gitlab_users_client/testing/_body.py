"""Request bodies, read as they stream in and kept in bounded memory.

What GitLab does with a body, in order: nginx refuses one above ``client_max_body_size``
(250 MB in Omnibus GitLab) with ``413``; ``Gitlab::Middleware::JsonValidation`` streams a
JSON body through ``Gitlab::Json::StreamValidator`` (nesting, container sizes, total
elements; malformed JSON) and answers ``400 {"error": ...}``; Grape then parses what is
left, and the models validate the values (``name`` longer than 255 characters: 400).

The fake follows that order without ever holding the body: each chunk is hashed (for the
``applied`` counter), checked and reduced at once. JSON keeps its structure but drops
whitespace and cuts every string after :data:`KEPT_STRING_BYTES` (a value that long already
fails every length validation of these routes, so the answer does not change), forms and
multipart parts are cut the same way. A 200 MB ``name`` therefore costs the fake about a
megabyte. Once :data:`KEPT_TOTAL_BYTES` have been kept, later values are cut after
:data:`KEPT_STRING_BYTES_LATE` bytes, which is still longer than any field may be; with the
element limits this bounds what one request can hold.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

from starlette.types import Receive

from ._http import ApiError, UploadedFile, decode_pairs, error_error

KEPT_STRING_BYTES = 1 << 20
KEPT_TOTAL_BYTES = 8 << 20
KEPT_STRING_BYTES_LATE = 512
# Gitlab::Middleware::JsonValidation::DEFAULT_LIMITS
JSON_MAX_DEPTH = 32
JSON_MAX_ARRAY_SIZE = 50_000
JSON_MAX_HASH_SIZE = 50_000
JSON_MAX_TOTAL_ELEMENTS = 100_000
JSON_MAX_INTEGER_DIGITS = 1000
# The fake's own bounds for forms (GitLab's Rack has limits of its own here).
FORM_MAX_PAIRS = 100_000
MULTIPART_MAX_PARTS = 128

_NESTED = "Parameters nested too deeply"
_LONGEST_LITERAL = 8192  # no JSON number or literal a client sends is longer
_INVALID = "Invalid JSON format"


class BodyTooLarge(Exception):
    """The body is above the instance's limit (nginx answers 413 before Rails sees it)."""


class _Budget:
    """How many more bytes of values may be kept for this request."""

    def __init__(self) -> None:
        self.kept = 0

    def cap(self) -> int:
        return KEPT_STRING_BYTES if self.kept < KEPT_TOTAL_BYTES else KEPT_STRING_BYTES_LATE

    def take(self, n: int) -> None:
        self.kept += n


def _cut_utf8(data: bytes | bytearray, limit: int) -> int:
    """The largest length <= ``limit`` that does not split a UTF-8 character."""
    if limit >= len(data):
        return len(data)
    end = limit
    while end > 0 and 0x80 <= data[end] < 0xC0:
        end -= 1
    return end


# -- JSON ---------------------------------------------------------------------------------------
_WS = re.compile(rb"[ \t\r\n]+")
_LITERAL = re.compile(rb'[^ \t\r\n\[\]{},:"]+')
_STRING_STOP = re.compile(rb'["\\]')
_DIGITS = re.compile(rb"\d+")


@dataclass
class _Container:
    kind: str  # "[" or "{"
    state: str  # value_or_close, comma_or_close, value, key_or_close, key, colon
    size: int = 0


class JsonReducer:
    """``StreamValidator``'s checks on a JSON body fed in chunks, and a compact copy of it
    (no whitespace, strings cut) that ``json.loads`` can read afterwards."""

    def __init__(self, budget: _Budget) -> None:
        self.budget = budget
        self.out = bytearray()
        self.stack: list[_Container] = []
        self.root_state = "value"  # value, end
        self.total = 0
        self.in_string = False
        self.string_is_key = False
        self.escape = 0  # 1 after a backslash, 2..5 inside \\uXXXX
        self.escape_kept = False  # the escape's backslash was copied: copy the rest too
        self.string_kept = 0
        self.string_cap = 0
        self.string_cut = False
        self.in_literal = False
        self.literal_len = 0
        self.integer_digits = 0
        self.seen_any = False

    # -- grammar --------------------------------------------------------------------------
    def _fail(self, message: str) -> ApiError:
        return error_error(400, message)

    def _count(self) -> None:
        self.total += 1
        if self.total >= JSON_MAX_TOTAL_ELEMENTS:
            raise self._fail("Too many total parameters")

    def _start_value(self) -> None:
        """A value begins where the grammar allows one; count it like StreamValidator."""
        if not self.stack:
            if self.root_state != "value":
                raise self._fail(_INVALID)
            return
        top = self.stack[-1]
        if top.kind == "[":
            if top.state not in ("value_or_close", "value"):
                raise self._fail(_INVALID)
            if top.size >= JSON_MAX_ARRAY_SIZE:
                raise self._fail("Array parameter too large")
            top.size += 1
            self._count()
        elif top.state != "value":
            raise self._fail(_INVALID)

    def _end_value(self) -> None:
        if not self.stack:
            self.root_state = "end"
            self._count()
            return
        top = self.stack[-1]
        if top.kind == "{":
            if top.size >= JSON_MAX_HASH_SIZE:
                raise self._fail("Hash parameter too large")
            top.size += 1
            self._count()
        top.state = "comma_or_close"

    def _structural(self, byte: int) -> None:
        top = self.stack[-1] if self.stack else None
        if byte in b"[{":
            self._start_value()
            if len(self.stack) >= JSON_MAX_DEPTH:
                raise self._fail(_NESTED)
            if byte == ord("["):
                self.stack.append(_Container("[", "value_or_close"))
            else:
                self.stack.append(_Container("{", "key_or_close"))
        elif byte in b"]}":
            want = "[" if byte == ord("]") else "{"
            closable = ("value_or_close", "comma_or_close", "key_or_close")
            if top is None or top.kind != want or top.state not in closable:
                raise self._fail(_INVALID)
            self.stack.pop()
            self._end_value()
        elif byte == ord(","):
            if top is None or top.state != "comma_or_close":
                raise self._fail(_INVALID)
            top.state = "value" if top.kind == "[" else "key"
        else:  # ":"
            if top is None or top.state != "colon":
                raise self._fail(_INVALID)
            top.state = "value"
        self.out.append(byte)

    def _start_string(self) -> None:
        top = self.stack[-1] if self.stack else None
        if top is not None and top.kind == "{" and top.state in ("key_or_close", "key"):
            top.state = "colon"
            self._count()  # hash_key
            self.string_is_key = True
        else:
            self._start_value()
            self.string_is_key = False
        self.in_string = True
        self.escape = 0
        self.string_kept = 0
        self.string_cap = self.budget.cap()
        self.string_cut = False
        self.out.append(ord('"'))

    def _end_string(self) -> None:
        self.in_string = False
        self.out.append(ord('"'))
        self.budget.take(self.string_kept)
        if not self.string_is_key:
            self._end_value()

    def _end_literal(self) -> None:
        self.in_literal = False
        self._end_value()

    # -- feeding --------------------------------------------------------------------------
    def feed(self, chunk: bytes) -> None:
        pos, n = 0, len(chunk)
        while pos < n:
            if self.in_string:
                pos = self._feed_string(chunk, pos)
                continue
            if self.in_literal:
                m = _LITERAL.match(chunk, pos)
                if m is None:
                    self._end_literal()
                    continue
                self._literal_bytes(m.group())
                pos = m.end()
                continue
            byte = chunk[pos]
            if byte in b" \t\r\n":
                m = _WS.match(chunk, pos)
                assert m is not None
                pos = m.end()
                continue
            self.seen_any = True
            if byte == ord('"'):
                self._start_string()
                pos += 1
            elif byte in b"[]{},:":
                self._structural(byte)
                pos += 1
            else:
                self._start_value()
                self.in_literal = True
                self.literal_len = 0
                self.integer_digits = 0
                m = _LITERAL.match(chunk, pos)
                assert m is not None
                self._literal_bytes(m.group())
                pos = m.end()

    def _literal_bytes(self, data: bytes) -> None:
        """A number or ``true``/``false``/``null`` (or garbage ``json.loads`` refuses later),
        possibly split across chunks; integers longer than 1,000 digits are refused."""
        for m in _DIGITS.finditer(data):
            run = len(m.group())
            self.integer_digits = self.integer_digits + run if m.start() == 0 else run
            if self.integer_digits > JSON_MAX_INTEGER_DIGITS:
                raise self._fail("Invalid JSON: limit exceeded")
        if not data[-1:].isdigit():
            self.integer_digits = 0
        self.literal_len += len(data)
        if self.literal_len > _LONGEST_LITERAL:
            raise self._fail(_INVALID)
        self.out += data

    def _feed_string(self, chunk: bytes, pos: int) -> int:
        n = len(chunk)
        while pos < n and self.escape:
            byte = chunk[pos]
            if self.escape == 1:
                self.escape = 2 if byte == ord("u") else 0
            else:
                self.escape = 0 if self.escape == 5 else self.escape + 1
            if self.escape_kept:
                self.out.append(byte)
                self.string_kept += 1
            pos += 1
        if pos >= n:
            return pos
        m = _STRING_STOP.search(chunk, pos)
        end = m.start() if m is not None else n
        self._keep(chunk, pos, end)
        if m is None:
            return n
        if chunk[end] == ord('"'):
            self._end_string()
        else:
            self.escape = 1
            self.escape_kept = not self.string_cut and self.string_kept < self.string_cap
            if self.escape_kept:
                self.out.append(ord("\\"))
                self.string_kept += 1
            else:
                self.string_cut = True
        return end + 1

    def _keep(self, chunk: bytes, start: int, end: int) -> None:
        """Copy string content until the cap (never splitting a UTF-8 character)."""
        if self.string_cut or start >= end:
            return
        room = self.string_cap - self.string_kept
        if end - start <= room:
            self.out += chunk[start:end]
            self.string_kept += end - start
            return
        piece = chunk[start:end]
        cut = _cut_utf8(piece, max(room, 0))
        self.out += piece[:cut]
        self.string_kept += cut
        self.string_cut = True

    def finish(self) -> Any:
        if self.in_string:
            raise self._fail(_INVALID)
        if self.in_literal:
            self._end_literal()
        if not self.seen_any:
            return None
        if self.stack or self.root_state != "end":
            raise self._fail(_INVALID)
        try:
            return json.loads(bytes(self.out))
        except (ValueError, RecursionError) as exc:
            raise self._fail(_INVALID) from exc


# -- forms --------------------------------------------------------------------------------------
def _form_text(raw: bytes) -> str:
    """A form key or value: UTF-8 (bad bytes replaced), then ``+`` and ``%XX`` decoded."""
    return unquote_plus(raw.decode("utf-8", "replace"), encoding="utf-8", errors="replace")


class FormReducer:
    """``application/x-www-form-urlencoded``, pair by pair, each pair cut like a string."""

    def __init__(self, budget: _Budget) -> None:
        self.budget = budget
        self.pairs: list[tuple[str, str]] = []
        self.current = bytearray()
        self.cap = budget.cap()
        self.cut = False

    def feed(self, chunk: bytes) -> None:
        pos, n = 0, len(chunk)
        while pos < n:
            amp = chunk.find(b"&", pos)
            end = n if amp < 0 else amp
            if not self.cut:
                room = self.cap - len(self.current)
                piece = chunk[pos:end]
                if len(piece) > room:
                    piece = piece[:room]
                    self.cut = True
                self.current += piece
            if amp < 0:
                return
            self._close()
            pos = amp + 1

    def _close(self) -> None:
        raw = bytes(self.current)
        self.current = bytearray()
        self.cut = False
        if raw and len(self.pairs) < FORM_MAX_PAIRS:
            self.budget.take(len(raw))
            key, _, value = raw.partition(b"=")
            self.pairs.append((_form_text(key), _form_text(value)))
        self.cap = self.budget.cap()

    def finish(self) -> dict[str, Any]:
        self._close()
        return decode_pairs(self.pairs)


# -- multipart ----------------------------------------------------------------------------------
_DISPOSITION_PARAM = re.compile(r';\s*([^=;\s]+)="?(?:([^";]*)"|([^;]*))')


class MultipartReducer:
    """``multipart/form-data`` part by part; each part's data is cut like a string."""

    def __init__(self, budget: _Budget, boundary: bytes) -> None:
        self.budget = budget
        self.delimiter = b"\r\n--" + boundary
        self.buffer = bytearray(b"\r\n")  # the first delimiter has no CRLF before it
        self.parts: list[tuple[str, Any]] = []
        self.head: bytes | None = None  # headers of the part being read
        self.in_data = False  # the part's headers are complete
        self.data = bytearray()
        self.cap = budget.cap()
        self.started = False
        self.done = False

    def feed(self, chunk: bytes) -> None:
        if self.done:
            return
        self.buffer += chunk
        while not self.done:
            at = self.buffer.find(self.delimiter)
            if at < 0:
                keep = len(self.delimiter) + 4  # a delimiter may be split across chunks
                if len(self.buffer) > keep:
                    self._content(self.buffer[: len(self.buffer) - keep])
                    del self.buffer[: len(self.buffer) - keep]
                return
            self._content(self.buffer[:at])
            after = at + len(self.delimiter)
            if len(self.buffer) < after + 2:
                del self.buffer[:at]
                return
            self._close_part()
            if self.buffer[after : after + 2] == b"--":
                self.done = True
                self.buffer = bytearray()
                return
            del self.buffer[:after]
            self.started = True
            self.head = b""

    def _content(self, data: bytes | bytearray) -> None:
        if not self.started or self.head is None or not data:
            return
        if self.in_data:
            self._append(data)
            return
        self.head += bytes(data)
        split = self.head.find(b"\r\n\r\n")
        if split >= 0:
            rest = self.head[split + 4 :]
            self.head = self.head[: split + 4]
            self.in_data = True
            self._append(rest)
        elif len(self.head) > 16 * 1024:
            self.head = self.head[-8:]  # absurd part headers: no name can be read from them

    def _append(self, data: bytes | bytearray) -> None:
        room = self.cap - len(self.data)
        if room > 0:
            self.data += data[:room]

    def _close_part(self) -> None:
        if self.started and self.head is not None and len(self.parts) < MULTIPART_MAX_PARTS:
            self._store(self.head, bytes(self.data))
        self.budget.take(len(self.data))
        self.head = None
        self.in_data = False
        self.data = bytearray()
        self.cap = self.budget.cap()

    def _store(self, head: bytes, data: bytes) -> None:
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").lstrip("\r\n").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        params = {
            m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
            for m in _DISPOSITION_PARAM.finditer(headers.get("content-disposition", ""))
        }
        field = params.get("name")
        if field is None:
            return
        if "filename" in params:
            kind = headers.get("content-type", "application/octet-stream")
            self.parts.append((field, UploadedFile(params["filename"] or "", kind, data)))
        else:
            self.parts.append((field, data.decode("utf-8", "replace")))

    def finish(self) -> dict[str, Any]:
        return decode_pairs(self.parts)


# -- reading ------------------------------------------------------------------------------------
@dataclass
class Body:
    """What a handler gets: the decoded parameters and the hash of the raw bytes."""

    params: dict[str, Any]
    digest: str
    size: int


def _reducer(content_type: str, budget: _Budget) -> Any:
    ctype = content_type.split(";", 1)[0].strip().lower()
    if ctype == "application/json" or ctype.endswith("+json"):
        return JsonReducer(budget)
    if ctype == "multipart/form-data":
        m = re.search(r'boundary="?([^";]+)"?', content_type)
        if not m:
            raise error_error(400, "multipart boundary is missing")
        return MultipartReducer(budget, m.group(1).encode("latin-1", "replace"))
    if ctype in ("application/x-www-form-urlencoded", ""):
        return FormReducer(budget)
    return None  # Grape reads no parameters from other media types


async def read_body(receive: Receive, headers: dict[str, str], limit: int) -> Body:
    """Read the whole body in bounded memory; :class:`BodyTooLarge` above ``limit`` bytes
    (checked from ``Content-Length`` before reading, and while reading)."""
    declared = headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge()
    digest = hashlib.sha256()
    size = 0
    error: ApiError | None = None
    reducer: Any = None
    try:
        reducer = _reducer(headers.get("content-type", ""), _Budget())
    except ApiError as exc:
        error = exc
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge()
        digest.update(chunk)
        if chunk and reducer is not None and error is None:
            try:
                reducer.feed(chunk)
            except ApiError as exc:  # read the rest like GitLab does, answer after
                error = exc
        if not message.get("more_body", False):
            break
    params: dict[str, Any] = {}
    if error is None and reducer is not None and size:
        try:
            value = reducer.finish()
        except ApiError as exc:
            error = exc
        else:
            # Grape keeps only a JSON object's keys as parameters; other JSON is ignored.
            params = value if isinstance(value, dict) else {}
    if error is not None:
        raise error
    return Body(params, digest.hexdigest()[:16], size)
