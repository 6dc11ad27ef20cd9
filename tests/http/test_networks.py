"""Where users deploy the client: proxies, certificates, and what runs around httpx.

Proxies (from the environment and from ``proxy=``) on every engine: a recording proxy
on 127.0.0.1 receives the request for a host that does not exist (a forward proxy gets
the absolute URL, so nothing is resolved); ``NO_PROXY`` and ``trust_env=False`` go
direct. Certificates: ``verify=`` with a CA file or an ``ssl.SSLContext``, a client
certificate, and the refusal by default with OpenSSL's reason in the message. Around
httpx, on the default client: respx intercepts it, OpenTelemetry records one span per
request (retries included), event hooks see every request, Sentry's integration sees
it (in a subprocess: it patches httpx for the whole process).
"""

from __future__ import annotations

import json
import socket
import ssl
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
import respx
import trustme

from gitlab_users_client import APIConnectionError, AsyncGitLab, ConfigurationError

from .harness import ENGINES, POLICY, call, run_on
from .hostile import Exchange, HostileServer
from .test_tls import TLSServer, server_context

USER = {"id": 1, "username": "a", "name": "A", "state": "active", "web_url": "http://x/a"}
BODY = json.dumps(USER).encode()
ROOT = Path(__file__).resolve().parents[2]
#: A host that exists nowhere: only a proxy can carry a request for it.
NOWHERE = "http://gitlab.nowhere.invalid"
DEFAULT_LOOPS = ["asyncio", "uvloop", "trio"]


def ok(exchange: Exchange, status: bytes = b"200 OK") -> None:
    exchange.send(
        b"HTTP/1.1 %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
        % (status, len(BODY), BODY)
    )
    exchange.keep_alive = True


def get_user(gl: AsyncGitLab) -> Any:
    return gl.users.get(1)


@pytest.fixture
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


# -- proxies ----------------------------------------------------------------------------


def test_the_environment_proxy_carries_every_request(
    engine: tuple[str, str], no_proxy_env: pytest.MonkeyPatch
) -> None:
    with HostileServer(ok) as proxy:
        no_proxy_env.setenv("HTTP_PROXY", proxy.url)
        outcome = call(engine, NOWHERE, get_user)
        assert outcome.error is None, outcome.error
        assert proxy.targets == [f"{NOWHERE}/api/v4/users/1"]


def test_proxy_given_to_the_client_carries_every_request(
    engine: tuple[str, str], no_proxy_env: pytest.MonkeyPatch
) -> None:
    with HostileServer(ok) as proxy, HostileServer(ok) as elsewhere:
        no_proxy_env.setenv("HTTP_PROXY", elsewhere.url)  # proxy= wins over the environment
        outcome = call(engine, NOWHERE, get_user, proxy=proxy.url)
        assert outcome.error is None, outcome.error
        assert proxy.targets == [f"{NOWHERE}/api/v4/users/1"]
        assert elsewhere.attempts == 0


@pytest.mark.parametrize("how", ["NO_PROXY", "no_proxy", "trust_env=False"])
def test_no_proxy_and_trust_env_false_go_direct(
    engine: tuple[str, str], no_proxy_env: pytest.MonkeyPatch, how: str
) -> None:
    with HostileServer(ok) as proxy, HostileServer(ok) as server:
        no_proxy_env.setenv("HTTP_PROXY", proxy.url)
        options: dict[str, Any] = {}
        if how == "trust_env=False":
            options["trust_env"] = False
        else:
            no_proxy_env.setenv(how, "localhost,127.0.0.1")
        outcome = call(engine, server.url, get_user, **options)
        assert outcome.error is None, outcome.error
        assert (server.attempts, proxy.attempts) == (1, 0)


@pytest.mark.parametrize("proxy", ["ftp://proxy:21", "not a url", "http://", 3128])
def test_a_bad_proxy_is_a_configuration_error(proxy: object) -> None:
    with pytest.raises(ConfigurationError, match="proxy"):
        AsyncGitLab(NOWHERE, token="glpat-x", proxy=proxy)  # type: ignore[arg-type]


