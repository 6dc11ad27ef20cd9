"""How a client reaches its server: certificate checks, client certificate, proxies.

``Network`` checks the ``verify=``, ``cert=``, ``proxy=`` and ``trust_env=`` options once,
when the client is created (a :class:`ConfigurationError` before any request), and hands
them on in the shapes the transports take:

* httpx's own client (the default) gets ``verify`` as ``False`` or an ``ssl.SSLContext``
  (a CA path or a client certificate are loaded into a context here, which is what httpx
  asks for; the default check is a :class:`DeferredTrust` that loads httpx's choice of
  certificates, ``SSL_CERT_FILE``/``SSL_CERT_DIR`` or certifi, at the first TLS
  connection), ``proxy`` and ``trust_env`` as given: httpx then reads
  ``HTTP(S)_PROXY``/``ALL_PROXY``/``NO_PROXY`` itself;
* the opt-in engines get one ``ssl.SSLContext`` (built at their first https request) and
  ask :meth:`Network.proxy_for` which proxy, if any, an origin goes through. The
  environment is read with the standard library's rules (``urllib.request``), as
  httpx's own are close to them but private.
"""

from __future__ import annotations

import contextlib
import os
import ssl
import urllib.request
from typing import Any
from urllib.request import (  # type: ignore[attr-defined]  # not in typeshed
    proxy_bypass_environment,
)

import httpx

from .._exceptions import ConfigurationError

__all__ = ["CertTypes", "Network", "ProxyTypes", "VerifyTypes"]

#: ``True`` (the default: certifi, or ``SSL_CERT_FILE``/``SSL_CERT_DIR`` when trusting the
#: environment), ``False`` (no check: never in production), a CA bundle file or
#: directory, or a ready ``ssl.SSLContext`` (e.g. ``truststore.SSLContext``).
VerifyTypes = bool | str | os.PathLike[str] | ssl.SSLContext
#: A PEM file holding the certificate and its key, ``(certificate, key)`` or
#: ``(certificate, key, password)``.
CertTypes = str | tuple[str, str] | tuple[str, str, str]
ProxyTypes = str | httpx.URL | httpx.Proxy

_PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")


def _cert_files(cert: object) -> tuple[str, str | None, str | None]:
    if isinstance(cert, str | os.PathLike):
        return os.fspath(cert), None, None
    if isinstance(cert, tuple) and len(cert) in (2, 3) and all(isinstance(p, str) for p in cert):
        return cert[0], cert[1], cert[2] if len(cert) == 3 else None
    raise ConfigurationError(
        "cert must be a PEM file path, (certificate, key) or (certificate, key, password)"
    )


def _load_problem(exc: OSError) -> str:
    """Why certificates could not be loaded, without the library's chain."""
    if isinstance(exc, ssl.SSLError):
        return str(exc.reason or type(exc).__name__)
    return exc.strerror or type(exc).__name__


def _context_for(verify: object, trust_env: bool) -> ssl.SSLContext:
    if isinstance(verify, ssl.SSLContext):
        return verify
    if isinstance(verify, bool):
        # httpx's own rules: certifi, or SSL_CERT_FILE / SSL_CERT_DIR when trusting the
        # environment; no checks at all for False.
        try:
            return httpx.create_ssl_context(verify=verify, trust_env=trust_env)
        except OSError as exc:
            problem = _load_problem(exc)
        variable = next(
            (name for name in ("SSL_CERT_FILE", "SSL_CERT_DIR") if os.environ.get(name)), None
        )
        where = f"{variable} ({os.environ[variable]})" if trust_env and variable else "certifi"
        raise ConfigurationError(f"cannot load the CA certificates of {where}: {problem}")
    path = os.fspath(verify)  # type: ignore[call-overload]
    if not os.path.exists(path):
        raise ConfigurationError(f"verify: no CA bundle file or directory at {path}")
    try:
        if os.path.isdir(path):
            return ssl.create_default_context(capath=path)
        return ssl.create_default_context(cafile=path)
    except OSError as exc:
        problem = _load_problem(exc)
    raise ConfigurationError(f"verify: cannot load the CA bundle {path}: {problem}")


