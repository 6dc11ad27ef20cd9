"""Reading a response body with a cap on its decoded size.

A server (or anything between it and the client) decides how big a body is and how
well it compresses: a 1 MB gzip stream can expand to gigabytes. Bodies are therefore
read chunk by chunk and decompressed in bounded steps, and reading stops as soon as
the decoded size passes the client's ``max_response_size``.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator

import anyio
import httpx

from ._exceptions import ConfigurationError, ResponseTooLargeError

__all__ = ["DEFAULT_MAX_RESPONSE_SIZE", "check_max_response_size", "read_body"]

#: 64 MiB: far above any Users API page (100 admin users are ~200 KB).
DEFAULT_MAX_RESPONSE_SIZE = 64 * 1024 * 1024
#: Most bytes one decompression step may produce.
_STEP = 256 * 1024
#: Most content codings one body may be wrapped in (urllib3's and curl's limit): each
#: one is a decoder kept in memory and run on every byte.
MAX_CODINGS = 5

Stage = Callable[[bytes], Iterator[bytes]]


def check_max_response_size(value: object) -> int:
    """Validate the ``max_response_size`` option (a positive number of bytes)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError("max_response_size must be a positive number of bytes")
    return value


class _Inflate:
    """One zlib stage that never produces more than ``_STEP`` bytes per step."""

    def __init__(self, wbits: int, *, raw_fallback: bool = False) -> None:
        self._decoder = zlib.decompressobj(wbits)
        # "deflate" is zlib-wrapped by the standard and raw deflate from many servers.
        self._raw_fallback = raw_fallback

    def __call__(self, data: bytes) -> Iterator[bytes]:
        try:
            first = self._decoder.decompress(data, _STEP)
        except zlib.error:
            if not self._raw_fallback:
                raise
            self._decoder = zlib.decompressobj(-zlib.MAX_WBITS)
            first = self._decoder.decompress(data, _STEP)
        self._raw_fallback = False
        yield first
        while self._decoder.unconsumed_tail:
            yield self._decoder.decompress(self._decoder.unconsumed_tail, _STEP)


def _stages(response: httpx.Response) -> list[Stage] | None:
    """Decoders for ``Content-Encoding`` (last applied first), or None if one is not ours."""
    values = [
        value.strip().lower()
        for value in response.headers.get("content-encoding", "").split(",")
        if value.strip()
    ]
    if len(values) > MAX_CODINGS:
        raise httpx.DecodingError(
            f"the response has more than {MAX_CODINGS} content codings (Content-Encoding)"
        )
    stages: list[Stage] = []
    for value in reversed(values):
        if value in ("gzip", "x-gzip"):
            stages.append(_Inflate(16 + zlib.MAX_WBITS))
        elif value == "deflate":
            stages.append(_Inflate(zlib.MAX_WBITS, raw_fallback=True))
        elif value != "identity":
            return None
    return stages


def _run(stages: list[Stage], data: bytes) -> Iterator[bytes]:
    if not stages:
        yield data
        return
    first, rest = stages[0], stages[1:]
    for piece in first(data):
        if piece:
            yield from _run(rest, piece)


async def read_body(response: httpx.Response, limit: int, *, method: str) -> None:
    """Read a streamed response into ``response.content``, or raise past ``limit`` bytes.

    Decoding errors surface as ``httpx.DecodingError``, transport errors as raised.
    """
    chunks: list[bytes] = []
    size = 0
    try:
        stages = _stages(response)
        if stages is None:
            # An encoding httpx decodes itself (e.g. br with brotli installed): its
            # chunks are bounded by the transport's read size.
            pieces = response.aiter_bytes()
            async for piece in pieces:
                size += len(piece)
                if size > limit:
                    break
                chunks.append(piece)
        elif not stages:  # not compressed: the common case, kept short
            stream = response.stream
            assert isinstance(stream, httpx.AsyncByteStream)
            async for raw in stream:
                size += len(raw)
                if size > limit:
                    break
                chunks.append(raw)
        else:
            stream = response.stream
            assert isinstance(stream, httpx.AsyncByteStream)
            async for raw in stream:
                try:
                    for piece in _run(stages, raw):
                        size += len(piece)
                        if size > limit:
                            break
                        chunks.append(piece)
                except zlib.error:
                    raise httpx.DecodingError(
                        "the response body is not validly compressed"
                    ) from None
                if size > limit:
                    break
    except BaseException:
        # Cancelled or failed mid-body: the connection must still be given back.
        with anyio.CancelScope(shield=True):
            await response.aclose()
        raise
    await response.aclose()
    if size > limit:
        raise ResponseTooLargeError(
            f"the response body is larger than max_response_size ({limit} bytes); "
            "raise the limit if this is expected",
            method=method,
            url=str(response.request.url),
            limit=limit,
        )
    response._content = b"".join(chunks)