@pytest.mark.parametrize("transport", ["auto", "asyncio"])
def test_a_socks_proxy_without_socksio_is_a_configuration_error(
    no_proxy_env: pytest.MonkeyPatch, transport: str
) -> None:
    try:
        import socksio  # noqa: F401
    except ImportError:
        pass
    else:  # pragma: no cover - only without the extra
        pytest.skip("socksio is installed")

    async def main() -> None:
        async with AsyncGitLab(
            NOWHERE,
            token="glpat-x",
            proxy="socks5://127.0.0.1:1080",
            transport=transport,  # type: ignore[arg-type]
        ) as gl:
            await gl.users.get(1)

    with pytest.raises(ConfigurationError, match="socksio"):
        anyio.run(main, backend="asyncio")


def test_connection_options_are_refused_by_with_options() -> None:
    gl = AsyncGitLab(NOWHERE, token="glpat-x")
    for option in (
        {"verify": False},
        {"proxy": "http://p:1"},
        {"cert": "c.pem"},
        {"trust_env": False},
    ):
        with pytest.raises(ConfigurationError, match="share the client's connection pool"):
            gl.with_options(**option)
    anyio.run(gl.aclose)


def test_connection_options_and_an_own_http_client_are_refused_together() -> None:
    with pytest.raises(ConfigurationError, match="on your http_client"):
        AsyncGitLab(NOWHERE, token="glpat-x", verify=False, http_client=httpx.AsyncClient())


# -- certificates ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> str:
    path = tmp_path / "internal-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


def tls_call(
    engine: tuple[str, str], url: str, **options: Any
) -> tuple[str | None, BaseException | None]:
    transport, loop = engine

    async def main() -> tuple[str | None, BaseException | None]:
        try:
            with anyio.fail_after(15):  # a hang guard
                async with AsyncGitLab(
                    url,
                    token="glpat-x",
                    transport=transport,  # type: ignore[arg-type]
                    retry_policy=POLICY,
                    **options,
                ) as gl:
                    return (await gl.users.get(1)).username, None
        except (APIConnectionError, ConfigurationError) as exc:
            return None, exc

    result: tuple[str | None, BaseException | None] = run_on(loop, main)
    return result


@pytest.mark.parametrize("engine", list(ENGINES.values()), ids=list(ENGINES))
@pytest.mark.parametrize("form", ["path", "context"])
def test_verify_trusts_an_internal_ca(
    engine: tuple[str, str], form: str, ca: trustme.CA, ca_file: str
) -> None:
    verify: Any = ca_file if form == "path" else ssl.create_default_context(cafile=ca_file)
    with TLSServer(server_context(ca, "localhost")) as server:
        name, error = tls_call(engine, f"https://localhost:{server.port}", verify=verify)
    assert error is None, error
    assert name == "a"


@pytest.mark.parametrize("engine", list(ENGINES.values()), ids=list(ENGINES))
def test_an_unknown_ca_is_refused_by_default_saying_why(
    engine: tuple[str, str], ca: trustme.CA
) -> None:
    with TLSServer(server_context(ca, "localhost")) as server:
        name, error = tls_call(engine, f"https://localhost:{server.port}")
        assert server.requests == 0
    assert name is None
    assert isinstance(error, APIConnectionError)
    assert not error.outcome_unknown
    # OpenSSL's verify_message, whatever the engine.
    assert "unable to get local issuer certificate" in str(error), str(error)


@pytest.mark.parametrize("engine", list(ENGINES.values()), ids=list(ENGINES))
def test_verify_false_accepts_any_certificate(engine: tuple[str, str], ca: trustme.CA) -> None:
    with TLSServer(server_context(ca, "gitlab.example.com")) as server:
        name, error = tls_call(engine, f"https://localhost:{server.port}", verify=False)
    assert (name, error) == ("a", None)


