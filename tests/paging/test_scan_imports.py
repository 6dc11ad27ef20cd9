"""A scan sends its first requests before it imports what parses their answers.

In a fresh process, touching ``gl.users`` and creating or entering a scan import no
pydantic and no pydantic model; the models and the page validators are imported and
built while the first round is on the wire (the server renders those pages meanwhile).
Each test runs a script in a fresh interpreter: an import is done once per process.
"""

from __future__ import annotations

import textwrap

from tests.fresh_process import run_script

UNTOUCHED = textwrap.dedent(
    """
    import json, sys
    import anyio
    from gitlab_users_client import AsyncGitLab

    def pydantic_side():
        return sorted(
            name for name in sys.modules
            if name.split(".")[0] in ("pydantic", "pydantic_core")
            or name.startswith("gitlab_users_client._contract.models")
            or name.startswith("gitlab_users_client._generated.models.user")
            and "order_by" not in name
        )

    async def main():
        found = {}
        async with AsyncGitLab("http://127.0.0.1:9", token="glpat-x") as gl:
            users = gl.users
            found["users"] = pydantic_side()
            scan = users.scan(active=True)
            found["scan"] = pydantic_side()
            async with scan:
                found["entered"] = pydantic_side()
                scan._feeding.cancel()
        print(json.dumps(found))

    anyio.run(main)
    """
)

ON_THE_WIRE = textwrap.dedent(
    """
    import importlib.abc, json, socket, sys, threading
    import anyio
    from gitlab_users_client import AsyncGitLab

    MODEL = "gitlab_users_client._generated.models.user_basic"
    received = []
    arrived = threading.Condition()

    def serve(listener):
        def answer(conn):
            with conn:
                data = b""
                while True:
                    while b"\\r\\n\\r\\n" not in data:
                        chunk = conn.recv(65536)
                        if not chunk:
                            return
                        data += chunk
                    head, _, data = data.partition(b"\\r\\n\\r\\n")
                    with arrived:
                        received.append(head.split(b" ")[1].decode())
                        arrived.notify_all()
                    conn.sendall(
                        b"HTTP/1.1 200 OK\\r\\ncontent-type: application/json\\r\\n"
                        b"content-length: 2\\r\\n\\r\\n[]"
                    )
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=answer, args=(conn,), daemon=True).start()

    class Watch(importlib.abc.MetaPathFinder):
        at_import = None

        def find_spec(self, name, path=None, target=None):
            if name == MODEL and Watch.at_import is None:
                # The first round must get out while the models are being imported:
                # wait (bounded) for it. An import that blocked the event loop before
                # sending would find nothing arrived and time out.
                with arrived:
                    arrived.wait_for(lambda: len(received) >= 3, timeout=20)
                    Watch.at_import = list(received)
            return None

    async def main():
        listener = socket.create_server(("127.0.0.1", 0))
        threading.Thread(target=serve, args=(listener,), daemon=True).start()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        sys.meta_path.insert(0, Watch())
        async with AsyncGitLab(url, token="glpat-x") as gl:
            users = [user async for user in gl.users.scan()]
        print(json.dumps({"users": len(users), "at_import": Watch.at_import,
                          "all": received, "imported": MODEL in sys.modules}))

    anyio.run(main)
    """
)


def test_users_and_a_scan_import_no_pydantic_until_it_sends() -> None:
    found = run_script(UNTOUCHED)
    assert found == {"users": [], "scan": [], "entered": []}


def test_the_first_round_is_on_the_wire_before_the_models_are_imported() -> None:
    found = run_script(ON_THE_WIRE)
    assert found["imported"] is True
    assert found["users"] == 0
    at_import = found["at_import"]
    assert isinstance(at_import, list)
    # The first page and both probes had arrived when the first model was imported.
    assert len(at_import) == 3, found
    assert all(path.startswith("/api/v4/users?") for path in at_import)
