"""The seam between the generated code and the hand-written SDK.

Generated code imports only ``_contract/`` (and itself), and hands the client data: a
call enters the generated code to build its request, and never again once it is sent.
"""

from __future__ import annotations

import sys
from types import FrameType
from typing import Any

from gitlab_users_client import AsyncGitLab
from tests.import_graph import GENERATED, PACKAGE, graph, is_generated

CONTRACT = f"{PACKAGE}._contract"


def test_generated_code_imports_only_the_contract() -> None:
    edges = graph()
    generated = [name for name in edges if is_generated(name)]
    assert len(generated) > 150
    used: set[str] = set()
    for name in generated:
        for target in edges[name]:
            if not is_generated(target):
                assert target == CONTRACT or target.startswith(CONTRACT + "."), (
                    f"{name} imports {target}"
                )
                used.add(target)
    # And the contract holds nothing else: every module in it is used by the generated
    # code, directly or through another module of the contract.
    contract = {name for name in edges if name.startswith(CONTRACT + ".")}
    needed, todo = set(), list(used - {CONTRACT})
    while todo:
        name = todo.pop()
        if name not in needed:
            needed.add(name)
            todo.extend(target for target in edges[name] if target in contract)
    assert needed == contract


async def test_a_call_enters_the_generated_code_only_before_it_is_sent(
    admin: AsyncGitLab,
) -> None:
    """Data, not callbacks: once the request is built, no generated function runs (the
    client parses with the operation's ``RESPONSES``)."""
    await admin.users.get(1)  # endpoint module and models imported, validators built
    events: list[tuple[str, str]] = []
    generated_dir = GENERATED.replace(".", "/")

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event != "call":
            return
        filename = frame.f_code.co_filename
        if generated_dir in filename:
            events.append(("generated", frame.f_code.co_name))
        elif filename.endswith("/_client.py") and frame.f_code.co_name == "_exchange":
            events.append(("sent", "_exchange"))

    sys.setprofile(profile)
    try:
        user = await admin.users.get(1)
    finally:
        sys.setprofile(None)
    assert user.id == 1
    sent = events.index(("sent", "_exchange"))
    assert [name for _, name in events[:sent]] == ["get", "build_request"]
    assert ("generated", "build_request") not in events[sent + 1 :]
    assert [event for event in events[sent + 1 :] if event[0] == "generated"] == []
