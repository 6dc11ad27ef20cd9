"""mkdocs hook: writes the API reference pages (``reference/**.md``) at build time.

Each page is a list of objects for mkdocstrings (``::: dotted.path``), which renders
their docstrings, read statically (the package is not imported). Everything that
says *where* an object lives is in this file, at the top:

* ``PAGES``: the public objects, by their public import path;
* ``RESOURCE_FILES`` / ``RESOURCE_MODULE``: where the generated resource classes
  (``gl.users``, ``gl.users.keys``...) are found; if they move, re-point these two lines;
* ``MODEL_FILES`` / ``MODEL_MODULE``: the same for the generated models, and
  ``MODEL_GROUPS``: which reference page each model is on (one page per group).

mkdocstrings names every object by the module that defines it
(``gitlab_users_client._generated.models.user_basic.UserBasic``), in the anchors, the
table of contents, the search index and the tooltips. Readers import from
``gitlab_users_client`` and ``gitlab_users_client.models`` and reach resources as
``gl.users``..., so ``public_path()`` respells every such name the way they use it, in
each page and in the search index; a private path left over fails the build.

Nothing is written into ``docs/``: the pages exist only in the built site.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "gitlab_users_client"

RESOURCE_FILES = "gitlab_users_client/_generated/api/*/__init__.py"
RESOURCE_MODULE = "gitlab_users_client._generated.api.{stem}"
MODEL_FILES = "gitlab_users_client/_generated/models/*.py"
MODEL_MODULE = "gitlab_users_client._generated.models.{stem}"
#: The hand-written resources that ``gl.users`` and ``gl.user`` are (they add
#: ``get_many``, ``scan``...), in place of the generated classes they extend.
ROOT_RESOURCES = {
    "users": "gitlab_users_client._resources.Users",
    "user": "gitlab_users_client._resources.CurrentUser",
}

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
        "The operations that page (the guide lists them) return an `AsyncPaginator`: "
        "`async for` over items, or `.pages()` for `Page`s. The guide: "
        "[Pagination](../pagination.md).",
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

#: One reference page per group: (page, title, which models). A model is on the page of
#: the first group whose pattern matches its whole name; one that matches none fails the
#: build (add it to a group). The nav in mkdocs.yml lists the pages.
MODEL_GROUPS: list[tuple[str, str, str]] = [
    (
        "users",
        "Users",
        r"User(Safe|Basic|Profile|Public|WithAdmin|DetailsWithAdmin|State|Availability"
        r"|OrderBy|Counts|AssociationsCount|Activity)?|Identity|ScimIdentity|SortDirection"
        r"|TwoFactorFilter|CustomAttributesFilter|KeysetPagination",
    ),
    (
        "status-and-preferences",
        "Status, preferences, custom attributes, support PIN",
        r"\w*(Status|StatusAfter|Preferences|CustomAttribute|SupportPin)\w*",
    ),
    (
        "user-changes",
        "Creating, changing and moderating users",
        r"(Create|Update)User\w*|UploadAvatarRequest|Avatar|ApproveResult|RejectResult"
        r"|\w*CreditCardValidation\w*",
    ),
    ("keys", "SSH and GPG keys", r"\w*(SshKey|GpgKey|DeployKey)\w*"),
    ("emails", "Emails", r"\w*Email\w*"),
    ("tokens", "Tokens", r"\w*(Token|Scope)\w*|(Group|Project)Association\w*"),
    ("applications", "OAuth applications", r"\w*Application\w*"),
    ("projects", "Projects and memberships", r"\w*Project\w*|Membership\w*"),
    ("events", "Events", r"Event\w*"),
    ("runners", "Runners", r"\w*Runner\w*"),
    ("errors", "Error bodies", r"\w*Error\w*"),
]

_CLASS = re.compile(r"^class (\w+)\(", re.MULTILINE)
_DOTTED = re.compile(rf"\b{PACKAGE}(?:\.[A-Za-z_]\w*)+")
_TITLE = re.compile(rf'\s+title="({PACKAGE}\.[\w.]+)"')


def _classes(pattern: str, module: str, *, keep: re.Pattern[str] | None = None) -> list[str]:
    """``module.Class`` for every top-level class in the files matching ``pattern``."""
    found: list[str] = []
    for path in sorted(ROOT.glob(pattern)):
        stem = path.parent.name if path.name == "__init__.py" else path.stem
        for name in _CLASS.findall(path.read_text(encoding="utf-8")):
            if keep is None or keep.fullmatch(name):
                found.append(f"{module.format(stem=stem)}.{name}")
    return found


@cache
def tags() -> tuple[str, ...]:
    """The generated resources' tags (``users``, ``users_keys``...)."""
    return tuple(sorted(path.parent.name for path in ROOT.glob(RESOURCE_FILES)))


