"""Titles and search results as plain text, never as raw TeX.

A heading with a formula ("The derivative of one sample's loss: $p - y$")
is typeset by MathJax on the page and in the navigation, but three places
show text, not typeset math:

* the tab and bookmark title (``<title>``), which read
  "... sample's loss: \\(p - y\\) — ...";
* the search index: the page titles that the search page lists (HTML with a
  ``\\(...\\)`` span) and the section titles it matches ("First link:
  \\partial L / \\partial p");
* the result snippets, which the search page cuts from each page's HTML: they
  quoted the TeX source of the formulas and the hidden print-only table of
  contents of sphinx-book-theme ("... separable data Contents ...").

This extension writes the formula of a title as readable text
(:func:`tex_to_text`: "∂L / ∂p", "p − y", "F₁") in ``<title>`` (the
``title`` of the page context) and in the search index (it wraps the
builder's ``index_page``, which feeds each page to the indexer), and
``_static/search_plain_text.js`` does the same for the snippets in the
browser: it drops the print-only table of contents and turns each formula
into text before the snippet is cut. The two hold the same rules in two
languages; ``tests/test_site.py`` (test_formula_text_twins_agree) checks
that they give the same text on every inline formula of the site.
"""

from __future__ import annotations

import html
import re

from docutils import nodes
from sphinx.application import Sphinx

# Symbols a title or a snippet can show as one character.
_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε",
    "varepsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ",
    "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ", "chi": "χ",
    "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ",
    "Lambda": "Λ", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    "ell": "ℓ", "partial": "∂", "nabla": "∇", "infty": "∞", "sum": "∑",
    "prod": "∏", "int": "∫", "times": "×", "cdot": "·", "circ": "∘",
    "odot": "⊙", "pm": "±", "mp": "∓", "le": "≤", "leq": "≤", "ge": "≥",
    "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "sim": "∼",
    "gtrsim": "≳", "lesssim": "≲", "in": "∈", "notin": "∉", "to": "→",
    "rightarrow": "→", "leftarrow": "←", "mapsto": "↦", "succeq": "⪰",
    "preceq": "⪯", "top": "ᵀ", "star": "⋆", "dots": "…", "ldots": "…",
    "cdots": "⋯", "Vert": "‖", "lVert": "‖", "rVert": "‖", "vert": "|",
    "lvert": "|", "rvert": "|", "langle": "⟨", "rangle": "⟩", "quad": " ",
    "qquad": " ", "log": "log", "ln": "ln", "exp": "exp", "max": "max",
    "min": "min", "arg": "arg", "sqrt": "√", "R": "ℝ", "E": "𝔼",
}
_SUBSCRIPTS = str.maketrans("0123456789+-=()aeijknoprstuvx",
                            "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₙₒₚᵣₛₜᵤᵥₓ")
_SUPERSCRIPTS = str.maketrans("0123456789+-=()in",
                              "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿ")
# Commands whose braced argument is kept as it is (fonts, text, operators).
_KEEP_ARGUMENT = re.compile(
    r"\\(?:mathbf|mathrm|mathit|mathsf|mathtt|mathcal|mathbb|boldsymbol|bm|"
    r"text|textbf|textit|texttt|operatorname|bar|overline|tilde|hat|widehat|"
    r"dot|vec)\s*\{([^{}]*)\}")
_FRAC = re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_SCRIPT = re.compile(r"([_^])(?:\{([^{}]*)\}|(\\[A-Za-z]+|[^\s{}\\]))")


def _script(match: re.Match) -> str:
    kind, braced, single = match.groups()
    body = braced if braced is not None else single
    if kind == "^" and body in ("\\top", "T", "\\intercal"):
        return "ᵀ"
    table, keys = ((_SUBSCRIPTS, "0123456789+-=()aeijknoprstuvx") if kind == "_"
                   else (_SUPERSCRIPTS, "0123456789+-=()in"))
    if body and all(c in keys for c in body):
        return body.translate(table)
    return kind + (body if len(body) == 1 else f"({body})")


