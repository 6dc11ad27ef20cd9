"""Keep credentials out of anything printable: URLs, headers, reprs."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters GitLab accepts credentials (or sudo) in.
SENSITIVE_QUERY_KEYS = frozenset(
    {"private_token", "access_token", "job_token", "sudo", "token", "oauth_token"}
)
#: Headers that carry credentials or an identity switch.
SENSITIVE_HEADERS = frozenset(
    {"authorization", "private-token", "job-token", "sudo", "cookie", "proxy-authorization"}
)


def redact_url(url: str) -> str:
    """Drop user info and mask credential query parameters."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    # Drop "user:password@" but keep the host exactly as written: going through
    # ``hostname``/``port`` would lose IPv6 brackets and raise on a malformed port.
    netloc = parts.netloc.rpartition("@")[2]
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            parts.path,
            _redact_query(parts.query),
            _redact_query(parts.fragment),
        )
    )


def _redact_query(query: str) -> str:
    if not query:
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    if not any(key.lower() in SENSITIVE_QUERY_KEYS for key, _ in pairs):
        return query
    return urlencode(
        [
            (key, "[REDACTED]" if key.lower() in SENSITIVE_QUERY_KEYS else value)
            for key, value in pairs
        ]
    )


class Secret:
    """A credential that never shows itself in ``repr``/``str``/format.

    Pass one as the value of a credential header you mean to send as it is, e.g.
    ``headers={"Authorization": Secret("Basic ...")}`` for a proxy in front of GitLab
    while the token goes as ``PRIVATE-TOKEN``: it is redacted from errors and logs and
    dropped on redirects to another origin, like the SDK's own credentials.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get(self) -> str:
        """The value itself (only for sending it)."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> str:
        raise TypeError("credentials cannot be pickled")
