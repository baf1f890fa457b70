"""Python-Markdown extension ``build_tools.pages.safe_links``: nothing executable in pages.

Registered in ``mkdocs.yml`` under ``markdown_extensions``. On the rendered element tree of
every page it

* replaces link targets with a scheme other than http(s), mailto or tel (``javascript:``,
  ``data:``, ``vbscript:``, also hidden behind entities or whitespace) by ``#``;
* removes event-handler attributes (``onclick`` …) and ``srcdoc``, which ``attr_list``
  (``{: onclick="…" }``) would otherwise let a contributor set.

Raw HTML blocks are not part of the tree (Markdown stashes them), so pages that rely on their
own trusted HTML, like the form page, are not touched. Practice bodies arrive as such blocks,
already cleaned with an allow-list (see :func:`build_tools.pages.safety.safe_body`).
"""

from __future__ import annotations

from xml.etree import ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from ..urls import is_safe_url

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "cite",
                  "background", "srcset")


class SafeLinksTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                lowered = name.lower()
                if lowered.startswith("on") or lowered == "srcdoc":
                    del element.attrib[name]
                elif lowered in URL_ATTRIBUTES and not is_safe_url(element.attrib[name]):
                    element.attrib[name] = "#"
        return None


class SafeLinksExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Markdown's API)
        # After attr_list (8) and the inline patterns, before MkDocs' link rewriting (0).
        md.treeprocessors.register(SafeLinksTreeprocessor(md), "kennisbank_safe_links", 2)


def makeExtension(**kwargs) -> SafeLinksExtension:  # noqa: N802 (Markdown's API)
    return SafeLinksExtension(**kwargs)