def _check_proxy(proxy: object) -> httpx.Proxy | None:
    if proxy is None:
        return None
    if not isinstance(proxy, httpx.Proxy | str | httpx.URL):
        raise ConfigurationError("proxy must be a URL (str or httpx.URL) or an httpx.Proxy")
    checked: httpx.Proxy | None = None
    if isinstance(proxy, httpx.Proxy):
        checked = proxy
    else:
        # Refused below, with no chain that could quote credentials.
        with contextlib.suppress(ValueError, TypeError, httpx.InvalidURL):
            checked = httpx.Proxy(proxy)
    if checked is None or checked.url.scheme not in _PROXY_SCHEMES or not checked.url.host:
        raise ConfigurationError(
            "proxy must be an http://, https:// or socks5:// URL, e.g. http://proxy:3128"
        )
    return checked


class DeferredTrust(ssl.SSLContext):
    """The default certificate check, with its certificates loaded at the first TLS
    connection rather than when the client is created.

    Loading a CA bundle takes tens of milliseconds, which a script talking to an
    ``http://`` instance (or one that sends no request) would pay for nothing; httpx
    loads it when its client is built. The certificates are the ones httpx would load:
    ``SSL_CERT_FILE``, else ``SSL_CERT_DIR`` when trusting the environment, else
    certifi's bundle. Checked (host name, chain) as ``ssl.create_default_context`` does.
    """

    _where: tuple[str | None, str | None]
    _loaded: bool

    def __new__(cls, cafile: str | None = None, capath: str | None = None) -> DeferredTrust:
        return super().__new__(cls, ssl.PROTOCOL_TLS_CLIENT)

    def __init__(self, cafile: str | None = None, capath: str | None = None) -> None:
        self._where = (cafile, capath)
        self._loaded = False

    @classmethod
    def from_environment(cls, trust_env: bool) -> DeferredTrust:
        """httpx's choice of certificates; a variable naming nothing is refused now."""
        for variable, is_there in (
            ("SSL_CERT_FILE", os.path.isfile),
            ("SSL_CERT_DIR", os.path.isdir),
        ):
            path = os.environ.get(variable) if trust_env else None
            if path:
                if not is_there(path):
                    raise ConfigurationError(
                        f"{variable} names {path}, which does not exist: fix it, unset it, "
                        "or pass trust_env=False"
                    )
                return cls(path, None) if variable == "SSL_CERT_FILE" else cls(None, path)
        import certifi

        return cls(certifi.where(), None)

    def _load(self) -> None:
        if not self._loaded:
            cafile, capath = self._where
            self.load_verify_locations(cafile=cafile, capath=capath)
            self._loaded = True

    def wrap_socket(self, *args: Any, **kwargs: Any) -> ssl.SSLSocket:
        self._load()
        return super().wrap_socket(*args, **kwargs)

    def wrap_bio(self, *args: Any, **kwargs: Any) -> ssl.SSLObject:
        self._load()
        return super().wrap_bio(*args, **kwargs)