def attribute_path(tag: str) -> str:
    """How a tag is reached from the client: ``users_custom_attributes`` -> ``gl.users.custom_attributes``.

    Sub-resources hang off the resource whose tag is the longest prefix of theirs.
    """
    parents = [other for other in tags() if tag.startswith(other + "_")]
    if not parents:
        return f"gl.{tag}"
    parent = max(parents, key=len)
    return f"{attribute_path(parent)}.{tag[len(parent) + 1 :]}"


def _object(path: str, **options: str | bool) -> str:
    lines = [f"::: {path}"]
    if options:
        lines.append("    options:")
        lines += [
            f"      {key}: {str(value).lower() if isinstance(value, bool) else value}"
            for key, value in options.items()
        ]
    return "\n".join(lines)


def _resources() -> list[str]:
    """One block per resource, headed the way it is reached (``gl.users.keys``)."""
    headed: list[tuple[str, str]] = []
    generated = _classes(RESOURCE_FILES, RESOURCE_MODULE, keep=re.compile(r"\w+Resource"))
    for path in generated:  # the ...WithRawResponse twins mirror these and are left out
        tag = path.split(".")[-2]
        headed.append((attribute_path(tag), ROOT_RESOURCES.get(tag, path)))
    # gl.users, its sub-resources, then gl.user and its sub-resources.
    headed.sort(key=lambda pair: (pair[0].split(".")[1] != "users", pair[0].count("."), pair[0]))
    return [
        _object(path, heading=heading, toc_label=heading, show_bases=False)
        for heading, path in headed
    ]


def model_groups() -> dict[str, list[str]]:
    """Group page slug -> the model classes on it (dotted paths); every model on exactly one."""
    groups: dict[str, list[str]] = {slug: [] for slug, _, _ in MODEL_GROUPS}
    for path in _classes(MODEL_FILES, MODEL_MODULE):
        name = path.rsplit(".", 1)[-1]
        slug = next(
            (slug for slug, _, pattern in MODEL_GROUPS if re.fullmatch(pattern, name)), None
        )
        if slug is None:
            raise ValueError(
                f"model {name} is on no reference page: add it to a group of MODEL_GROUPS "
                f"in tools/mkdocs_api_reference.py"
            )
        groups[slug].append(path)
    return groups


def _page(title: str, intro: str, blocks: list[str]) -> str:
    return f"# {title}\n\n{intro}\n\n" + "\n\n".join(blocks) + "\n"


def pages() -> dict[str, str]:
    """Every reference page: path in the site -> Markdown."""
    built = {
        path: _page(title, intro, [_object(obj) for obj in objects])
        for path, (title, intro, objects) in PAGES.items()
    }
    built["reference/resources.md"] = _page(
        "Resources",
        "The operations, one class per resource: `gl.users` (`Users`), `gl.user` "
        "(`CurrentUser`), `gl.personal_access_tokens` (`PersonalAccessTokensResource`) "
        "and the sub-resources they expose as attributes "
        "(`gl.users.keys`, `gl.user.emails`...). Each operation also exists on "
        "`.with_raw_response`, returning a `Response` with status and headers.",
        _resources(),
    )
    groups = model_groups()
    for slug, title, _ in MODEL_GROUPS:
        built[f"reference/models/{slug}.md"] = _page(
            f"Models: {title}",
            "Pydantic v2 models and enums, importable from `gitlab_users_client.models` "
            f"(`from gitlab_users_client.models import {groups[slug][0].rsplit('.', 1)[-1]}`).",
            [_object(obj) for obj in groups[slug]],
        )
    return built


