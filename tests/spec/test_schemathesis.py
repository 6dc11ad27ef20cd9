"""The OpenAPI document and the fake GitLab must agree: Schemathesis generates requests
from the document for every operation, sends them to the fake over loopback, and checks
each response against the document (status codes, content types, schemas, headers) and
that none is a 5xx. Bounded (a few examples per operation) so it stays fast."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from gitlab_users_client.testing import FakeGitLabServer

ROOT = Path(__file__).resolve().parents[2]
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
    ]
)


@pytest.fixture
def server() -> Iterator[FakeGitLabServer]:
    with FakeGitLabServer(users=200, seed=17) as running:
        yield running


def schemathesis(
    server: FakeGitLabServer, workdir: Path, *args: str, token: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run Schemathesis from ``workdir``: its cache (``.schemathesis/``) lands there, not in the repo."""
    env = {
        **os.environ,
        # tests/ is a package (tests.http must never shadow the standard library's http):
        # the hooks are imported through it, from the repository root.
        "SCHEMATHESIS_HOOKS": "tests.spec.schemathesis_hooks",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "NO_COLOR": "1",
    }
    command = [
        str(SCHEMATHESIS),
        "run",
        str(ROOT / "openapi" / "gitlab-users.yaml"),
        "--url",
        server.api_url,
        "--header",
        f"PRIVATE-TOKEN: {token or server.admin_token}",
        # Generated Sudo values would act as random (non-admin) users: pin it to the admin.
        "--header",
        "Sudo: root",
        "--generation-with-security-parameters",
        "false",
        "--mode",
        "positive",
        "--generation-deterministic",
        "--workers",
        "2",
        *args,
    ]
    return subprocess.run(
        command, env=env, cwd=workdir, capture_output=True, text=True, timeout=240, check=False
    )


def test_every_operation_agrees_with_the_fake(server: FakeGitLabServer, tmp_path: Path) -> None:
    result = schemathesis(
        server,
        tmp_path,
        "--checks",
        CHECKS,
        "--max-examples",
        "4",
        "--phases",
        "examples,fuzzing",
        # GitLab answers this one with 200 and an *empty* body when nothing is sent,
        # which no JSON schema can describe; it gets its own, narrower run below.
        "--exclude-operation-id",
        "user_status_update",
        # These two revoke the token the run authenticates with: their own runs below.
        *("--exclude-operation-id", "personal_access_tokens_revoke_self"),
        *("--exclude-operation-id", "personal_access_tokens_rotate_self"),
    )
    assert result.returncode == 0, result.stdout[-6000:]
    assert "Tested: 87" in result.stdout
    # The admin stayed usable: the only operation allowed to answer nothing but 403 is the
    # deploy-key listing, which GitLab refuses when the two users share no project.
    only_denied = re.findall(
        r"^  - (GET|POST|PUT|PATCH|DELETE) (\S+)$",
        _section(result.stdout, "Authentication failed"),
        re.M,
    )
    assert set(only_denied) <= {("GET", "/users/{user_id}/project_deploy_keys")}, only_denied


def _section(output: str, title: str) -> str:
    start = output.find(title)
    if start < 0:
        return ""
    end = output.find("\n\n\n", start)
    return output[start : end if end > 0 else None].split("💡")[0]


@pytest.mark.parametrize(
    "operation", ["personal_access_tokens_revoke_self", "personal_access_tokens_rotate_self"]
)
def test_operations_on_the_token_in_use(
    server: FakeGitLabServer, tmp_path: Path, operation: str
) -> None:
    """Revoking or rotating the token in use, with a throwaway token of the admin: the first
    request ends it, the later ones must be GitLab's 401, never a 5xx."""
    throwaway = server.state.add_token(1, ["api", "sudo"], name="schemathesis").token
    result = schemathesis(
        server,
        tmp_path,
        "--checks",
        CHECKS,
        "--max-examples",
        "4",
        "--include-operation-id",
        operation,
        token=throwaway,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    assert server.state.tokens[throwaway].revoked
    assert not server.state.tokens[server.admin_token].revoked


def test_status_patch_never_fails_on_the_server(server: FakeGitLabServer, tmp_path: Path) -> None:
    result = schemathesis(
        server,
        tmp_path,
        "--checks",
        "not_a_server_error,status_code_conformance",
        "--max-examples",
        "10",
        "--include-operation-id",
        "user_status_update",
    )
    assert result.returncode == 0, result.stdout[-4000:]
