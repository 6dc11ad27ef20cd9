"""The pieces behind the engine guarantees, on their own."""

from __future__ import annotations

import httpx
import pytest

from gitlab_users_client._retry import _clean_cause, was_sent
from tests.http.harness import TOKEN


def test_a_chained_cause_loses_the_token_its_request_and_its_own_chain() -> None:
    request = httpx.Request(
        "GET", "https://h.example/api/v4/users", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    try:
        try:
            raise ValueError(f"deep inside: {TOKEN}")
        except ValueError as inner:
            raise httpx.LocalProtocolError(f"Illegal header value b'Bearer {TOKEN}'") from inner
    except httpx.LocalProtocolError as original:
        clean = _clean_cause(original, request)
    assert type(clean) is httpx.LocalProtocolError
    assert TOKEN not in str(clean) and "[REDACTED]" in str(clean)
    assert clean.__cause__ is None and clean.__context__ is None
    assert isinstance(clean, httpx.RequestError)
    assert TOKEN not in repr(list(clean.request.headers.raw))


@pytest.mark.parametrize(
    ("error", "sent"),
    [
        (httpx.ConnectError("refused"), False),
        (httpx.ConnectTimeout("slow"), False),
        (httpx.PoolTimeout("busy"), False),
        (httpx.UnsupportedProtocol("ftp"), False),
        (httpx.ReadTimeout("slow"), True),
        (httpx.WriteError("pipe"), True),
        (httpx.RemoteProtocolError("bad"), True),
        (httpx.DecodingError("gzip"), True),
    ],
)
def test_only_a_failure_to_connect_proves_nothing_was_sent(error: Exception, sent: bool) -> None:
    assert was_sent(error) is sent
