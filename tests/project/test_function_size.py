"""No hand-written function is over 100 lines (docstring and comments included).

A function that long does several jobs; split it the way ``testing/_seed.py`` (one
seed step per entity) and ``_retry.py`` (pure ``decide`` and the loop around it) are.
Generated code is left out (its size follows the document); so is ``benchmarks/``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 100
#: Where hand-written Python lives.
FOLDERS = ("gitlab_users_client", "tests", "tools", "openapi", "examples", "docs")


def hand_written() -> list[Path]:
    return [
        path
        for folder in FOLDERS
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "_generated" not in path.parts
    ]


def long_functions(paths: Iterable[Path]) -> list[str]:
    found = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > LIMIT:
                    found.append(f"{path.name}:{node.lineno} {node.name} ({lines} lines)")
    return found


def test_no_hand_written_function_is_over_100_lines() -> None:
    paths = hand_written()
    assert len(paths) > 200
    assert long_functions(paths) == []


def test_the_check_counts_every_line_of_nested_functions_and_methods(tmp_path: Path) -> None:
    source = (
        "class A:\n    async def long(self):\n        def inner():\n"
        + "            x = 1\n" * 99  # inner: 100 lines with its def line
        + "        return inner\n"  # long: 102 lines
        + "\n\ndef exact():\n"
        + "    x = 1\n" * 99  # 100 lines: allowed
    )
    path = tmp_path / "sample.py"
    path.write_text(source)
    assert long_functions([path]) == ["sample.py:2 long (102 lines)"]
