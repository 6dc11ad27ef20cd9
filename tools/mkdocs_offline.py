"""mkdocs hook: the built site loads nothing from the network.

* Code is highlighted at build time by Pygments (``pymdownx.highlight`` in mkdocs.yml;
  the theme's highlight.js, which comes from a CDN, is off). This hook writes the
  matching stylesheet, ``css/pygments.css``, into the site.
* After the build it reads every HTML and CSS file of the site and fails the build if
  any script, stylesheet, image, font or frame would be fetched from another host
  (``https://...`` or ``//host/...``). Links a reader clicks (``<a href>``) are fine.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

STYLESHEET = "css/pygments.css"
#: The Pygments style; "default" reads well on the readthedocs theme's light background.
STYLE = "default"

#: (tag, attribute) pairs whose URL the browser fetches on its own.
_FETCHED = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("input", "src"),
}
#: <link rel=...> values that do not fetch anything by themselves.
_LINK_NAVIGATION = {"canonical", "next", "prev", "alternate", "author", "license", "help"}
_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


class _Fetched(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        rels = set(values.get("rel", "").lower().split())
        if tag == "link" and rels and rels <= _LINK_NAVIGATION:
            return
        for name, value in values.items():
            if (tag, name) in _FETCHED:
                self.urls += [part.split()[0] for part in value.split(",") if part.strip()]
        style = values.get("style")
        if style:
            self.urls += css_urls(style)


def css_urls(css: str) -> list[str]:
    """Every URL a stylesheet fetches (``url(...)``, ``@import``)."""
    return [match[2] or match[4] for match in _CSS_URL.finditer(css)]


def html_urls(html: str) -> list[str]:
    """Every URL a page fetches by itself: scripts, stylesheets, images, frames, inline CSS."""
    parser = _Fetched()
    parser.feed(html)
    parser.close()
    inline = re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.DOTALL | re.IGNORECASE)
    return parser.urls + [url for block in inline for url in css_urls(block)]


def remote_resources(site: Path) -> list[str]:
    """``file: url`` for each resource of the built site that would come from the network."""
    found: list[str] = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            urls = html_urls(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix == ".css":
            urls = css_urls(path.read_text(encoding="utf-8", errors="replace"))
        else:
            continue
        found += [f"{path.relative_to(site)}: {url}" for url in urls if _REMOTE.match(url)]
    return found


def pygments_css() -> str:
    from pygments.formatters import HtmlFormatter

    return str(HtmlFormatter(style=STYLE).get_style_defs(".highlight"))


# -- mkdocs events -------------------------------------------------------------------------


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    files.append(File.generated(config, STYLESHEET, content=pygments_css()))
    return files


def on_post_build(config: Any) -> None:
    remote = remote_resources(Path(config["site_dir"]))
    if remote:
        from mkdocs.exceptions import PluginError

        shown = "\n  ".join(remote[:10])
        raise PluginError(
            f"the site would load {len(remote)} resource(s) from the network "
            f"(it must work offline):\n  {shown}"
        )