@pytest.mark.parametrize("engine", list(ENGINES.values()), ids=list(ENGINES))
def test_a_client_certificate_is_presented(
    engine: tuple[str, str], ca: trustme.CA, ca_file: str, tmp_path: Path
) -> None:
    context = server_context(ca, "localhost")
    context.verify_mode = ssl.CERT_REQUIRED
    ca.configure_trust(context)
    client = ca.issue_cert("gitlab-users-client@example.com")
    cert_file, key_file = tmp_path / "client.pem", tmp_path / "client.key"
    client.cert_chain_pems[0].write_to_path(str(cert_file))
    client.private_key_pem.write_to_path(str(key_file))
    with TLSServer(context) as server:
        name, error = tls_call(
            engine,
            f"https://localhost:{server.port}",
            verify=ca_file,
            cert=(str(cert_file), str(key_file)),
        )
    assert (name, error) == ("a", None)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"verify": "/nonexistent/ca.pem"}, "no CA bundle"),
        ({"verify": 1}, "verify must be"),
        ({"cert": "/nonexistent/client.pem"}, "cannot load the client certificate"),
        ({"cert": 42}, "cert must be"),
        ({"cert": "c.pem", "verify": ssl.create_default_context()}, "load the certificate into"),
        ({"trust_env": "yes"}, "trust_env"),
    ],
)
def test_bad_tls_options_are_configuration_errors(options: dict[str, Any], match: str) -> None:
    with pytest.raises(ConfigurationError, match=match):
        AsyncGitLab(NOWHERE, token="glpat-x", **options)


def test_an_unreadable_ssl_cert_file_is_a_configuration_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent/bundle.pem")
    with pytest.raises(ConfigurationError, match="SSL_CERT_FILE"):
        AsyncGitLab(NOWHERE, token="glpat-x")
    gl = AsyncGitLab(NOWHERE, token="glpat-x", trust_env=False)  # the environment ignored
    anyio.run(gl.aclose)


def test_a_ca_bundle_that_is_no_bundle_is_a_configuration_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.pem"
    bogus.write_text("not a certificate")
    with pytest.raises(ConfigurationError, match="cannot load the CA bundle"):
        AsyncGitLab(NOWHERE, token="glpat-x", verify=str(bogus))


# -- an IDNA host with a deviation character ----------------------------------------------