class Network:
    """The checked ``verify``/``cert``/``proxy``/``trust_env`` options of one client.

    A plain class rather than a dataclass (a code-generation pass at import); its
    ``repr`` is ``object``'s, so neither a certificate password nor proxy credentials
    can show in one.
    """

    __slots__ = ("_context", "_proxy", "_routes", "cert", "proxy", "trust_env", "verify")

    def __init__(
        self,
        verify: VerifyTypes = True,
        cert: CertTypes | None = None,
        proxy: ProxyTypes | None = None,
        trust_env: bool = True,
    ) -> None:
        self.verify = verify
        self.cert = cert
        self.proxy = proxy
        self.trust_env = trust_env
        self._context: ssl.SSLContext | None = None
        self._proxy: httpx.Proxy | None = None
        self._routes: dict[tuple[str, str, int | None], httpx.Proxy | None] = {}
        self._check()

    @classmethod
    def for_client(
        cls,
        http_client: object,
        verify: VerifyTypes,
        cert: CertTypes | None,
        proxy: ProxyTypes | None,
        trust_env: bool,
    ) -> Network:
        """The checked options of a new client; a caller's own ``http_client`` has its own."""
        if http_client is not None and (
            verify is not True or cert is not None or proxy is not None or trust_env is not True
        ):
            raise ConfigurationError(
                "verify=, cert=, proxy= and trust_env= configure the client the SDK creates; "
                "set them on your http_client instead"
            )
        return cls(verify=verify, cert=cert, proxy=proxy, trust_env=trust_env)

    def _check(self) -> None:
        if not isinstance(self.trust_env, bool):
            raise ConfigurationError("trust_env must be True or False")
        if not isinstance(self.verify, bool | str | os.PathLike | ssl.SSLContext):
            raise ConfigurationError(
                "verify must be True, False, a CA bundle path or an ssl.SSLContext"
            )
        self._proxy = _check_proxy(self.proxy)
        if self.cert is not None:
            certificate, key, password = _cert_files(self.cert)
            if isinstance(self.verify, ssl.SSLContext):
                raise ConfigurationError(
                    "cert= cannot be combined with an ssl.SSLContext in verify=: load the "
                    "certificate into that context (context.load_cert_chain(...))"
                )
            context = _context_for(self.verify, self.trust_env)
            problem: str | None = None
            try:
                context.load_cert_chain(certificate, key, password)
            except OSError as exc:
                problem = _load_problem(exc)
            if problem is not None:  # raised out here: no chain that could show the password
                raise ConfigurationError(f"cert: cannot load the client certificate: {problem}")
            self._context = context
        elif not isinstance(self.verify, bool):
            self._context = _context_for(self.verify, self.trust_env)
        elif self.verify:
            self._context = DeferredTrust.from_environment(self.trust_env)

    @property
    def httpx_verify(self) -> bool | ssl.SSLContext:
        """``verify=`` for ``httpx.AsyncClient``: a context when the SDK had to build one."""
        if self._context is not None:
            return self._context
        assert isinstance(self.verify, bool | ssl.SSLContext)
        return self.verify

    @property
    def explicit_proxy(self) -> httpx.Proxy | None:
        return self._proxy

    def ssl_context(self) -> ssl.SSLContext:
        """The TLS context of the opt-in engines (certificates loaded at first use)."""
        if self._context is None:
            self._context = _context_for(self.verify, self.trust_env)
        return self._context

    def proxy_for(self, url: httpx.URL) -> httpx.Proxy | None:
        """The proxy requests to ``url``'s origin go through, ``None`` for a direct one."""
        key = (url.scheme, url.raw_host.decode("ascii"), url.port)
        if key not in self._routes:
            self._routes[key] = self._route(url)
        return self._routes[key]

    def _route(self, url: httpx.URL) -> httpx.Proxy | None:
        if self._proxy is not None:
            return self._proxy
        if not self.trust_env:
            return None
        proxies = urllib.request.getproxies_environment()
        chosen = proxies.get(url.scheme) or proxies.get("all")
        if not chosen:
            return None
        host = url.raw_host.decode("ascii")
        if url.port is not None:
            host = f"{host}:{url.port}"
        if proxy_bypass_environment(host, proxies):
            return None
        if "://" not in chosen:
            chosen = f"http://{chosen}"  # as httpx and curl read a bare host:port
        try:
            return _check_proxy(chosen)
        except ConfigurationError:
            variable = f"{url.scheme.upper()}_PROXY" if proxies.get(url.scheme) else "ALL_PROXY"
            raise ConfigurationError(
                f"{variable} (or its lower-case spelling) is not a proxy URL this client can "
                "use; fix it, add the host to NO_PROXY, or pass trust_env=False"
            ) from None
