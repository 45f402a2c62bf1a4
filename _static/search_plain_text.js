/* Search-result snippets as plain text (the search page only).
 *
 * Sphinx's search page cuts each result's snippet from the text of the
 * page's HTML, where a formula is still its TeX source ("\(\partial L /
 * \partial p\)") and where sphinx-book-theme keeps a print-only table of
 * contents (#jb-print-docs-body: "... separable data Contents ..."). This
 * wraps Search.htmlToText: the print-only parts are dropped and every formula
 * becomes readable text ("∂L / ∂p") before the snippet is cut. texToText is
 * the twin of tex_to_text in _ext/plain_text.py, which does the same for the
 * tab titles and the search index; test_formula_text_twins_agree in
 * tests/test_site.py fails when the two give different text.
 */
(function () {
  "use strict";

  const SYMBOLS = {
    alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε",
    varepsilon: "ε", zeta: "ζ", eta: "η", theta: "θ", kappa: "κ",
    lambda: "λ", mu: "μ", nu: "ν", xi: "ξ", pi: "π", rho: "ρ", sigma: "σ",
    tau: "τ", phi: "φ", varphi: "φ", chi: "χ", psi: "ψ", omega: "ω",
    Gamma: "Γ", Delta: "Δ", Theta: "Θ", Lambda: "Λ", Sigma: "Σ", Phi: "Φ",
    Psi: "Ψ", Omega: "Ω", ell: "ℓ", partial: "∂", nabla: "∇", infty: "∞",
    sum: "∑", prod: "∏", int: "∫", times: "×", cdot: "·", circ: "∘",
    odot: "⊙", pm: "±", mp: "∓", le: "≤", leq: "≤", ge: "≥", geq: "≥",
    ne: "≠", neq: "≠", approx: "≈", sim: "∼", gtrsim: "≳", lesssim: "≲",
    in: "∈", notin: "∉", to: "→", rightarrow: "→", leftarrow: "←",
    mapsto: "↦", succeq: "⪰", preceq: "⪯", top: "ᵀ", star: "⋆", dots: "…",
    ldots: "…", cdots: "⋯", Vert: "‖", lVert: "‖", rVert: "‖", vert: "|",
    lvert: "|", rvert: "|", langle: "⟨", rangle: "⟩", quad: " ", qquad: " ",
    sqrt: "√", R: "ℝ", E: "𝔼",
  };
  const SUB = ["0123456789+-=()aeijknoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₙₒₚᵣₛₜᵤᵥₓ"];
  const SUP = ["0123456789+-=()in", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿ"];
  const KEEP = /\\(?:mathbf|mathrm|mathit|mathsf|mathtt|mathcal|mathbb|boldsymbol|bm|text|textbf|textit|texttt|operatorname|bar|overline|tilde|hat|widehat|dot|vec)\s*\{([^{}]*)\}/g;
  const FRAC = /\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g;
  const group = (t) => (/^[\w\\]+$/.test(t.trim()) ? t.trim() : `(${t.trim()})`);

  function script(_, kind, braced, single) {
    const body = braced !== undefined ? braced : single;
    if (kind === "^" && ["\\top", "T", "\\intercal"].includes(body)) return "ᵀ";
    const [keys, values] = kind === "_" ? SUB : SUP;
    const chars = [...values];
    if (body && [...body].every((c) => keys.includes(c))) {
      return [...body].map((c) => chars[keys.indexOf(c)]).join("");
    }
    return kind + (body.length === 1 ? body : `(${body})`);
  }

  function texToText(tex) {
    let text = tex.trim();
    for (const [o, c] of [["\\(", "\\)"], ["\\[", "\\]"], ["$$", "$$"], ["$", "$"]]) {
      if (text.startsWith(o) && text.endsWith(c) && text.length >= 2 * o.length) {
        text = text.slice(o.length, text.length - c.length).trim();
        break;
      }
    }
    text = text.replace(/\\begin\{[^}]*\}|\\end\{[^}]*\}|\\label\{[^}]*\}|\\tag\{[^}]*\}/g, " ");
    text = text.replace(/\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big|displaystyle|textstyle|limits|nolimits)(?![A-Za-z])/g, "");
    text = text.replace(/\\\\|&/g, " ").replace(/\\[,;:!> ]/g, " ");
    let previous = null;
    while (previous !== text) {
      previous = text;
      text = text.replace(KEEP, "$1").replace(FRAC, (_, a, b) => `${group(a)}/${group(b)}`);
    }
    text = text.replace(/([_^])(?:\{([^{}]*)\}|(\\[A-Za-z]+|[^\s{}\\]))/g, script);
    text = text.replace(/\\(partial|nabla|lVert|langle|sqrt)(?![A-Za-z])\s*/g, (_, n) => SYMBOLS[n]);
    text = text.replace(/\s*\\(rVert|rangle)(?![A-Za-z])/g, (_, n) => SYMBOLS[n]);
    text = text.replace(/\\([A-Za-z]+)/g, (_, n) => (n in SYMBOLS ? SYMBOLS[n] : n));
    text = text.replace(/\\([{}%&#_$|])/g, "$1").replace(/[{}\\]/g, "");
    return text.replace(/-/g, "−").replace(/~/g, " ").replace(/\s+/g, " ").trim();
  }
  window.bceTexToText = texToText;

  function wrap() {
    // Over file:// the browser refuses the fetch of each result's page that
    // a snippet is cut from ("Failed to fetch", one console error per
    // result): there, list the results without snippets instead.
    if (location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS !== "undefined") {
      DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
    }
    if (typeof Search === "undefined" || !Search.htmlToText || Search._bcePlainText) return;
    const htmlToText = Search.htmlToText;
    Search.htmlToText = (htmlString, anchor) => {
      const doc = new DOMParser().parseFromString(htmlString, "text/html");
      doc.querySelectorAll("#jb-print-docs-body, .onlyprint, mjx-container")
        .forEach((el) => el.remove());
      doc.querySelectorAll(".math").forEach((el) => {
        el.textContent = ` ${texToText(el.textContent)} `;
      });
      return htmlToText(doc.documentElement.outerHTML, anchor).replace(/\s+/g, " ");
    };
    Search._bcePlainText = true;
  }

  // searchtools.js comes after this file and starts searching on
  // DOMContentLoaded, after this listener.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wrap);
  } else {
    wrap();
  }
})();
