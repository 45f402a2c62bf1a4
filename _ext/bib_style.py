"""A bibliography labelled the way the chapters cite: (Author, year).

The chapters cite with sphinxcontrib-bibtex's ``author_year`` reference
style, "(Bishop, 2006)". Its bibliography, though, labels entries with the
formatting style's label style ("[Bis06]" for ``alpha``), so a reader cannot
match a citation to its entry at a glance. This extension registers a pybtex
formatting style ``authoryear``: the ``plain`` style, with entries sorted by
author, year and title, and labelled "Author, year" ("Goodfellow et al.,
2016"; "a", "b", ... after the year when two entries would share a label).
``_config.yml`` selects it with ``bibtex_default_style: authoryear``.

Docutils writes the bibliography as ``<div role="list">`` of entries with
``role="doc-biblioentry"``, a role that DPUB-ARIA 1.1 deprecated and that is
not a list item: axe-core reports the list as critical (aria-required-children)
and every entry (aria-deprecated-role, aria-allowed-role). The entries are
written with ``role="listitem"`` instead, the role that replaces it.
"""

from __future__ import annotations

from collections import Counter

from docutils import nodes
from docutils.writers._html_base import HTMLTranslator
from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle


def _names(entry) -> str:
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    last = [" ".join(p.last_names) for p in persons]
    if not last:
        return entry.fields.get("organization") or entry.key
    if len(last) == 1:
        return last[0]
    if len(last) == 2:
        return f"{last[0]} and {last[1]}"
    return f"{last[0]} et al."


class AuthorYearLabelStyle(BaseLabelStyle):
    """Labels "Author, year", made unique with a letter after the year."""

    def format_labels(self, sorted_entries):
        entries = list(sorted_entries)
        base = [f"{_names(e)}, {e.fields.get('year', 'n.d.')}" for e in entries]
        counts = Counter(base)
        seen: Counter = Counter()
        for label in base:
            if counts[label] > 1:
                suffix = chr(ord("a") + seen[label])
                seen[label] += 1
                label = label + suffix
            yield label


class AuthorYearStyle(PlainStyle):
    """pybtex's ``plain`` formatting with "Author, year" labels."""

    default_label_style = "authoryear"
    default_sorting_style = "author_year_title"


def visit_citation(self, node) -> None:
    """Docutils' ``visit_citation``, with ``role="listitem"``."""
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def setup(app):
    # The HTML visitor of docutils' own citation node (app.add_node would
    # also register the node with docutils, which owns it).
    app.registry.add_translation_handlers(
        nodes.citation, html=(visit_citation, HTMLTranslator.depart_citation))
    register_plugin("pybtex.style.labels", "authoryear", AuthorYearLabelStyle)
    register_plugin("pybtex.style.formatting", "authoryear", AuthorYearStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
