"""Schemathesis hooks for tests/spec/test_schemathesis.py (loaded through SCHEMATHESIS_HOOKS).

Generated requests act as the seeded admin; they must not delete, block or otherwise
lock out that admin half-way through the run, or every later request would be a 401. The
admin's token has ID 1 too, so the same filter keeps `/personal_access_tokens/{id}` from
revoking or rotating it.
"""

from __future__ import annotations

from typing import Any

import schemathesis

ADMIN_IDS = {1, "1", "root"}


@schemathesis.hook
def filter_path_parameters(context: Any, path_parameters: dict[str, Any] | None) -> bool:
    if not path_parameters:
        return True
    return not any(path_parameters.get(name) in ADMIN_IDS for name in ("id", "user_id"))
