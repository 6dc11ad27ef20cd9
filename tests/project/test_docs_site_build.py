"""How the docs site is built: one reference page per model group, public names only, offline.

``make docs`` (run by ``make test``) builds the site in strict mode, and its hooks fail
the build when a reference page keeps a private path or when the site would fetch
anything from the network. These tests check the hooks' own logic without mkdocs:
tools/mkdocs_api_reference.py (pages, groups, respelling) and tools/mkdocs_offline.py.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from gitlab_users_client import models

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"{name}_hook", ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.pop(spec.name, None)
    spec.loader.exec_module(module)
    return module


reference = _load("mkdocs_api_reference")
offline = _load("mkdocs_offline")


def _mkdocs_config() -> dict[str, object]:
    # mkdocs.yml uses no tags of its own; plain YAML reads it.
    config: dict[str, object] = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    return config


def _nav_pages(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [page for item in node for page in _nav_pages(item)]
    if isinstance(node, dict):
        return [page for value in node.values() for page in _nav_pages(value)]
    return []


# -- one page per model group ----------------------------------------------------------------


def test_every_model_is_on_exactly_one_group_page() -> None:
    groups = reference.model_groups()
    placed = [path.rsplit(".", 1)[-1] for paths in groups.values() for path in paths]
    assert sorted(placed) == sorted(models.__all__)
    assert all(groups.values()), "a group with no model makes an empty page"
    assert "UserWithAdmin" in {p.rsplit(".", 1)[-1] for p in groups["users"]}
    assert "CreateUserRequest" in {p.rsplit(".", 1)[-1] for p in groups["user-changes"]}
    assert "UpdateUserPreferencesRequest" in {
        p.rsplit(".", 1)[-1] for p in groups["status-and-preferences"]
    }


def test_a_model_in_no_group_fails_with_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reference, "MODEL_GROUPS", reference.MODEL_GROUPS[:-1])  # no "errors"
    with pytest.raises(ValueError, match=r"model \w*Error\w* is on no reference page"):
        reference.model_groups()


def test_the_nav_lists_each_generated_reference_page_once() -> None:
    listed = _nav_pages(_mkdocs_config()["nav"])
    generated = set(reference.pages())
    assert sorted(page for page in listed if page.startswith("reference/")) == sorted(generated)
    assert len(set(listed)) == len(listed)
    assert "reference/models.md" not in generated  # the single 760 KB page is gone


# -- public names only -----------------------------------------------------------------------


def test_private_paths_get_their_public_spelling() -> None:
    spell = reference.public_path
    models_path = "gitlab_users_client._generated.models"
    assert spell(f"{models_path}.user_basic.UserBasic") == "gitlab_users_client.models.UserBasic"
    assert spell(f"{models_path}.UserBasic.id") == "gitlab_users_client.models.UserBasic.id"
    assert spell("gitlab_users_client._resources.Users") == "gl.users"
    assert spell("gitlab_users_client._resources.Users.get_many") == "gl.users.get_many"
    assert spell("gitlab_users_client._resources.CurrentUser.get") == "gl.user.get"
    api = "gitlab_users_client._generated.api"
    assert spell(f"{api}.users_custom_attributes.UsersCustomAttributesResource.list") == (
        "gl.users.custom_attributes.list"
    )
    assert spell(f"{api}.user_support_pin.UserSupportPinResource") == "gl.user.support_pin"
    assert spell(f"{api}.users_keys.UsersKeysResourceWithRawResponse.list") == (
        "gl.users.keys.with_raw_response.list"
    )
    assert spell("gitlab_users_client._exceptions.NotFoundError") == (
        "gitlab_users_client.NotFoundError"
    )
    assert spell("gitlab_users_client._contract.response.Response.parsed") == (
        "gitlab_users_client.Response.parsed"
    )
    assert spell("gitlab_users_client._paging.pagination.Page") == "gitlab_users_client.Page"
    assert spell("gitlab_users_client.AsyncGitLab.users") == "gitlab_users_client.AsyncGitLab.users"
    # Helpers with no public name have no spelling: their tooltips are dropped.
    assert spell("gitlab_users_client._contract.types.SudoArg") is None
    assert spell("gitlab_users_client._contract.models.ApiModel") is None


def test_a_rendered_fragment_keeps_no_private_path() -> None:
    html = (
        '<h2 id="gitlab_users_client._resources.Users.get">get</h2>'
        '<a href="#gitlab_users_client._generated.models.user_basic.UserBasic">UserBasic</a>'
        '<code><span title="gitlab_users_client._contract.types.SudoArg">SudoArg</span>'
        '<span title="gitlab_users_client._exceptions.APIStatusError">APIStatusError</span></code>'
    )
    assert reference.private_paths(html)
    respelled = reference.respell(html)
    assert reference.private_paths(respelled) == []
    assert '<h2 id="gl.users.get">' in respelled
    assert 'href="#gitlab_users_client.models.UserBasic"' in respelled
    assert "<span>SudoArg</span>" in respelled
    assert 'title="gitlab_users_client.APIStatusError"' in respelled


def test_resources_are_headed_the_way_they_are_reached() -> None:
    page = reference.pages()["reference/resources.md"]
    assert "::: gitlab_users_client._resources.Users\n    options:\n      heading: gl.users" in page
    assert "heading: gl.users.keys\n" in page
    assert "heading: gl.user.status\n" in page
    assert page.index("heading: gl.users\n") < page.index("heading: gl.user\n")


# -- offline ---------------------------------------------------------------------------------


def test_the_theme_highlighter_from_a_cdn_is_off_and_pygments_is_on() -> None:
    config = _mkdocs_config()
    theme = config["theme"]
    assert isinstance(theme, dict) and theme["highlightjs"] is False
    assert "tools/mkdocs_offline.py" in config["hooks"]  # type: ignore[operator]
    assert offline.STYLESHEET in config["extra_css"]  # type: ignore[operator]
    extensions = config["markdown_extensions"]
    assert {"pymdownx.highlight": {"use_pygments": True}} in extensions  # type: ignore[operator]
    assert "Pygments==" in (ROOT / "requirements" / "docs.txt").read_text()


def test_resources_fetched_from_the_network_are_found(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<html><head><script src="https://cdnjs.cloudflare.com/x/highlight.min.js"></script>'
        '<link rel="stylesheet" href="//cdn.example/x.css">'
        '<link rel="canonical" href="https://docs.example/">'
        '<script src="js/theme.js"></script><link rel="stylesheet" href="css/theme.css">'
        "<style>@import 'https://fonts.example/lato.css';</style></head>"
        '<body><img src="HTTPS://img.example/a.png"><div style="background: url(http://x/y.png)">'
        '<a href="https://semver.org/">a link is fine</a></div></body></html>'
    )
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "theme.css").write_text(
        "@font-face { src: url(fonts/lato.woff2) } .x { background: url('https://x/bg.png') }"
    )
    found = offline.remote_resources(tmp_path)
    assert found == [
        "css/theme.css: https://x/bg.png",
        "index.html: https://cdnjs.cloudflare.com/x/highlight.min.js",
        "index.html: //cdn.example/x.css",
        "index.html: HTTPS://img.example/a.png",
        "index.html: http://x/y.png",
        "index.html: https://fonts.example/lato.css",
    ]


def test_the_pygments_stylesheet_styles_highlighted_code() -> None:
    css = offline.pygments_css()
    assert ".highlight .k " in css  # keywords
    assert "http" not in css
