"""The user attributes ``create``, ``update`` and ``bulk update`` can set.

One table drives the command-line flags (``--bio TEXT``, ``--admin/--no-admin``) and
the conversion of bulk input values (CSV text or JSON values) to the SDK's types.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

__all__ = ["USER_ATTRS", "Attr", "add_attr_flags", "collect_attrs", "convert"]

_TRUE = {"true", "yes", "y", "1", "on"}
_FALSE = {"false", "no", "n", "0", "off"}


@dataclass(frozen=True, slots=True)
class Attr:
    """One settable attribute: the SDK keyword, its type and its help text."""

    name: str
    kind: type
    help: str

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


USER_ATTRS: tuple[Attr, ...] = (
    Attr("name", str, "display name"),
    Attr("email", str, "primary email address"),
    Attr("username", str, "username"),
    Attr("bio", str, "biography"),
    Attr("note", str, "administrator note"),
    Attr("location", str, "location"),
    Attr("organization", str, "organization"),
    Attr("pronouns", str, "pronouns"),
    Attr("public_email", str, "public email (an already verified email of the user)"),
    Attr("commit_email", str, "commit email ('_private' for the private one)"),
    Attr("website_url", str, "website URL"),
    Attr("linkedin", str, "LinkedIn username"),
    Attr("twitter", str, "X (Twitter) account"),
    Attr("discord", str, "Discord user ID"),
    Attr("github", str, "GitHub username"),
    Attr("extern_uid", str, "external UID (with --provider)"),
    Attr("provider", str, "external authentication provider (with --extern-uid)"),
    Attr("projects_limit", int, "number of personal projects allowed"),
    Attr("theme_id", int, "UI theme ID"),
    Attr("color_scheme_id", int, "syntax highlighting color scheme ID"),
    Attr("admin", bool, "administrator"),
    Attr("external", bool, "external user"),
    Attr("can_create_group", bool, "may create top-level groups"),
    Attr("private_profile", bool, "private profile"),
)
_BY_NAME = {attr.name: attr for attr in USER_ATTRS}


def add_attr_flags(parser: argparse.ArgumentParser, *, skip: tuple[str, ...] = ()) -> None:
    """Add one flag per attribute; every default is ``None`` (= not sent)."""
    group = parser.add_argument_group("user attributes (only the ones given are sent)")
    for attr in USER_ATTRS:
        if attr.name in skip:
            continue
        if attr.kind is bool:
            group.add_argument(attr.flag, action=argparse.BooleanOptionalAction, help=attr.help)
        else:
            metavar = "N" if attr.kind is int else "TEXT"
            group.add_argument(attr.flag, type=attr.kind, metavar=metavar, help=attr.help)


def collect_attrs(args: argparse.Namespace) -> dict[str, Any]:
    """The attributes given on the command line."""
    return {
        attr.name: getattr(args, attr.name)
        for attr in USER_ATTRS
        if getattr(args, attr.name, None) is not None
    }


def convert(name: str, value: Any) -> Any:
    """Convert one bulk input value (CSV text or a JSON value) for attribute ``name``.

    Raises ``ValueError`` with a readable message for an unknown attribute or a bad value.
    """
    attr = _BY_NAME.get(name)
    if attr is None:
        raise ValueError(f"unknown attribute {name!r}")
    if attr.kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise ValueError(f"{name} must be true or false, not {value!r}")
    if attr.kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value.strip())
        raise ValueError(f"{name} must be an integer, not {value!r}")
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string, not {value!r}")
    return value
