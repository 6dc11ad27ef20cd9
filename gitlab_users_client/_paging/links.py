"""The ``Link`` header (RFC 8288) and a guard against pagination loops.

The parser is a single left-to-right scan, so its cost is linear in the header's
length whatever a server puts in it. ``rel`` is a space-separated list of relation
types, compared case-insensitively: ``rel="first next"`` is a next link,
``rel="nextfoo"`` is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .._exceptions import PaginationLoopError

if TYPE_CHECKING:
    from .._contract.request import ApiRequest

__all__ = ["PageLoopGuard", "next_link", "parse_links"]

_SPACE = re.compile(r"[ \t]*")
_TOKEN = re.compile(r"[^\s=;,\"]*")
_UNQUOTED = re.compile(r"[^\s;,]*")
_QUOTED_RUN = re.compile(r'[^"\\]*')


def _quoted(header: str, pos: int) -> tuple[str, int]:
    """A quoted-string starting after its opening quote: (value, position after it)."""
    parts: list[str] = []
    end = len(header)
    while pos < end:
        run = _QUOTED_RUN.match(header, pos)
        assert run is not None  # the pattern matches the empty string
        parts.append(run.group())
        pos = run.end()
        if pos >= end:
            break
        if header[pos] == '"':
            return "".join(parts), pos + 1
        # A backslash escapes the next character.
        if pos + 1 < end:
            parts.append(header[pos + 1])
        pos += 2
    return "".join(parts), end


def _skip_to_next_link(header: str, pos: int) -> int:
    """Past the next top-level comma (not inside a quoted string), or to the end."""
    end = len(header)
    while pos < end:
        char = header[pos]
        if char == ",":
            return pos + 1
        if char == '"':
            _, pos = _quoted(header, pos + 1)
            continue
        pos += 1
    return end


def parse_links(header: str) -> Iterator[tuple[str, dict[str, str]]]:
    """Every ``<target>; name=value; ...`` of a Link header, in order.

    Parameter names are lower-cased; only the first occurrence of a parameter counts
    (RFC 8288, section 3). Malformed entries are skipped.
    """
    end = len(header)
    pos = 0
    while True:
        pos = _SPACE.match(header, pos).end()  # type: ignore[union-attr]
        if pos >= end:
            return
        if header[pos] != "<":  # a comma between links, or a malformed entry
            pos = _skip_to_next_link(header, pos)
            continue
        close = header.find(">", pos + 1)
        if close < 0:
            return
        target = header[pos + 1 : close].strip()
        pos = close + 1
        params: dict[str, str] = {}
        while True:
            pos = _SPACE.match(header, pos).end()  # type: ignore[union-attr]
            if pos >= end or header[pos] != ";":
                break
            pos = _SPACE.match(header, pos + 1).end()  # type: ignore[union-attr]
            name_match = _TOKEN.match(header, pos)
            assert name_match is not None
            name = name_match.group().lower()
            pos = _SPACE.match(header, name_match.end()).end()  # type: ignore[union-attr]
            value = ""
            if pos < end and header[pos] == "=":
                pos = _SPACE.match(header, pos + 1).end()  # type: ignore[union-attr]
                if pos < end and header[pos] == '"':
                    value, pos = _quoted(header, pos + 1)
                else:
                    value_match = _UNQUOTED.match(header, pos)
                    assert value_match is not None
                    value, pos = value_match.group(), value_match.end()
            if name and name not in params:
                params[name] = value
        # Past the comma, and past whatever malformed text comes before it.
        pos = _skip_to_next_link(header, pos)
        yield target, params


def next_link(header: str) -> str | None:
    """The target of the first link whose ``rel`` list contains ``next``."""
    for target, params in parse_links(header):
        if "next" in params.get("rel", "").lower().split():
            return target
    return None


class PageLoopGuard:
    """Remembers which pages a paginator requested and refuses to request one again."""

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: set[int] = set()

    def check(self, request: ApiRequest) -> None:
        """Record the page ``request`` asks for; raise if it was asked for before."""
        params = tuple(sorted(request.params))
        key = hash((request.path, request.query, params))
        if key in self._seen:
            query = request.query or "&".join(f"{name}={value}" for name, value in params)
            raise PaginationLoopError(
                "the server's next page repeats a page already fetched; stopping instead "
                "of looping forever",
                url=f"{request.path}?{query}" if query else request.path,
            )
        self._seen.add(key)
