"""Main text and metadata from HTML: trafilatura first, plain lxml text as a fallback."""

from __future__ import annotations

import json
import re

import lxml.etree
import lxml.html
import trafilatura

# lxml refuses str input that carries an XML encoding declaration.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DROP_TAGS = ("script", "style", "noscript", "template", "head")
_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "header",
    "footer", "nav", "aside", "main", "blockquote", "pre", "figure", "figcaption",
    "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "hr",
)  # fmt: skip
# Dates only from markup and URL; an extensive search picks up dates mentioned in the article.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}


class HTMLError(ValueError):
    """The HTML could not be parsed at all."""


def extract_html(html: str) -> tuple[str, dict[str, str | None]]:
    """Return (main text, metadata with title/url/published/publisher) for an HTML page.

    Raises HTMLError when neither trafilatura nor lxml can parse it."""
    html = _XML_DECLARATION.sub("", html, count=1)
    found = _with_trafilatura(html)
    if found and found[0].strip():
        return found
    text, title = _with_lxml(html)
    meta = found[1] if found else {}
    return text, {**meta, "title": meta.get("title") or title}


def _with_trafilatura(html: str) -> tuple[str, dict[str, str | None]] | None:
    try:
        result = trafilatura.extract(
            html,
            output_format="json",
            with_metadata=True,
            include_comments=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception:  # trafilatura is best effort; lxml is the fallback
        return None
    if not result:
        return None
    data = json.loads(result)
    meta = {
        "title": data.get("title"),
        "url": data.get("source"),
        "published": data.get("date"),
        "publisher": data.get("source-hostname"),
    }
    return data.get("text") or "", meta


def _with_lxml(html: str) -> tuple[str, str | None]:
    """Visible text of <body> (scripts and styles removed), one line per block element."""
    try:
        root = lxml.html.fromstring(html)
    except lxml.etree.ParserError:  # nothing but a doctype, comments or an unclosed <head>
        return "", None
    except ValueError as exc:
        raise HTMLError(f"unparsable HTML: {exc}") from None
    title = root.findtext(".//title")
    if root.tag in _DROP_TAGS:
        return "", title
    for element in list(root.iter(*_DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    body = root.find(".//body")
    text = (body if body is not None else root).text_content()
    return "\n".join(" ".join(line.split()) for line in text.split("\n")), title
