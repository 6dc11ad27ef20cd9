"""The package's import graph: no cycle through hand-written code, and each folder
imports only what docs/architecture.md ("Who may import whom") allows.

The graph is read from the source (``import_graph``): imports inside functions count,
imports under ``if TYPE_CHECKING:`` do not.
"""

from __future__ import annotations

from tests.import_graph import PACKAGE, cycles, graph, imported_names, is_generated, modules

#: Folder → what its modules may import of the package (dotted, relative to the package;
#: "" is the top-level package, i.e. the public API). Modules at the package root (the
#: facade) may import any of them.
RULES: dict[str, tuple[str, ...]] = {
    "_generated": ("_generated", "_contract"),
    "_contract": ("_contract", "_paging", "_exceptions", "_redact", "_options"),
    # Paging is built on the contract's data (requests, responses, types), not on the
    # resource base class, which builds paginators.
    "_paging": (
        "_paging",
        "_contract.request",
        "_contract.response",
        "_contract.types",
        "_exceptions",
        "_redact",
        "_urls",
    ),
    "_http": ("_http", "_exceptions"),
    # Programs of their own: the fake imports nothing of the SDK, the CLI its public API.
    "testing": ("testing",),
    "cli": ("cli", "", "models"),
}


def _within(name: str, allowed: str) -> bool:
    full = f"{PACKAGE}.{allowed}" if allowed else PACKAGE
    return name == full or (allowed != "" and name.startswith(full + "."))


def test_the_graph_sees_imports_inside_functions_and_skips_type_checking_ones() -> None:
    edges = graph()
    assert f"{PACKAGE}._resources" in edges[f"{PACKAGE}._client"]  # inside a property
    assert f"{PACKAGE}._client" not in edges[f"{PACKAGE}._contract.resource"]  # TYPE_CHECKING


def test_no_import_cycle_runs_through_hand_written_code() -> None:
    found = [
        component
        for component in cycles(graph())
        if not all(is_generated(name) for name in component)
    ]
    assert found == []


def test_each_folder_imports_only_what_it_may() -> None:
    known = modules()
    offenders = []
    for name, path in known.items():
        folder = name.split(".")[1] if name.count(".") else ""
        allowed = RULES.get(folder)
        if allowed is None:
            continue
        for imported in imported_names(name, path):
            if imported != PACKAGE and not imported.startswith(PACKAGE + "."):
                continue
            while imported not in known:  # ``from package import name``: the package
                imported = imported.rpartition(".")[0]
            if not any(_within(imported, rule) for rule in allowed):
                offenders.append(f"{name} imports {imported}")
    assert offenders == []
