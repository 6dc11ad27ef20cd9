"""mkdocs hook: writes the API reference pages (``reference/*.md``) at build time.

Each page is a list of objects for mkdocstrings (``::: dotted.path``), which renders
their docstrings, read statically (the package is not imported). Everything that
says *where* an object lives is in this file, at the top:

* ``PAGES``: the public objects, by their public import path;
* ``RESOURCE_FILES`` / ``RESOURCE_MODULE``: where the generated resource classes
  (``gl.users``, ``gl.users.keys``...) are found; if they move, re-point these two lines;
* ``MODEL_FILES`` / ``MODEL_MODULE``: the same for the generated models.

Nothing is written into ``docs/``: the pages exist only in the built site.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

RESOURCE_FILES = "gitlab_users_client/_generated/api/*/__init__.py"
RESOURCE_MODULE = "gitlab_users_client._generated.api.{stem}"
MODEL_FILES = "gitlab_users_client/_generated/models/*.py"
MODEL_MODULE = "gitlab_users_client._generated.models.{stem}"

PAGES: dict[str, tuple[str, str, list[str]]] = {
    "reference/client.md": (
        "The client",
        "`AsyncGitLab` is the entry point: `gl.users` and `gl.user` hang off it "
        "(see [Resources](resources.md)).",
        [
            "gitlab_users_client.AsyncGitLab",
            "gitlab_users_client.RetryPolicy",
            "gitlab_users_client.Response",
            "gitlab_users_client.File",
            "gitlab_users_client.Secret",
            "gitlab_users_client.UNSET",
            "gitlab_users_client.NOT_GIVEN",
            "gitlab_users_client.DEFAULT_TIMEOUT",
        ],
    ),
    "reference/pagination.md": (
        "Pagination",
        "Every `list` operation returns an `AsyncPaginator`: `async for` over items, or "
        "`.pages()` for `Page`s. The guide: [Pagination](../pagination.md).",
        [
            "gitlab_users_client.AsyncPaginator",
            "gitlab_users_client.Page",
            "gitlab_users_client.PaginationMode",
            "gitlab_users_client.UserScan",
        ],
    ),
    "reference/bulk.md": (
        "Bulk helpers",
        "Bounded fan-out with every item accounted for. The guide: [Bulk jobs](../bulk-jobs.md).",
        [
            "gitlab_users_client.map_concurrently",
            "gitlab_users_client.BulkResult",
            "gitlab_users_client.Outcome",
            "gitlab_users_client.BulkError",
        ],
    ),
    "reference/errors.md": (
        "Errors",
        "Every failure is a `GitLabError`. The guide: [Errors](../errors.md).",
        [
            f"gitlab_users_client.{name}"
            for name in (
                "GitLabError",
                "ConfigurationError",
                "InvalidRequestError",
                "ClientStateError",
                "CrossOriginError",
                "APIError",
                "APIConnectionError",
                "APITimeoutError",
                "APIStatusError",
                "BadRequestError",
                "AuthenticationError",
                "PermissionDeniedError",
                "NotFoundError",
                "MethodNotAllowedError",
                "ConflictError",
                "PreconditionFailedError",
                "UnprocessableEntityError",
                "RateLimitError",
                "ServerError",
                "ResponseValidationError",
                "ResponseTooLargeError",
                "PaginationLoopError",
            )
        ],
    ),
}

_CLASS = re.compile(r"^class (\w+)\(", re.MULTILINE)


def _classes(pattern: str, module: str, *, keep: re.Pattern[str] | None = None) -> list[str]:
    """``module.Class`` for every top-level class in the files matching ``pattern``."""
    found: list[str] = []
    for path in sorted(ROOT.glob(pattern)):
        stem = path.parent.name if path.name == "__init__.py" else path.stem
        for name in _CLASS.findall(path.read_text(encoding="utf-8")):
            if keep is None or keep.fullmatch(name):
                found.append(f"{module.format(stem=stem)}.{name}")
    return found


def _resources() -> list[str]:
    # The hand-written subclasses first (they add get_many...), then every generated
    # resource; the ...WithRawResponse twins mirror these and are left out.
    generated = _classes(RESOURCE_FILES, RESOURCE_MODULE, keep=re.compile(r"\w+Resource"))
    return [
        "gitlab_users_client._resources.Users",
        "gitlab_users_client._resources.CurrentUser",
    ] + [g for g in generated if not g.endswith((".UsersResource", ".UserResource"))]


def _page(title: str, intro: str, objects: list[str]) -> str:
    blocks = "\n\n".join(f"::: {path}" for path in objects)
    return f"# {title}\n\n{intro}\n\n{blocks}\n"


def pages() -> dict[str, str]:
    """Every reference page: path in the site -> Markdown."""
    built = {path: _page(*spec) for path, spec in PAGES.items()}
    built["reference/resources.md"] = _page(
        "Resources",
        "The operations, one class per resource: `gl.users` (`Users`), `gl.user` "
        "(`CurrentUser`), `gl.personal_access_tokens` (`PersonalAccessTokensResource`) "
        "and the sub-resources they expose as attributes "
        "(`gl.users.keys`, `gl.user.emails`...). Each operation also exists on "
        "`.with_raw_response`, returning a `Response` with status and headers.",
        _resources(),
    )
    built["reference/models.md"] = _page(
        "Models",
        "Pydantic v2 models and enums, importable from `gitlab_users_client.models`.",
        _classes(MODEL_FILES, MODEL_MODULE),
    )
    return built


def on_files(files: Any, config: Any) -> Any:
    """mkdocs event: add the generated pages to the site's files."""
    from mkdocs.structure.files import File

    for path, text in pages().items():
        files.append(File.generated(config, path, content=text))
    return files
