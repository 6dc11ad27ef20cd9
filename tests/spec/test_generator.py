"""What the custom templates (and each key of generator-config.yaml) must produce in
``gitlab_users_client/_generated``. Reads the generated files; never regenerates them."""

from __future__ import annotations

import ast
import enum
import importlib
import inspect
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from types import GenericAlias, UnionType

import httpx
import pydantic
import pytest

from gitlab_users_client import AsyncGitLab
from gitlab_users_client._contract.encoding import File, to_multipart
from gitlab_users_client._contract.models import ApiModel
from gitlab_users_client._contract.response import LazyResponses, ResponseTypes

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "gitlab_users_client" / "_generated"
PACKAGE = "gitlab_users_client._generated"

ALL_MODULES = sorted(GENERATED.rglob("*.py"))
ENDPOINT_MODULES = sorted(p for p in (GENERATED / "api").glob("*/*.py") if p.name != "__init__.py")
MODEL_MODULES = sorted(p for p in (GENERATED / "models").glob("*.py") if p.name != "__init__.py")


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def test_the_generated_tree_is_there() -> None:
    assert len(ENDPOINT_MODULES) == 90
    assert len(MODEL_MODULES) > 60
    # `--meta none`: no packaging files inside the package
    assert not (GENERATED / "pyproject.toml").exists()
    assert not (GENERATED / "README.md").exists()


# -- no attrs, no sync -------------------------------------------------------------------------


def test_no_generated_module_imports_attrs() -> None:
    offenders = []
    for path in ALL_MODULES:
        text = path.read_text(encoding="utf-8")
        imported: set[str] = set()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
        if imported & {"attr", "attrs"} or "@define" in text:
            offenders.append(str(path.relative_to(GENERATED)))
    assert offenders == []


def test_no_generated_module_defines_sync_functions() -> None:
    offenders = [
        f"{path.relative_to(GENERATED)}:{node.name}"
        for path in ALL_MODULES
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and node.name in {"sync", "sync_detailed"}
    ]
    assert offenders == []


def test_endpoint_modules_build_requests_and_declare_responses_as_data() -> None:
    """One request path: an endpoint module only builds the request and says, as data,
    what each successful status carries; sending, parsing and mapping errors are the
    client's, never the module's."""
    for path in ENDPOINT_MODULES:
        module = importlib.import_module(module_name(path))
        where = module.__name__
        functions = {
            name
            for name, value in vars(module).items()
            if inspect.isfunction(value) and value.__module__ == module.__name__
        }
        # `__getattr__` builds RESPONSES on first access, with its models (pydantic):
        # building and sending a request imports none. It serves nothing else.
        assert functions - {"__getattr__"} == {"build_request"}, where
        if "__getattr__" in functions:
            with pytest.raises(AttributeError):
                module.__getattr__("build_requests")
        assert not inspect.iscoroutinefunction(module.build_request), where
        assert type(module.RESPONSES) is ResponseTypes, where
        assert module.RESPONSES and all(100 <= status < 400 for status in module.RESPONSES), where
        for body_type in module.RESPONSES.values():  # types, never functions
            assert body_type is None or isinstance(body_type, type | UnionType | GenericAlias)
        assert vars(module)["RESPONSES"] is module.RESPONSES, where  # built once
        # What the resource hands the client: RESPONSES itself, or (with models to
        # import) the same read at its first lookup.
        answers = module.ANSWERS
        assert answers is module.RESPONSES or type(answers) is LazyResponses, where
        for status, body_type in module.RESPONSES.items():
            assert answers.get(status) is body_type, where


def test_resources_hand_the_client_answers_that_load_after_sending() -> None:
    """Every resource method passes its operation's ``ANSWERS``, never ``RESPONSES``
    (reading that imports the models before the request leaves)."""
    for path in sorted((GENERATED / "api").glob("*/__init__.py")):
        source = path.read_text(encoding="utf-8")
        assert ".RESPONSES" not in source, path
        assert ".ANSWERS," in source, path


def test_the_runtime_is_hand_written_not_templated() -> None:
    """The modules the generator insists on writing hold no code; the generated code
    imports the package's own runtime modules."""
    for name in ("types.py", "client.py", "errors.py"):
        tree = ast.parse((GENERATED / name).read_text(encoding="utf-8"))
        assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr), name
    text = (GENERATED / "api" / "users" / "users_get.py").read_text(encoding="utf-8")
    assert "from ...._contract.request import ApiRequest" in text
    for template in ("types.py.jinja", "client.py.jinja", "errors.py.jinja"):
        assert "def " not in (ROOT / "openapi" / "templates" / template).read_text()