@pytest.fixture
def resolver(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Resolves every name to 127.0.0.1 and records the names asked for."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        asked.append(name)
        return real("127.0.0.1", port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


# uvloop resolves with libuv, out of the test's reach; asyncio's resolver is the same code.
@pytest.mark.parametrize(
    "engine",
    [("auto", "asyncio"), ("auto", "trio"), ("asyncio", "asyncio"), ("aiohttp", "asyncio")],
    ids=["default-asyncio", "default-trio", "asyncio", "aiohttp"],
)
def test_a_deviation_character_is_sent_and_resolved_as_idna_2008(
    engine: tuple[str, str], resolver: list[str]
) -> None:
    # "ß" is a deviation: IDNA 2003 maps it to "ss" (fass.de, another domain), IDNA 2008
    # and UTS 46 keep it (xn--fa-hia.de), as httpx encodes the Host header.
    with HostileServer(ok) as server:
        outcome = call(engine, f"http://faß.de:{server.port}", get_user)
        assert outcome.error is None, outcome.error
        head = server.exchanges[0].head.lower()
        assert b"\r\nhost: xn--fa-hia.de:" in head
    assert resolver and set(resolver) == {"xn--fa-hia.de"}


# -- what users run around httpx, on the default client ------------------------------------


def flaky(exchange: Exchange) -> None:
    """503 for the first request, then 200: every call after the first is one request."""
    ok(exchange, b"503 Service Unavailable" if exchange.index == 0 else b"200 OK")


@pytest.mark.parametrize("engine", list(ENGINES.values()), ids=list(ENGINES))
def test_event_hooks_see_every_request_retries_included(engine: tuple[str, str]) -> None:
    seen: list[str] = []

    async def on_request(request: httpx.Request) -> None:
        seen.append(f"{request.method} {request.url.path}")

    async def on_response(response: httpx.Response) -> None:
        seen.append(str(response.status_code))

    with HostileServer(flaky) as server:
        outcome = call(
            engine,
            server.url,
            get_user,
            event_hooks={"request": [on_request], "response": [on_response]},
        )
        assert outcome.error is None, outcome.error
        assert server.attempts == 2
    assert seen == ["GET /api/v4/users/1", "503", "GET /api/v4/users/1", "200"]


def test_event_hooks_must_be_async_functions_by_event() -> None:
    with pytest.raises(ConfigurationError, match="event_hooks"):
        AsyncGitLab(NOWHERE, token="glpat-x", event_hooks={"sent": []})
    with pytest.raises(ConfigurationError, match="event_hooks"):
        AsyncGitLab(NOWHERE, token="glpat-x", event_hooks={"request": [42]})  # type: ignore[list-item]


@pytest.mark.parametrize("loop", DEFAULT_LOOPS)
def test_respx_intercepts_the_default_client(loop: str) -> None:
    async def main() -> tuple[str, int]:
        with respx.mock(
            base_url="https://gitlab.example.com/api/v4", assert_all_called=True
        ) as mock:
            route = mock.get("/users/1").respond(json=USER)
            async with AsyncGitLab("https://gitlab.example.com", token="glpat-x") as gl:
                user = await gl.users.get(1)
            return user.username, route.call_count

    assert run_on(loop, main) == ("a", 1)


@pytest.mark.parametrize("loop", DEFAULT_LOOPS)
def test_opentelemetry_records_one_span_per_request(loop: str) -> None:
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    instrumentor = HTTPXClientInstrumentor()
    instrumentor.instrument(tracer_provider=provider)
    try:
        with HostileServer(flaky) as server:

            async def main() -> None:
                async with AsyncGitLab(server.url, token="glpat-x", retry_policy=POLICY) as gl:
                    for _ in range(3):
                        await gl.users.get(1)

            run_on(loop, main)
            heads = [exchange.head.lower() for exchange in server.exchanges]
    finally:
        instrumentor.uninstrument()
    spans = exporter.get_finished_spans()
    assert len(heads) == 4  # three calls, the first one retried once
    assert len(spans) == 4
    statuses = [
        (span.attributes or {}).get("http.response.status_code")
        or (span.attributes or {}).get("http.status_code")
        for span in spans
    ]
    assert statuses == [503, 200, 200, 200]
    assert all(b"\r\ntraceparent: " in head for head in heads)  # the context was propagated


def test_sentrys_httpx_integration_sees_the_default_client() -> None:
    script = textwrap.dedent(
        """
        import asyncio, sys
        import sentry_sdk
        from sentry_sdk.integrations.httpx import HttpxIntegration
        from sentry_sdk.transport import Transport

        class Keep(Transport):
            envelopes = []
            def capture_envelope(self, envelope):
                self.envelopes.append(envelope)

        sentry_sdk.init(
            dsn="http://public@127.0.0.1:9/1",
            transport=Keep,
            default_integrations=False,
            auto_enabling_integrations=False,
            integrations=[HttpxIntegration()],
            traces_sample_rate=1.0,
        )

        from gitlab_users_client import AsyncGitLab
        sys.path.append(sys.argv[1])  # appended: tests.http must not shadow http
        from tests.http.hostile import HostileServer

        def ok(exchange):
            body = b'{"id": 1, "username": "a", "name": "A", "state": "active", "web_url": "x"}'
            exchange.send(b"HTTP/1.1 200 OK\\r\\nContent-Length: %d\\r\\n\\r\\n%s" % (len(body), body))

        async def main(url):
            with sentry_sdk.start_transaction(name="job"):
                async with AsyncGitLab(url, token="glpat-x") as gl:
                    await gl.users.get(1)

        with HostileServer(ok) as server:
            asyncio.run(main(server.url))
            head = server.exchanges[0].head.lower()
        sentry_sdk.flush()
        spans = [
            span["op"]
            for envelope in Keep.envelopes
            for item in envelope.items
            if item.type == "transaction"
            for span in item.payload.json["spans"]
        ]
        print(b"\\r\\nsentry-trace: " in head, spans)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(ROOT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # The request carried Sentry's trace header; the transaction has the request's span.
    assert result.stdout.split() == ["True", "['http.client']"], result.stdout + result.stderr


def test_the_default_certificates_are_loaded_at_the_first_tls_connection(
    ca: trustme.CA, ca_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gitlab_users_client._http.network import DeferredTrust, Network

    monkeypatch.setenv("SSL_CERT_FILE", ca_file)  # httpx's rule: instead of certifi
    context = Network().httpx_verify
    assert isinstance(context, DeferredTrust)
    assert context.cert_store_stats()["x509_ca"] == 0  # nothing loaded by creating a client

    async def main() -> int:
        with TLSServer(server_context(ca, "localhost")) as server:
            async with httpx.AsyncClient(verify=context) as client:
                response = await client.get(f"https://localhost:{server.port}/")
                return response.status_code

    assert anyio.run(main) == 200
    assert context.cert_store_stats()["x509_ca"] == 1  # the CA of SSL_CERT_FILE, once