# -- public names --------------------------------------------------------------------------


@cache
def public_names() -> frozenset[str]:
    """The names in ``gitlab_users_client.__all__``, read without importing the package."""
    tree = ast.parse((ROOT / PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets
        ):
            return frozenset(ast.literal_eval(node.value))
    raise ValueError(f"{PACKAGE}/__init__.py has no __all__")


def public_path(dotted: str) -> str | None:
    """``dotted`` spelled the way a user reaches it; None when it has no public spelling.

    >>> public_path("gitlab_users_client._generated.models.user_basic.UserBasic.id")
    'gitlab_users_client.models.UserBasic.id'
    >>> public_path("gitlab_users_client._generated.api.users_keys.UsersKeysResource.list")
    'gl.users.keys.list'
    """
    parts = dotted.split(".")
    if not any(part.startswith("_") and not part.startswith("__") for part in parts[1:]):
        return dotted
    private = parts[1]
    if parts[1:3] == ["_generated", "models"] and len(parts) > 3:
        rest = parts[4:] if parts[3][:1].islower() else parts[3:]  # module, or the package
        return ".".join([PACKAGE, "models", *rest]) if rest else None
    if parts[1:3] == ["_generated", "api"] and len(parts) > 4 and parts[3] in tags():
        reached = attribute_path(parts[3])
        if parts[4].endswith("ResourceWithRawResponse"):
            reached += ".with_raw_response"
        elif not parts[4].endswith("Resource"):
            return None
        return ".".join([reached, *parts[5:]])
    for tag, path in ROOT_RESOURCES.items():
        if dotted == path or dotted.startswith(path + "."):
            return attribute_path(tag) + dotted[len(path) :]
    if private.startswith("_"):
        # A public name defined in a private module, at any depth
        # (``_contract.response.Response``, ``_paging.pagination.Page.items``).
        for index in range(2, len(parts)):
            if parts[index] in public_names():
                return ".".join([PACKAGE, *parts[index:]])
    return None


def respell(html: str) -> str:
    """``html`` with every private path respelled (tooltips without a public one dropped)."""
    html = _TITLE.sub(lambda m: m[0] if public_path(m[1]) is not None else "", html)
    return _DOTTED.sub(lambda m: public_path(m[0]) or m[0], html)


def private_paths(text: str) -> list[str]:
    """The private dotted paths still in ``text``."""
    return sorted({m[0] for m in _DOTTED.finditer(text) if public_path(m[0]) != m[0]})


def _respell_toc(items: Any) -> None:
    for item in items:
        item.id = respell(item.id)
        _respell_toc(item.children)


# -- mkdocs events -------------------------------------------------------------------------


def on_files(files: Any, config: Any) -> Any:
    """Add the generated pages to the site's files."""
    from mkdocs.structure.files import File

    for path, text in pages().items():
        files.append(File.generated(config, path, content=text))
    return files


def _is_reference(page: Any) -> bool:
    return bool(page.file.src_uri.startswith("reference/"))


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    # Before the search plugin indexes the page (on_page_context) and the theme renders
    # its table of contents.
    if not _is_reference(page):
        return html
    _respell_toc(page.toc)
    return respell(html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    # Cross-reference links are resolved after on_page_content: respell them too, and
    # refuse a private path that has no public spelling.
    if not _is_reference(page):
        return output
    output = respell(output)
    left = private_paths(output)
    if left:
        from mkdocs.exceptions import PluginError

        raise PluginError(
            f"{page.file.src_uri}: private paths in the built page: {', '.join(left[:5])} "
            "(give them a public spelling in tools/mkdocs_api_reference.py:public_path)"
        )
    return output
