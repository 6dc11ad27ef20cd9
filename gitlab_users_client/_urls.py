"""Checks on URLs a server hands to the client (redirect ``Location``, pagination ``Link``).

Pure functions: each returns what may be requested or raises :class:`CrossOriginError`,
so that a hostile URL never reaches the HTTP engine as something it could resolve,
reject with its own exception type, or send the credentials to:

* only ``http``/``https``, no user info, a valid port, printable ASCII only;
* no dot segments, in any spelling: ``..``, ``%2e%2e``, ``%2E.``, ``..%2f`` (a proxy or
  a URL library resolving them would move the request out of the API root);
* a pagination link stays on the client's origin (unless ``keep_base_url``) and under
  its API root.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from ._exceptions import CrossOriginError

__all__ = ["has_dot_segments", "link_target", "origin_of", "redirect_target", "same_origin"]

#: Printable ASCII without space: what a URL a server sends may contain (compiled and
#: cached by ``re`` at the first redirect or link, not at import).
_URL_CHARS = r"[\x21-\x7e]*"
_MAX_URL_LENGTH = 8192


def _shown(url: str) -> str:
    """A server's URL, safe to put in an error message."""
    text = url if len(url) <= 200 else url[:200] + "..."
    return text.encode("ascii", "backslashreplace").decode("ascii").translate(_CONTROLS)


_CONTROLS = {code: f"\\x{code:02x}" for code in [*range(32), 127]}


def has_dot_segments(path: str) -> bool:
    """Whether a path has a ``.`` or ``..`` segment once percent-decoded (even twice)."""
    for _ in range(3):
        if any(segment in (".", "..") for segment in re.split(r"[/\\]", path)):
            return True
        decoded = unquote(path)
        if decoded == path:
            return False
        path = decoded
    return True  # still encoded after three rounds: nothing legitimate looks like that


def origin_of(url: httpx.URL) -> tuple[str, str, int | None]:
    """(scheme, host, port); httpx drops a scheme's default port (``:443`` is ``None``)
    and lower-cases names, but not IPv6 addresses."""
    return url.scheme, url.host.lower(), url.port


def same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    """Same scheme, host and port: whether credentials may follow from ``b`` to ``a``."""
    return origin_of(a) == origin_of(b)


def _parse(url: str, *, what: str) -> httpx.URL:
    if len(url) > _MAX_URL_LENGTH or not re.fullmatch(_URL_CHARS, url):
        raise CrossOriginError(
            f"the {what} is not a valid URL (non-ASCII, control characters or too long)",
            url=_shown(url),
        )
    try:
        target = httpx.URL(url)
        port = target.port
    except (httpx.InvalidURL, ValueError, TypeError):
        raise CrossOriginError(f"the {what} is not a valid URL", url=_shown(url)) from None
    if target.scheme not in ("http", "https"):
        raise CrossOriginError(f"refusing a {what} with scheme {target.scheme!r}", url=_shown(url))
    if not target.host:
        raise CrossOriginError(f"the {what} has no host", url=_shown(url))
    if port is not None and not 0 < port < 65536:
        raise CrossOriginError(f"the {what} has an invalid port", url=_shown(url))
    if target.userinfo:
        raise CrossOriginError(f"refusing a {what} with user info in it", url=_shown(url))
    return target


def _join(base: str, url: str, *, what: str) -> str:
    # urljoin, and httpx after it, resolve literal dot segments without a word: the
    # server's own text is checked, before either sees it.
    if not re.fullmatch(_URL_CHARS, url[:_MAX_URL_LENGTH]) or len(url) > _MAX_URL_LENGTH:
        raise CrossOriginError(
            f"the {what} is not a valid URL (non-ASCII, control characters or too long)",
            url=_shown(url),
        )
    try:
        # urlsplit refuses some hosts (an unclosed IPv6 bracket), as urljoin does.
        path = urlsplit(url).path
        joined = urljoin(base, url)
    except ValueError:
        raise CrossOriginError(f"the {what} is not a valid URL", url=_shown(url)) from None
    if has_dot_segments(path):
        raise CrossOriginError(f"refusing a {what} with dot segments", url=_shown(url))
    return joined


def redirect_target(current: httpx.URL, location: str) -> httpx.URL:
    """The URL a redirect ``Location`` points at, or :class:`CrossOriginError`."""
    target = _parse(_join(str(current), location.strip(), what="redirect"), what="redirect")
    if current.scheme == "https" and target.scheme == "http":
        raise CrossOriginError("refusing a redirect from https to http", url=_shown(str(target)))
    return target


def link_target(url: str, *, current: str, base: httpx.URL, keep_base_url: bool) -> tuple[str, str]:
    """(path below the API root, raw query) for a pagination ``Link`` URL.

    ``current`` is the URL of the page that carried the link (relative links are
    resolved against it); ``base`` is the client's API root.
    """
    url = url.strip()
    base_path = base.raw_path.decode("ascii").rstrip("/")
    prefix = f"{base.scheme}://{base.netloc.decode('ascii')}{base_path}/"
    if url.startswith(prefix) and len(url) <= _MAX_URL_LENGTH and re.fullmatch(_URL_CHARS, url):
        # The usual case (GitLab sends absolute links on the client's own origin): only
        # what follows the API root needs checking, without parsing the URL again.
        path, _, query = url[len(prefix) - 1 :].partition("?")
        if "#" not in url and not has_dot_segments(path):
            return path, query
    target = _parse(_join(current, url, what="pagination link"), what="pagination link")
    if target.fragment:
        raise CrossOriginError("the pagination link has a fragment", url=_shown(url))
    if not same_origin(target, base) and not keep_base_url:
        raise CrossOriginError(
            "the server's pagination link points at another origin; refusing to send "
            "credentials there (pass keep_base_url=True to rewrite such links onto the client's URL)",
            url=_shown(str(target)),
        )
    path = target.raw_path.decode("ascii").partition("?")[0]
    if not path.startswith(base_path + "/"):
        raise CrossOriginError("the pagination link leaves the API root", url=_shown(str(target)))
    return path[len(base_path) :], target.query.decode("ascii")