def tex_to_text(tex: str) -> str:
    """A TeX formula as plain text: "\\partial L / \\partial p" -> "∂L / ∂p".

    Not a TeX renderer: enough for the formulas of a heading or a search
    snippet to read as the formula (Greek letters and operators as Unicode,
    ``\\frac{a}{b}`` as a/b, simple sub- and superscripts as Unicode digits
    and letters), with no backslash, brace or dollar sign left.
    """
    text = tex.strip()
    for opening, closing in (("\\(", "\\)"), ("\\[", "\\]"), ("$$", "$$"), ("$", "$")):
        if text.startswith(opening) and text.endswith(closing) and len(text) >= 2 * len(opening):
            text = text[len(opening):len(text) - len(closing)].strip()
            break
    text = re.sub(r"\\(?:begin|end|label|tag)\{[^}]*\}", " ", text)
    text = re.sub(r"\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big|displaystyle|"
                  r"textstyle|limits|nolimits)(?![A-Za-z])", "", text)
    text = re.sub(r"\\\\|&", " ", text)
    text = re.sub(r"\\[,;:!> ]", " ", text)
    previous = None
    while previous != text:  # innermost first
        previous = text
        text = _KEEP_ARGUMENT.sub(r"\1", text)
        text = _FRAC.sub(lambda m: f"{_group(m.group(1))}/{_group(m.group(2))}", text)
    text = _SCRIPT.sub(_script, text)
    # A prefix operator binds to what follows ("∂L", "‖w‖"), as TeX sets it.
    text = re.sub(r"\\(partial|nabla|lVert|langle|sqrt)(?![A-Za-z])\s*",
                  lambda m: _SYMBOLS[m.group(1)], text)
    text = re.sub(r"\s*\\(rVert|rangle)(?![A-Za-z])",
                  lambda m: _SYMBOLS[m.group(1)], text)
    text = re.sub(r"\\([A-Za-z]+)",
                  lambda m: _SYMBOLS.get(m.group(1), m.group(1)), text)
    text = re.sub(r"\\([{}%&#_$|])", r"\1", text)
    text = text.replace("{", "").replace("}", "").replace("\\", "")
    text = text.replace("-", "−").replace("~", " ")
    return re.sub(r"\s+", " ", text).strip()


def _group(text: str) -> str:
    text = text.strip()
    return text if re.fullmatch(r"[\w\\]+", text) else f"({text})"


# The HTML of an inline formula, as Sphinx writes it for MathJax.
_MATH_SPAN = re.compile(
    r'<span class="math[^"]*">(.*?)</span>', re.DOTALL)


def html_title_to_text(title: str) -> str:
    """An HTML title with formulas as the same title in plain text (HTML-escaped)."""
    def plain(match: re.Match) -> str:
        return html.escape(tex_to_text(html.unescape(match.group(1))), quote=False)

    return _MATH_SPAN.sub(plain, title)


def node_to_text(node: nodes.Node) -> str:
    """The text of a node, its formulas as plain text."""
    if isinstance(node, nodes.math):
        return tex_to_text(node.astext())
    if isinstance(node, nodes.Text):
        return node.astext()
    return "".join(node_to_text(child) for child in node.children)


def _plain_page_title(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if context.get("title"):
        context["title"] = html_title_to_text(context["title"])


def _plain_search_index(app: Sphinx) -> None:
    builder = app.builder
    if not hasattr(builder, "index_page"):
        return
    index_page = builder.index_page

    def plain_index_page(pagename, doctree, title):
        index_page(pagename, doctree, html_title_to_text(title))
        indexer = builder.indexer
        titles = indexer._all_titles.get(pagename) if indexer is not None else None
        if not titles:
            return
        # The section titles, in the order the indexer collected them (every
        # title node, in document order): their formulas as text.
        plain = [node_to_text(t) for t in doctree.findall(nodes.title)]
        if len(plain) == len(titles):
            indexer._all_titles[pagename] = [
                (text, anchor) for text, (_, anchor) in zip(plain, titles)]

    builder.index_page = plain_index_page


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _plain_page_title)
    # The HTML builder feeds each page to the search indexer through its
    # index_page method: wrap that.
    app.connect("builder-inited", _plain_search_index)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
