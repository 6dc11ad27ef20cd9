"""How ``gitlab-users`` reaches the server: --ca-file, --proxy, --insecure, --engine.

The CLI runs as a subprocess against raw-socket servers on 127.0.0.1: a TLS server with
a certificate from a test CA, and a recording forward proxy that answers for a host
that exists nowhere (only a proxy can carry that request).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from tests.cli_env import clean_env
from tests.http.hostile import Exchange, HostileServer
from tests.http.test_tls import TLSServer, server_context

CLI = [sys.executable, "-m", "gitlab_users_client.cli"]
TOKEN = "glpat-cli-network-0123456789"
NOWHERE = "http://gitlab.nowhere.invalid"
USER = b'{"id": 1, "username": "a", "name": "A", "state": "active", "web_url": "http://x/a"}'


def ok(exchange: Exchange) -> None:
    exchange.send(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
        % (len(USER), USER)
    )


def run(home: Path, url: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = clean_env(home, GITLAB_URL=url, GITLAB_TOKEN=TOKEN, **env)
    proc = subprocess.run(
        [*CLI, "get", "1", "-o", "jsonl", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=environ,
        timeout=60,
    )
    assert TOKEN not in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


def username(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 0, proc.stderr
    return str(json.loads(proc.stdout)["username"])


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> str:
    path = tmp_path / "internal-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


@pytest.fixture
def tls(ca: trustme.CA) -> Iterator[str]:
    with TLSServer(server_context(ca, "localhost")) as server:
        yield f"https://localhost:{server.port}"


def test_an_internal_ca_is_refused_without_ca_file_and_trusted_with_it(
    home: Path, tls: str, ca_file: str
) -> None:
    refused = run(home, tls, "--max-retries", "0")
    assert refused.returncode == 1
    assert "unable to get local issuer certificate" in refused.stderr
    assert username(run(home, tls, "--ca-file", ca_file)) == "a"
    assert username(run(home, tls, GITLAB_CA_FILE=ca_file)) == "a"


def test_ca_file_from_the_config_file_relative_to_it(home: Path, tls: str, ca_file: str) -> None:
    config = home / "gitlab-users.toml"
    Path(ca_file).rename(home / "ca.pem")
    config.write_text('ca_file = "ca.pem"\n')
    assert username(run(home, tls, "--config", str(config))) == "a"


def test_insecure_works_and_warns_on_every_run(home: Path, tls: str) -> None:
    for _ in range(2):
        proc = run(home, tls, "--insecure")
        assert username(proc) == "a"
        assert "WARNING: --insecure" in proc.stderr
        assert "NOT verified" in proc.stderr


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (("--insecure", "--ca-file", "{ca}"), {}, "cannot go with a CA file"),
        (("--ca-file", "/nonexistent/ca.pem"), {}, "does not exist"),
        (("--engine", "curl"), {}, "invalid choice"),
        ((), {"GITLAB_USERS_ENGINE": "curl"}, "engine must be one of"),
        (("--proxy", "ftp://proxy:21"), {}, "proxy must be"),
    ],
)
def test_bad_network_options_exit_2(
    home: Path, ca_file: str, args: tuple[str, ...], env: dict[str, str], message: str
) -> None:
    proc = run(home, NOWHERE, *(arg.format(ca=ca_file) for arg in args), **env)
    assert proc.returncode == 2
    assert message in proc.stderr


def test_proxy_flag_carries_the_request_and_its_password_is_never_printed(home: Path) -> None:
    with HostileServer(ok) as proxy:
        proxy_url = f"http://svc:proxy-pa55word@127.0.0.1:{proxy.port}"
        proc = run(home, NOWHERE, "--proxy", proxy_url, "--verbose")
        assert username(proc) == "a"
        assert proxy.targets == [f"{NOWHERE}/api/v4/users/1"]
        assert b"\r\nproxy-authorization: basic " in proxy.exchanges[0].head.lower()
    assert "proxy-pa55word" not in proc.stdout + proc.stderr


def test_the_environment_proxy_is_used_unless_no_proxy_says_otherwise(home: Path) -> None:
    with HostileServer(ok) as proxy, HostileServer(ok) as server:
        assert username(run(home, NOWHERE, HTTP_PROXY=proxy.url)) == "a"
        assert proxy.targets == [f"{NOWHERE}/api/v4/users/1"]
        # clean_env puts 127.0.0.1 in NO_PROXY: a local server is reached directly.
        assert username(run(home, server.url, HTTP_PROXY=proxy.url)) == "a"
        assert (server.attempts, proxy.attempts) == (1, 1)


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        ((), {}, "new client on httpx's own transport"),
        (("--engine", "asyncio"), {}, "new client on the asyncio engine"),
        ((), {"GITLAB_USERS_ENGINE": "aiohttp"}, "new client on the aiohttp engine"),
        (("--engine", "auto"), {"GITLAB_USERS_ENGINE": "aiohttp"}, "httpx's own transport"),
    ],
)
def test_engine_flag_and_environment(
    home: Path, args: tuple[str, ...], env: dict[str, str], expected: str
) -> None:
    with HostileServer(ok) as server:
        proc = run(home, server.url, *args, "--verbose", **env)
        assert username(proc) == "a"
        assert expected in proc.stderr
