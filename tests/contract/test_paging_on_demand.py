"""A call that walks no list loads no paging code: resources name the paginator in their
annotations only, and the package exports it on first use."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = textwrap.dedent(
    """
    import asyncio, json, sys

    import httpx

    import gitlab_users_client

    def handler(request):
        if request.url.path.endswith("/users/1"):
            return httpx.Response(200, json={"id": 1, "username": "ada", "name": "Ada",
                                             "state": "active", "web_url": "https://x/ada"})
        return httpx.Response(200, json=[{"id": 2, "username": "bob", "name": "Bob",
                                          "state": "active", "web_url": "https://x/bob"}])

    def paging():
        return sorted(name for name in sys.modules if "._paging" in name)

    async def main():
        async with gitlab_users_client.AsyncGitLab(
            "https://gitlab.example.com", token="glpat-x",
            transport=httpx.MockTransport(handler),
        ) as gl:
            user = await gl.users.get(1)
            after_get = paging()
            page = await gl.users.list(per_page=1).first_page()
            after_list = paging()
        return user.username, after_get, page.items[0].username, after_list

    username, after_get, listed, after_list = asyncio.run(main())
    from gitlab_users_client._contract.resource import AsyncPaginator
    from gitlab_users_client._paging import pagination
    print(json.dumps({
        "username": username, "after_get": after_get, "listed": listed,
        "after_list": after_list,
        "same": [gitlab_users_client.AsyncPaginator is pagination.AsyncPaginator,
                 gitlab_users_client.Page is pagination.Page,
                 AsyncPaginator is pagination.AsyncPaginator],
    }))
    """
)


def test_a_get_loads_no_paging_code_and_a_list_loads_it() -> None:
    import json

    result = subprocess.run(
        [sys.executable, "-W", "ignore::ResourceWarning", "-c", _SCRIPT],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["username"] == "ada" and seen["listed"] == "bob"
    assert seen["after_get"] == []
    assert "gitlab_users_client._paging.pagination" in seen["after_list"]
    assert seen["same"] == [True, True, True]