def test_one_not_given_marker() -> None:
    import gitlab_users_client as sdk

    assert sdk.UNSET is sdk.NOT_GIVEN and sdk.Unset is sdk.NotGiven
    text = (GENERATED / "api" / "users" / "__init__.py").read_text(encoding="utf-8")
    assert "Unset" not in text and "UNSET" not in text


def test_each_operation_is_documented_once() -> None:
    text = (GENERATED / "api" / "users" / "__init__.py").read_text(encoding="utf-8")
    assert text.count("Returns one user by numeric ID.") == 1
    module = (GENERATED / "api" / "users" / "users_get.py").read_text(encoding="utf-8")
    assert "Returns one user by numeric ID." not in module


def test_resource_methods_are_async_or_return_paginators() -> None:
    from gitlab_users_client._contract.resource import BaseResource
    from gitlab_users_client._paging.pagination import AsyncPaginator

    checked = 0
    for path in sorted((GENERATED / "api").glob("*/__init__.py")):
        module = importlib.import_module(module_name(path))
        for cls in vars(module).values():
            if not (
                inspect.isclass(cls)
                and issubclass(cls, BaseResource)
                and cls.__module__ == module.__name__
            ):
                continue
            for name, function in vars(cls).items():
                if name.startswith("_") or not inspect.isfunction(function):
                    continue
                checked += 1
                if inspect.iscoroutinefunction(function):
                    continue
                hints = inspect.signature(function).return_annotation
                assert "AsyncPaginator" in str(hints), f"{cls.__name__}.{name} is sync"
    assert checked == 90  # one method per operation; raw views only wrap them
    assert AsyncPaginator is not None


# -- models ------------------------------------------------------------------------------------


def _module_classes(path: Path) -> list[type]:
    module = importlib.import_module(module_name(path))
    return [
        value
        for value in vars(module).values()
        if inspect.isclass(value) and value.__module__ == module.__name__
    ]


def test_each_model_module_defines_one_pydantic_model_or_open_str_enum() -> None:
    kinds = {"model": 0, "enum": 0}
    for path in MODEL_MODULES:
        classes = _module_classes(path)
        assert len(classes) == 1, (path.name, classes)
        cls = classes[0]
        if issubclass(cls, enum.Enum):
            assert issubclass(cls, enum.StrEnum), cls
            kinds["enum"] += 1
            continue
        assert issubclass(cls, pydantic.BaseModel), cls
        assert issubclass(cls, ApiModel), cls
        assert cls.model_config.get("extra") == "allow", cls
        kinds["model"] += 1
    assert kinds["model"] > 50 and kinds["enum"] > 10


def _models() -> list[type[pydantic.BaseModel]]:
    found = []
    for path in MODEL_MODULES:
        cls = _module_classes(path)[0]
        if issubclass(cls, pydantic.BaseModel):
            found.append(cls)
    return found


def _enums() -> list[type[enum.StrEnum]]:
    found = []
    for path in MODEL_MODULES:
        cls = _module_classes(path)[0]
        if issubclass(cls, enum.StrEnum):
            found.append(cls)
    return found


@pytest.mark.parametrize(
    "cls",
    [
        c
        for c in _models()
        if not any(f.is_required() for f in c.model_fields.values())
        and not hasattr(c, "_check_rules")
    ],
    ids=lambda c: c.__name__,
)
def test_models_keep_unknown_fields(cls: type[pydantic.BaseModel]) -> None:
    """Models without required fields; the others are covered with real payloads in
    test_models.py."""
    # A map of strings (additionalProperties: string) keeps unknown keys as strings.
    value: object = "a" if cls.__name__ == "CustomAttributesFilter" else ["a"]
    validated = cls.model_validate({"zz_new_field": value})
    assert validated.model_extra == {"zz_new_field": value}
    assert validated.model_dump()["zz_new_field"] == value


@pytest.mark.parametrize("cls", _enums(), ids=lambda c: c.__name__)
def test_enums_are_open(cls: type[enum.StrEnum]) -> None:
    members = list(cls)
    assert members, "an enum with no documented values"
    for member in members:
        assert cls(member.value) is member
        assert str(member) == member.value
    unknown = cls("zz_value_from_a_newer_gitlab")
    assert isinstance(unknown, cls)
    assert unknown == "zz_value_from_a_newer_gitlab"
    assert str(unknown) == "zz_value_from_a_newer_gitlab"
    assert unknown not in members
    assert list(cls) == members  # pseudo-members are not registered
    with pytest.raises(ValueError, match="not a valid"):
        cls(42)  # type: ignore[arg-type]


def test_literal_enums_false_gives_enum_classes_in_signatures() -> None:
    """generator-config ``literal_enums: false``: enum parameters are typed with the enum
    class (and the template adds the Literal values next to it)."""
    from gitlab_users_client._generated.api.users import users_list
    from gitlab_users_client.models import UserOrderBy

    annotation = inspect.signature(users_list.build_request).parameters["order_by"].annotation
    assert "UserOrderBy" in str(annotation)
    assert issubclass(UserOrderBy, enum.StrEnum)


