"""A tiny document model rendered twice: Markdown for the code host, HTML for one-file viewing.

Building the report as blocks (rather than writing Markdown and converting it) keeps the two
renderings identical in content without a Markdown library.  Text inside blocks uses a small
inline subset: ``**bold**``, ```code```, ``[text](link)`` and backslash escapes; :func:`escape`
makes any outside text (benchmark names, error messages) safe for it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Union

from tabulate import tabulate


@dataclass(frozen=True)
class Heading:
    """``#``-style heading."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inline text."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """An unordered list of inline texts."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Caution:
    """A highlighted warning (a blockquote starting with a bold "Warning")."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table of inline texts; ``align`` is "left" or "right" per column."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...] = ()


@dataclass(frozen=True)
class Image:
    """An SVG chart: a file next to the Markdown, inlined into the HTML."""

    path: str
    alt: str
    svg: str


# typing.Union: the alias is evaluated at run time, and Python 3.9 has no `X | Y` for classes.
Block = Union[Heading, Paragraph, Bullets, Caution, Table, Image]

_ESCAPABLE = "\\`*_[]<>|#"
_INLINE = re.compile(
    r"\\(?P<escaped>[!-/:-@\[-`{-~])"
    r"|`(?P<code>[^`]+)`"
    r"|\*\*(?P<bold>.+?)\*\*"
    r"|\[(?P<text>[^\]]+)\]\((?P<link>[^)\s]+)\)"
)


def escape(text: str) -> str:
    """Make outside text literal in the inline subset (and in Markdown tables)."""
    return "".join(f"\\{char}" if char in _ESCAPABLE else char for char in text)


def inline_html(text: str) -> str:
    """Render the inline subset as HTML."""
    out, pos = [], 0
    for match in _INLINE.finditer(text):
        out.append(html.escape(text[pos : match.start()], quote=False))
        if match["escaped"] is not None:
            out.append(html.escape(match["escaped"], quote=False))
        elif match["code"] is not None:
            out.append(f"<code>{html.escape(match['code'], quote=False)}</code>")
        elif match["bold"] is not None:
            out.append(f"<strong>{inline_html(match['bold'])}</strong>")
        else:
            href = html.escape(match["link"])
            out.append(f'<a href="{href}">{inline_html(match["text"])}</a>')
        pos = match.end()
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


# --------------------------------------------------------------------------- Markdown


def _markdown_table(table: Table) -> str:
    align = table.align or ("left",) * len(table.headers)
    return tabulate(
        [list(row) for row in table.rows],
        headers=list(table.headers),
        tablefmt="github",
        disable_numparse=True,  # "1.00" must stay "1.00", not become "1"
        colalign=list(align),
    )


def _markdown_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {block.text}"
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Bullets):
        return "\n".join(f"- {item}" for item in block.items)
    if isinstance(block, Caution):
        return "\n>\n".join(
            f"> {'**Warning:** ' if i == 0 else ''}{item}" for i, item in enumerate(block.items)
        )
    if isinstance(block, Table):
        return _markdown_table(block)
    return f"![{escape(block.alt)}]({block.path})"


def to_markdown(blocks: Sequence[Block]) -> str:
    """The document as GitHub-flavoured Markdown."""
    return "\n\n".join(_markdown_block(block) for block in blocks) + "\n"


# --------------------------------------------------------------------------- HTML

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #1f2328; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; }
th { background: #f6f8fa; }
td.right, th.right { text-align: right; }
code { background: #f6f8fa; padding: 0 0.2rem; border-radius: 3px; }
blockquote { border-left: 4px solid #bf8700; margin: 1rem 0; padding: 0.2rem 1rem;
             background: #fff8c5; }
figure { margin: 1rem 0; }
figure svg { width: min(100%, 60rem); height: auto; }
figcaption { font-size: 0.85rem; color: #59636e; }
""".strip()


def _html_table(table: Table) -> str:
    align = table.align or ("left",) * len(table.headers)

    def row(cells: Sequence[str], tag: str) -> str:
        tds = "".join(
            f'<{tag} class="{a}">{inline_html(cell)}</{tag}>' for cell, a in zip(cells, align)
        )
        return f"<tr>{tds}</tr>"

    body = "\n".join(row(cells, "td") for cells in table.rows)
    return (
        f"<table>\n<thead>{row(table.headers, 'th')}</thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    )


def _inline_svg(svg: str, alt: str) -> str:
    # The XML prolog and doctype are not allowed inside HTML; the label makes it accessible.
    start = svg.index("<svg")
    label = html.escape(alt)
    return svg[start:].replace("<svg", f'<svg role="img" aria-label="{label}"', 1).strip()


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{inline_html(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{inline_html(block.text)}</p>"
    if isinstance(block, Bullets):
        items = "\n".join(f"<li>{inline_html(item)}</li>" for item in block.items)
        return f"<ul>\n{items}\n</ul>"
    if isinstance(block, Caution):
        paras = [
            f"<p>{'<strong>Warning:</strong> ' if i == 0 else ''}{inline_html(item)}</p>"
            for i, item in enumerate(block.items)
        ]
        return "<blockquote>\n" + "\n".join(paras) + "\n</blockquote>"
    if isinstance(block, Table):
        return _html_table(block)
    caption = f"<figcaption>{html.escape(block.alt, quote=False)}</figcaption>"
    return f"<figure>\n{_inline_svg(block.svg, block.alt)}\n{caption}\n</figure>"


def to_html(blocks: Sequence[Block], title: str) -> str:
    """The document as one self-contained HTML page (styles and charts inlined)."""
    body = "\n".join(_html_block(block) for block in blocks)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
