"""Text the way GitLab stores and renders it: ``Sanitize.clean`` and a Markdown subset.

``sanitize_clean`` follows the Sanitize gem's default (``Sanitize.clean``) as GitLab's
``UserDetail#sanitize_attrs`` applies it before validation: every HTML tag is dropped and its
text kept, the contents of ``script``/``style``/``iframe``... are dropped with the tag, block
elements become spaces, and the text comes back HTML-escaped (``&`` as ``&amp;``; GitLab
turns that back into ``&`` for ``location`` and ``organization`` only).

``render_markdown`` renders the user's ``bio`` for ``bio_html`` (``markdown_field(user_detail,
:bio)``): paragraphs (blank-line separated, ``<p data-sourcepos="..." dir="auto">``), code
spans, strong, emphasis, strikethrough, links and bare URLs (with GitLab's ``rel`` and
``target``). Raw HTML is escaped rather than passed through GitLab's allow-list, so a bio
can never inject markup into a page built from the fake's answers.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Sanitize::Config::DEFAULT[:remove_contents] and [:whitespace_elements].
_REMOVE_CONTENTS = frozenset(
    {"iframe", "math", "noembed", "noframes", "noscript", "plaintext", "script", "style", "svg"}
    | {"xmp"}
)
_WHITESPACE = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "ul",
    }
)
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "wbr"})


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _REMOVE_CONTENTS and tag not in _VOID:
            self.skipping.append(tag)
        elif tag in _WHITESPACE and not self.skipping:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _WHITESPACE and not self.skipping:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in _WHITESPACE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def sanitize_clean(value: str) -> str:
    """``Sanitize.clean(value)``: the text without any HTML, HTML-escaped."""
    if "<" not in value and "&" not in value and ">" not in value:
        return value
    cleaner = _Cleaner()
    cleaner.feed(value)
    cleaner.close()
    text = "".join(cleaner.parts)
    return html.escape(text, quote=False)


def sanitize_profile_field(field: str, value: str) -> str:
    """``UserDetail#sanitize_attrs`` for one attribute (only non-blank values change)."""
    if not value:
        return value
    cleaned = sanitize_clean(value)
    if field in ("location", "organization"):
        cleaned = cleaned.replace("&amp;", "&")
    return cleaned


# -- Markdown ----------------------------------------------------------------------------------
_LINK_ATTRS = 'rel="nofollow noreferrer noopener" target="_blank"'
_INLINE = re.compile(
    r"(?P<code>`+)(?P<code_text>.+?)(?P=code)"
    r"|\[(?P<link_text>[^\]\n]+)\]\((?P<link_url>https?://[^\s)]+)\)"
    r"|(?P<url>https?://[^\s<>\"')\]]+[^\s<>\"')\].,;:!?])"
    r"|(?P<strong>\*\*|__)(?P<strong_text>\S(?:.*?\S)?)(?P=strong)"
    r"|(?P<em>[*_])(?P<em_text>\S(?:.*?\S)?)(?P=em)"
    r"|~~(?P<del_text>\S(?:.*?\S)?)~~",
    re.DOTALL,
)


def _inline(text: str) -> str:
    out: list[str] = []
    pos = 0
    for m in _INLINE.finditer(text):
        out.append(html.escape(text[pos : m.start()], quote=False))
        pos = m.end()
        if m.group("code") is not None:
            out.append(f"<code>{html.escape(m.group('code_text').strip(), quote=False)}</code>")
        elif m.group("link_text") is not None:
            url = html.escape(m.group("link_url"))
            out.append(f'<a href="{url}" {_LINK_ATTRS}>{_inline(m.group("link_text"))}</a>')
        elif m.group("url") is not None:
            url = html.escape(m.group("url"))
            out.append(f'<a href="{url}" {_LINK_ATTRS}>{url}</a>')
        elif m.group("strong") is not None:
            out.append(f"<strong>{_inline(m.group('strong_text'))}</strong>")
        elif m.group("em") is not None:
            out.append(f"<em>{_inline(m.group('em_text'))}</em>")
        else:
            out.append(f"<del>{_inline(m.group('del_text'))}</del>")
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def render_markdown(source: str) -> str:
    """The HTML GitLab caches for a Markdown field (the subset described above)."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[str] = []
    start: int | None = None
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            if start is None:
                start = number
            continue
        if start is not None:
            end = number - 1
            body = "\n".join(part.strip() for part in lines[start - 1 : end])
            pos = f"{start}:1-{end}:{len(lines[end - 1])}"
            blocks.append(f'<p data-sourcepos="{pos}" dir="auto">{_inline(body)}</p>')
            start = None
    return "\n".join(blocks)