def test_docstrings_on_attributes() -> None:
    """generator-config ``docstrings_on_attributes: true``: each described field carries its
    own docstring right after the annotation."""
    source = (GENERATED / "models" / "user_safe.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    (cls,) = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    documented = {}
    for first, second in zip(cls.body, cls.body[1:], strict=False):
        if (
            isinstance(first, ast.AnnAssign)
            and isinstance(first.target, ast.Name)
            and isinstance(second, ast.Expr)
            and isinstance(second.value, ast.Constant)
            and isinstance(second.value.value, str)
        ):
            documented[first.target.id] = second.value.value
    assert documented.keys() == {"id", "username", "name", "public_email"}
    assert documented["id"] == "User ID."


def test_titles_name_inline_models_without_path_prefixes() -> None:
    """generator-config ``use_path_prefixes_for_title_model_names: false``."""
    from gitlab_users_client._generated import models

    assert models.NestedErrorMessageBody.__name__ == "NestedErrorMessageBody"
    for path in MODEL_MODULES:
        assert not path.stem.startswith(("get_", "post_", "put_", "delete_", "patch_"))


def test_generated_code_is_formatted_by_the_post_hooks() -> None:
    """generator-config ``post_hooks``: ruff's import sorting and formatter ran."""
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed")
    formatted = subprocess.run(
        [ruff, "format", "--check", "--quiet", str(GENERATED)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    imports = subprocess.run(
        [ruff, "check", "--select", "I", "--quiet", str(GENERATED)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert imports.returncode == 0, imports.stdout + imports.stderr


# -- multipart ------------------------------------------------------------------------------


def test_no_generated_module_fixes_a_multipart_boundary() -> None:
    for path in ALL_MODULES:
        text = path.read_text(encoding="utf-8")
        assert "boundary=" not in text, path
        assert "+++" not in text, path


def test_to_multipart_leaves_the_boundary_to_httpx() -> None:
    from gitlab_users_client.models import UploadAvatarRequest

    body = UploadAvatarRequest(avatar=File(payload=b"\x89PNG", file_name="a.png"))
    data, files = to_multipart(body)
    assert data == []
    assert files == [("avatar", ("a.png", b"\x89PNG", "application/octet-stream"))]

    from gitlab_users_client._generated.api.user import user_upload_avatar

    request = user_upload_avatar.build_request(body=body)
    assert request.json is None
    assert {k.lower() for k in request.headers} == set()  # no Content-Type chosen here


async def test_multipart_requests_get_fresh_random_boundaries() -> None:
    boundaries = []

    def handler(request: httpx.Request) -> httpx.Response:
        content_type = request.headers["content-type"]
        assert content_type.startswith("multipart/form-data; boundary=")
        boundary = content_type.split("boundary=", 1)[1]
        assert request.content.startswith(b"--" + boundary.encode() + b"\r\n")
        boundaries.append(boundary)
        return httpx.Response(200, json={"avatar_url": "https://gitlab.example.com/a.png"})

    async with AsyncGitLab(
        "https://gitlab.example.com", token="glpat-x", transport=httpx.MockTransport(handler)
    ) as gl:
        for _ in range(3):
            await gl.user.upload_avatar(avatar=b"+++\r\n--+++\r\n")
    assert len(set(boundaries)) == 3
    assert "+++" not in boundaries
    assert all(len(b) >= 16 for b in boundaries)


# -- import cost -----------------------------------------------------------------------------


def test_importing_the_package_stays_light() -> None:
    script = textwrap.dedent(
        """
        import sys
        import gitlab_users_client
        from gitlab_users_client import AsyncGitLab, InvalidRequestError, ResponseValidationError

        gl = AsyncGitLab("https://gitlab.example.com", token="glpat-x")
        loaded = sorted(sys.modules)
        bad = [
            name for name in loaded
            if name == "gitlab_users_client._generated.models.user_basic"
            or name == "aiohttp" or name.startswith("aiohttp.")
            or name == "httpx_aiohttp"
        ]
        print(repr(bad))
        """
    )
    result = subprocess.run(
        [sys.executable, "-W", "ignore::ResourceWarning", "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout + result.stderr


def test_the_subprocess_check_would_notice_user_basic() -> None:
    """Guard for the test above: the check sees models once an endpoint's ``RESPONSES``
    is read, while touching a resource (``gl.users``) imports no endpoint or model, and
    an endpoint module (which builds requests) no model."""
    script = (
        "import sys, gitlab_users_client\n"
        "gl = gitlab_users_client.AsyncGitLab('https://gitlab.example.com', token='t')\n"
        "gl.users\n"
        "model = 'gitlab_users_client._generated.models.user_basic'\n"
        "before = model in sys.modules\n"
        "import gitlab_users_client._generated.api.users.users_get as users_get\n"
        "imported = model in sys.modules\n"
        "users_get.RESPONSES\n"
        "print(before, imported, model in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-W", "ignore::ResourceWarning", "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert result.stdout.split() == ["False", "False", "True"], result.stdout + result.stderr


# -- what the templates read from openapi-python-client ---------------------------------------

#: Every attribute of openapi-python-client's objects the templates read (0.29.1). Its
#: template API is not stable: on an upgrade, this list and the check below say where to look.
GENERATOR_ATTRIBUTES = frozenset(
    {
        "additional_properties", "allOf", "attribute", "bodies", "class_info", "content_type",
        "data", "description", "endpoint_collections_by_tag", "endpoints", "enums", "example",
        "get_imports", "get_lazy_imports", "get_type_string", "get_untrusted_value",
        "header_parameters", "inner_properties", "inner_property", "lazy_imports", "method",
        "model_extra", "models", "module_name", "name", "optional_properties", "path",
        "path_parameters", "patterns", "prop", "python_name", "query_parameters", "range", "ref",
        "relative_imports", "required", "required_properties", "responses", "self_import",
        "source", "status_code", "summary", "tag", "title", "values",
    }
)  # fmt: skip
#: Names the templates use that are theirs (prepare.py's data, Jinja's loop, namespaces).
TEMPLATE_OWN_NAMES = frozenset(
    {
        "append", "at_least_one_of", "by", "children", "client_params", "default", "direct",
        "filters", "filters_type", "first", "get", "headers",
        "index0", "item", "items", "json", "keys", "keyset", "kinds", "last", "multipart",
        "mutually_exclusive", "names", "none", "orders", "pagination", "parent", "parent_props",
        "replaced", "required_when", "requires_together", "serves", "split", "startswith",
        "strip", "types", "update",
    }
)  # fmt: skip


def _names_read_by_templates() -> set[str]:
    names: set[str] = set()
    for template in (ROOT / "openapi" / "templates").glob("*.jinja"):
        for block in re.findall(r"\{[{%](.*?)[}%]\}", template.read_text(), re.S):
            for chain in re.findall(r'(?:attribute=|attr\()"([\w.]+)"', block):
                names.update(chain.split("."))
            code = re.sub(r'"[^"]*"|\'[^\']*\'', '""', block)
            names.update(re.findall(r"\.\s*([A-Za-z_]\w*)", code))
    return names


def test_templates_read_only_the_pinned_generator_attributes() -> None:
    pinned = (ROOT / "requirements" / "generator.txt").read_text()
    assert "openapi-python-client==0.29.1" in pinned, "new generator: re-check the list above"
    read = _names_read_by_templates()
    assert read - TEMPLATE_OWN_NAMES == GENERATOR_ATTRIBUTES
    # No branching on the generator's property classes: kinds come from prepare.py.
    assert "template" not in read


def test_the_pinned_attributes_exist_in_the_installed_generator() -> None:
    python = ROOT / ".venv-gen" / "bin" / "python"
    if not python.exists():
        pytest.skip("the generator environment is built by `make generate`")
    script = textwrap.dedent(
        """
        import dataclasses
        import attrs
        from openapi_python_client.parser import openapi, responses, bodies, properties
        from openapi_python_client.parser.properties import model_property, enum_property
        from openapi_python_client.parser.properties import list_property, union
        from openapi_python_client.schema import openapi_schema_pydantic as oai
        from openapi_python_client.schema.untrusted_string import UntrustedString
        classes = [
            openapi.Endpoint, openapi.EndpointCollection, openapi.GeneratorData,
            responses.Response, responses.Responses, responses.HTTPStatusPattern,
            responses._ResponseSource, bodies.Body, model_property.ModelProperty,
            enum_property.EnumProperty, list_property.ListProperty,
            union.UnionProperty, properties.StringProperty, properties.Class,
            UntrustedString, oai.Schema, oai.Response, oai.Reference,
        ]
        known = set()
        for cls in classes:
            known.update(dir(cls))
            if dataclasses.is_dataclass(cls):
                known.update(f.name for f in dataclasses.fields(cls))
            if attrs.has(cls):
                known.update(f.name for f in attrs.fields(cls))
            known.update(getattr(cls, "model_fields", {}))
            known.update(getattr(cls, "__annotations__", {}))
        print(" ".join(sorted(known)))
        """
    )
    result = subprocess.run(
        [str(python), "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    known = set(result.stdout.split())
    assert GENERATOR_ATTRIBUTES - known == set()
