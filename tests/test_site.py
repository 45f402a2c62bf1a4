"""The built website, opened in a real browser with no network.

Run with ``make site-test`` (after ``make book``), or
``.venv/bin/python -m pytest -m site tests/test_site.py``.

Headless Chromium (the Debian package ``chromium``, driven by Playwright's
Python package through ``executable_path``: nothing downloads a browser) opens
every page of ``_toc.yml`` from ``_build/html`` over ``file://``, with every
request that is not ``file://`` aborted. For each page it asserts:

* the page loads (its article is there) and nothing tried to reach the
  network;
* no console error and no uncaught JavaScript exception;
* every formula was typeset by MathJax: each math element of the page holds
  MathJax's output (``mjx-container``), there is output wherever the source
  has math, MathJax reported no TeX error or undefined macro, and no raw
  ``$...$``, ``\\(``, ``\\[`` or ``\\begin{...}`` is left in the text;
* every image loaded (``naturalWidth > 0``);
* every internal link points to a file that exists in the built site, and
  its ``#anchor`` to an id in that page.

It saves screenshots of the derivation chapter to ``_build/screenshots/``.

The test is marked ``site``. Without a built site it is skipped, unless it was
asked for (``-m site``), in which case it fails. Without Chromium it fails,
saying how to install it. ``SITE_DIR`` tests another build (default
``_build/html``); ``CHROMIUM`` names another browser binary.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from conftest import toc_files

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("SITE_DIR", ROOT / "_build" / "html")).resolve()
SCREENSHOTS = SITE.parent / "screenshots"
SCREENSHOT_PAGE = "chapters/scalar_derivative"
INSTALL_CHROMIUM = (
    "Chromium is needed for the browser test of the website and was not found "
    "(looked at $CHROMIUM, /usr/bin/chromium and `chromium` on PATH). Install "
    "the Debian package: `sudo apt-get install chromium` (as root: "
    "`apt-get update && apt-get install -y chromium`), or set CHROMIUM to the "
    "path of a Chromium binary."
)


# --------------------------------------------------------------------------
# The pages: every entry of _toc.yml, in reading order
# --------------------------------------------------------------------------


def _docname(entry: str) -> str:
    return re.sub(r"\.(md|ipynb)$", "", entry)


TOC = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
PAGES = list(dict.fromkeys(_docname(e) for e in toc_files(TOC)))
NOTEBOOK_PAGES = [d for d in PAGES if (ROOT / f"{d}.ipynb").is_file()]


def _source_of(docname: str) -> Path | None:
    for suffix in (".ipynb", ".md"):
        path = ROOT / f"{docname}{suffix}"
        if path.exists():
            return path
    return None


# Math in a MyST source: $...$, $$...$$, amsmath environments, {math}.
SOURCE_MATH = re.compile(r"\$[^$\n]+\$|\$\$|\\begin\{|\{math\}|\{eq\}")


def _source_has_math(docname: str) -> bool:
    path = _source_of(docname)
    if path is None:
        return False
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n".join(
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in cells if c["cell_type"] == "markdown"
        )
    else:
        text = path.read_text(encoding="utf-8")
    # Code (fenced or inline) is not math.
    text = re.sub(r"(?ms)^(```|~~~).*?^\1", "", text)
    text = re.sub(r"`[^`\n]*`", "", text)
    return bool(SOURCE_MATH.search(text))


# --------------------------------------------------------------------------
# Fixtures: the built site, the browser
# --------------------------------------------------------------------------

def _asked_for(config) -> bool:
    expr = config.getoption("markexpr") or ""
    return "site" in expr and "not site" not in expr


@pytest.fixture(scope="module")
def site(request) -> Path:
    if not (SITE / "index.html").exists():
        message = (
            f"the website is not built ({SITE}/index.html is missing): run "
            "`make book` first (`make site-test` expects it)"
        )
        if _asked_for(request.config):
            pytest.fail(message)
        pytest.skip(message)
    return SITE


def _chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def browser(site):
    executable = _chromium()
    if executable is None:
        pytest.fail(INSTALL_CHROMIUM, pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - requirements.txt installs it
        pytest.fail("the Python package `playwright` is missing: "
                    "`.venv/bin/python -m pip install -r requirements.txt`")
    args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=args)
        yield browser
        browser.close()


class Visit:
    """One page opened offline: what it logged and what it tried to fetch."""

    def __init__(self, page, url):
        self.page = page
        self.url = url
        self.errors: list[str] = []
        self.blocked: list[str] = []


@pytest.fixture
def visit(browser):
    """Open a page of the site offline, wait until MathJax has finished."""
    opened = []

    def open_page(docname: str, color_scheme: str = "light",
                  viewport: tuple[int, int] = (1280, 900)) -> Visit:
        path = SITE / f"{docname}.html"
        assert path.exists(), f"{docname}: {path} was not built (run `make book`)"
        context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]},
            color_scheme=color_scheme)
        opened.append(context)
        page = context.new_page()
        v = Visit(page, path.as_uri())

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                v.blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: v.errors.append(f"console.{m.type}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: v.errors.append(f"uncaught exception: {e}"))
        page.goto(v.url, wait_until="load", timeout=60_000)
        page.evaluate(WAIT_FOR_PAGE)
        return v

    yield open_page
    for context in opened:
        context.close()


# Wait for MathJax (if the page loads it) to finish typesetting, for the
# fonts, and for every image (lazy ones made eager).
WAIT_FOR_PAGE = """
async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  await document.fonts.ready;
  const imgs = [...document.images];
  imgs.forEach(i => { if (i.loading === 'lazy') i.loading = 'eager'; });
  await Promise.race([
    Promise.all(imgs.map(i => i.complete ? null :
      new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); }))),
    new Promise(r => setTimeout(r, 10000)),
  ]);
}
"""

MATH_REPORT = """
() => {
  const article = document.querySelector('article.bd-article') || document.querySelector('main');
  const maths = [...document.querySelectorAll('.math')];
  const untypeset = maths.filter(m => !m.querySelector('mjx-container'))
                         .map(m => m.textContent.trim().slice(0, 80));
  // MathJax's own record of every formula it typeset: a TeX error becomes an
  // <merror>, an unknown macro (noundefined) its name in a red <mtext>.
  const errors = [], undefinedMacros = [];
  const mj = window.MathJax && MathJax.startup;
  if (mj && mj.document && mj.toMML) {
    for (const item of mj.document.math) {
      const mml = mj.toMML(item.root);
      const err = mml.match(/data-mjx-error="([^"]*)"/);
      if (err || /<merror/.test(mml)) errors.push(`${err ? err[1] : 'error'} in ${item.math.trim().slice(0, 60)}`);
      const undef = mml.match(/<mtext mathcolor="red">(\\\\[^<]*)</);
      if (undef) undefinedMacros.push(undef[1]);
    }
  }
  // Raw TeX left in the text (article, navigation, everything): text nodes
  // outside code and outside MathJax's output, gathered per block element.
  // Code is not prose: nor are API signatures (a default such as
  // ylabel='$J$' is a Python string for matplotlib).
  const skip = 'pre, code, script, style, textarea, mjx-container, .highlight, kbd, .sig, .sig-object';
  const blocks = [...document.body.querySelectorAll(
      'p, li, td, th, dt, dd, h1, h2, h3, h4, h5, h6, figcaption, caption, .admonition-title')];
  const raw = [];
  const pattern = /\\\\begin\\{|\\\\end\\{|\\\\\\(|\\\\\\)|\\\\\\[|\\\\\\]|\\$\\$|\\$[^$\\n]{0,200}[\\\\^_{}][^$\\n]{0,200}\\$/;
  for (const block of blocks) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement && n.parentElement.closest(skip)) continue;
      text += n.textContent;
    }
    const m = text.match(pattern);
    if (m) raw.push(text.slice(Math.max(0, m.index - 30), m.index + 60).replace(/\\s+/g, ' '));
  }
  return {
    maths: maths.length,
    containers: document.querySelectorAll('mjx-container').length,
    untypeset, errors, undefinedMacros, raw,
    mathjaxScripts: [...document.scripts].map(s => s.src).filter(s => /mathjax|tex-chtml/i.test(s)),
    articleText: article ? article.innerText.trim().length : 0,
  };
}
"""

IMAGES = """
() => [...document.images].map(i => ({src: i.currentSrc || i.src, ok: i.complete && i.naturalWidth > 0}))
"""

LINKS = """
() => ({
  hrefs: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
  ids: [...document.querySelectorAll('[id], a[name]')].map(e => e.id || e.getAttribute('name')),
})
"""


@lru_cache(maxsize=None)
def _ids_in(path: Path) -> frozenset[str]:
    html = path.read_text(encoding="utf-8", errors="replace")
    return frozenset(re.findall(r'\s(?:id|name)="([^"]+)"', html))


def _broken_links(docname: str, hrefs: list[str], own_ids: set[str]) -> list[str]:
    """Internal links (relative, or file:// into the site) that lead nowhere."""
    page_path = SITE / f"{docname}.html"
    broken = []
    for href in dict.fromkeys(hrefs):
        parts = urlsplit(href)
        if parts.scheme and parts.scheme != "file":
            continue  # http(s), mailto, javascript: not checked offline
        fragment = unquote(parts.fragment)
        if not parts.path:  # same page
            if fragment and fragment not in own_ids:
                broken.append(f"{href} (no id {fragment!r} on this page)")
            continue
        if parts.scheme == "file":
            target = Path(unquote(parts.path))
        else:
            target = (page_path.parent / unquote(parts.path)).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            broken.append(f"{href} (no file {target})")
        elif fragment and target.suffix == ".html" and fragment not in _ids_in(target):
            broken.append(f"{href} (no id {fragment!r} in {target.name})")
    return broken


# --------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------

def test_the_toc_lists_pages():
    assert PAGES and PAGES[0] == "chapters/intro"


@pytest.mark.parametrize("docname", PAGES)
def test_page_works_offline(site, visit, docname):
    v = visit(docname)
    page = v.page
    problems: list[str] = []

    math = page.evaluate(MATH_REPORT)
    if math["articleText"] == 0:
        problems.append("the page has no article text (did it load?)")
    if v.blocked:
        problems.append(f"tried to reach the network: {v.blocked}")
    problems += v.errors

    # Math: typeset everywhere, by the site's own MathJax.
    if _source_has_math(docname) and math["containers"] == 0:
        problems.append("the source has math but MathJax produced no mjx-container")
    if math["maths"]:
        remote = [s for s in math["mathjaxScripts"] if not s.startswith("file://")]
        if remote or not math["mathjaxScripts"]:
            problems.append(f"MathJax not served by the site: {math['mathjaxScripts']}")
    if math["untypeset"]:
        problems.append(f"{len(math['untypeset'])} math elements not typeset, "
                        f"e.g. {math['untypeset'][:3]}")
    if math["errors"]:
        problems.append(f"MathJax errors: {math['errors'][:5]}")
    if math["undefinedMacros"]:
        problems.append(f"undefined TeX macros: {math['undefinedMacros'][:5]}")
    if math["raw"]:
        problems.append(f"raw TeX in the text: {math['raw'][:5]}")

    # Images.
    bad_images = [i["src"] for i in page.evaluate(IMAGES) if not i["ok"]]
    if bad_images:
        problems.append(f"images that did not load: {bad_images}")

    # Internal links and their anchors.
    links = page.evaluate(LINKS)
    broken = _broken_links(docname, links["hrefs"], set(links["ids"]))
    if broken:
        problems.append(f"broken internal links: {broken}")

    print(f"{docname}: {math['containers']} formulas typeset, "
          f"{len(links['hrefs'])} links")
    assert not problems, f"{docname}.html:\n  " + "\n  ".join(problems)


# Where a sidebar is on screen: its box, and whether the reader can see it.
SIDEBAR = """
(selector) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
  const shown = cs.visibility !== 'hidden' && cs.display !== 'none'
    && r.width > 0 && r.right > 1 && r.left < window.innerWidth - 1;
  return {shown, left: Math.round(r.left), width: Math.round(r.width)};
}
"""
PHONE, DESKTOP = (390, 844), (1280, 800)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("docname", PAGES)
def test_sidebar_buttons_open_what_they_name(site, visit, docname, viewport):
    """The visible "Toggle primary sidebar" button opens the chapter list on
    a phone and closes it on a desktop; a visible "Toggle secondary sidebar"
    button opens the page's contents. (With sphinx-book-theme 1.3 and
    pydata-sphinx-theme 0.17 neither did anything: the theme wired a hidden
    copy of each button. requirements.in pins a pair that works.)"""
    v = visit(docname, viewport=viewport)
    page = v.page
    toggles = page.locator(".primary-toggle:visible")
    assert toggles.count() == 1, f"{docname}: no visible primary-sidebar button"
    before = page.evaluate(SIDEBAR, ".bd-sidebar-primary")
    assert before["shown"] == (viewport == DESKTOP), (docname, before)
    toggles.first.click()
    page.wait_for_timeout(400)  # the theme's slide-in transition
    after = page.evaluate(SIDEBAR, ".bd-sidebar-primary")
    assert after["shown"] != before["shown"], (
        f"{docname} at {viewport}: the primary-sidebar button did nothing "
        f"(sidebar {before} before the click, {after} after)")
    if viewport == PHONE:
        assert after["left"] >= 0 and page.locator(
            ".bd-sidebar-primary a.reference:visible").count() > 0, after
        page.keyboard.press("Escape")
        page.wait_for_timeout(400)
    secondary = page.locator(".secondary-toggle:visible")
    if secondary.count():  # phones only: desktops show the contents anyway
        assert not page.evaluate(SIDEBAR, ".bd-sidebar-secondary")["shown"]
        secondary.first.click()
        page.wait_for_timeout(400)
        opened = page.evaluate(SIDEBAR, ".bd-sidebar-secondary")
        assert opened["shown"], (
            f"{docname}: the secondary-sidebar button did nothing ({opened})")
    assert not v.errors, v.errors


# What keeps a page from fitting a phone: the page wider than the screen,
# and inline formulas cut off (wider than their box, which cannot scroll).
PHONE_FIT = """
() => {
  const W = document.documentElement.clientWidth;
  const clipped = [];
  for (const span of document.querySelectorAll('.bd-content span.math')) {
    const box = span.querySelector('mjx-container') || span;
    const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
    const cut = box.scrollWidth > box.clientWidth + 1 && !scrolls;
    const r = span.getBoundingClientRect();
    let scroller = span.parentElement;  // an ancestor that can scroll it
    while (scroller && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)) {
      scroller = scroller.parentElement;
    }
    if (cut || (r.right > W + 1 && !scroller)) {
      clipped.push(span.textContent.trim().slice(0, 60));
    }
  }
  return {overflow: document.documentElement.scrollWidth - W, clipped};
}
"""


@pytest.mark.parametrize("docname", PAGES + ["genindex"])
def test_page_fits_a_phone(site, visit, docname):
    """At 390 px no page is wider than the screen and no inline formula is
    cut off: a formula wider than the column scrolls (it used to be clipped,
    19 formulas on 9 pages; api was 134 px too wide, genindex 88 px)."""
    v = visit(docname, viewport=PHONE)
    report = v.page.evaluate(PHONE_FIT)
    assert report["overflow"] <= 0, (
        f"{docname} is {report['overflow']} px wider than a phone")
    assert not report["clipped"], (
        f"{docname}: inline formulas cut off at 390 px: {report['clipped'][:5]}")


@pytest.mark.parametrize("docname", NOTEBOOK_PAGES)
def test_code_fits_a_printed_page(site, visit, docname):
    """Printed (A4 width), code and outputs wrap at the margin instead of
    being cut at the box edge (132 code blocks used to overflow)."""
    v = visit(docname, viewport=(794, 1123))
    v.page.emulate_media(media="print")
    cut = v.page.evaluate("""() => [...document.querySelectorAll('.bd-content pre')]
        .filter(p => p.scrollWidth > p.clientWidth + 1)
        .map(p => p.textContent.split('\\n').find(l => l.length > 60) || '')""")
    assert not cut, f"{docname}: {len(cut)} code blocks cut in print: {cut[:3]}"


@pytest.mark.parametrize("docname", PAGES)
def test_display_formulas_fit_a_printed_page(site, visit, docname):
    """Printed (A4 width), no display formula runs past its column: on paper
    nothing scrolls (four of the API reference's formulas were cut)."""
    v = visit(docname, viewport=(794, 1123))
    v.page.emulate_media(media="print")
    cut = v.page.evaluate("""() => [...document.querySelectorAll('.bd-content div.math')]
        .filter(d => { const m = d.querySelector('mjx-container');
                       return m && m.scrollWidth > d.clientWidth + 1; })
        .map(d => d.textContent.trim().slice(0, 60))""")
    assert not cut, f"{docname}: {len(cut)} display formulas cut in print: {cut[:3]}"


def test_screenshot_of_the_derivation(site, visit):
    """Screenshots for a person to look at: the derivation, light and dark."""
    if SCREENSHOT_PAGE not in PAGES:
        pytest.skip(f"{SCREENSHOT_PAGE} is not in _toc.yml yet")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = SCREENSHOT_PAGE.rsplit("/", 1)[-1]
    v = visit(SCREENSHOT_PAGE)
    v.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    first_equation = v.page.locator("div.math").first
    if first_equation.count():
        first_equation.scroll_into_view_if_needed()
        first_equation.screenshot(path=str(SCREENSHOTS / f"{name}_equation.png"))
    dark = visit(SCREENSHOT_PAGE, color_scheme="dark")
    assert dark.page.evaluate("document.documentElement.dataset.theme") == "dark"
    dark.page.screenshot(path=str(SCREENSHOTS / f"{name}_dark.png"))
    assert (SCREENSHOTS / f"{name}.png").stat().st_size > 10_000
    assert v.page.locator("mjx-container").count() > 0



@pytest.mark.parametrize("docname", NOTEBOOK_PAGES)
def test_figures_say_what_they_show(site, docname):
    """Every figure of a chapter has alt text of a sentence, not its file name.

    The notebook's cell metadata holds it (tests/test_book.py checks that);
    this checks that it reaches the page a screen reader reads.
    """
    html = (SITE / f"{docname}.html").read_text(encoding="utf-8")
    figures = [tag for tag in re.findall(r"<img\b[^>]*>", html) if "_images/" in tag]
    for tag in figures:
        src = re.search(r'src="([^"]*)"', tag).group(1)
        alt = re.search(r'alt="([^"]*)"', tag)
        assert alt, f"{docname}: figure {src} has no alt attribute"
        text = alt.group(1)
        assert len(text.split()) >= 12, f"{docname}: figure {src} alt is {text!r}"
        assert Path(src).name not in text and not re.search(r"[0-9a-f]{16}", text), (
            f"{docname}: the alt text of {src} is its file name")


@pytest.mark.parametrize("docname", NOTEBOOK_PAGES)
def test_notebook_downloads(site, docname):
    """The download menu offers .ipynb, .md and .pdf; the files are there."""
    html = (SITE / f"{docname}.html").read_text(encoding="utf-8")
    name = Path(docname).name
    for suffix in (".ipynb", ".md"):
        assert f'_sources/chapters/{name}{suffix}"' in html, f"no {suffix} download"
    assert "window.print()" in html, "no print-to-PDF button"
    notebook = json.loads((SITE / "_sources" / f"{docname}.ipynb").read_text("utf-8"))
    markdown = (SITE / "_sources" / f"{docname}.md").read_text(encoding="utf-8")
    # the Markdown copy holds every cell of the notebook, in order
    position = 0
    for cell in notebook["cells"]:
        source = "".join(cell["source"]).strip()
        if not source:
            continue
        found = markdown.find(source, position)
        assert found >= 0, f"cell missing or out of order in {name}.md: {source[:60]!r}"
        position = found + len(source)
    assert markdown.count("```{code-cell}") == sum(
        c["cell_type"] == "code" for c in notebook["cells"]
    )


def test_citations_match_bibliography_labels(site):
    """Every citation in a chapter reads like a label of the bibliography.

    The chapters cite "(Bishop, 2006)" (author_year); the bibliography page
    labels its entries the same way (_ext/bib_style.py), not "[Bis06]".
    """
    bib = (SITE / "chapters" / "bibliography.html").read_text(encoding="utf-8")
    labels = {
        re.sub(r"<[^>]+>", "", m).strip()
        for m in re.findall(
            r'class="label"><span class="fn-bracket">\[</span>(.*?)'
            r'<span class="fn-bracket">\]</span>', bib)
    }
    assert len(labels) >= 10, labels
    assert all(re.fullmatch(r"[^\d\[\]]+, \d{4}[a-z]?", label) for label in labels), labels
    cited = set()
    for page in PAGES:
        html = (SITE / f"{page}.html").read_text(encoding="utf-8")
        for link in re.findall(r'<a class="reference internal" '
                               r'href="bibliography\.html#[^"]*"[^>]*>(.*?)</a>', html):
            cited.add(re.sub(r"<[^>]+>", "", link).replace("\u2019", "'").strip())
    assert cited, "no citation links found"
    assert cited <= labels, sorted(cited - labels)


def test_api_reference_reads_like_its_docstrings(site):
    """Type hints show ``ArrayLike``, not its expansion into NumPy's private
    protocols (``_SupportsArray``, ``_NestedSequence``, ...), and in every
    entry "Parameters" comes before "Returns" (autodoc used to append a
    second parameter list, after the returns, where a docstring had none)."""
    html = (site / "chapters" / "api.html").read_text(encoding="utf-8")
    leaked = sorted(set(re.findall(r"_(?:SupportsArray|NestedSequence|Buffer)\b", html)))
    assert not leaked, f"api.html shows NumPy's private types: {leaked}"
    # one entry: from its <dl class="py ..."> to the next entry or section
    entries = [e for e in re.split(r'<dl class="py \w+">|<section ', html)[1:]
               if e.lstrip().startswith("<dt class=\"sig")]
    assert len(entries) > 30
    for entry in entries:
        found = re.search(r'id="([^"]+)"', entry.split(">", 1)[0])
        name = found.group(1) if found else entry[:80]
        fields = re.findall(r'<dt class="field-(?:odd|even)">(\w[\w ]*)<', entry)
        if "Parameters" in fields and "Returns" in fields:
            assert fields.index("Parameters") < fields.index("Returns"), (
                name, fields)
            assert fields.count("Parameters") == 1, (name, fields)


# --------------------------------------------------------------------------
# Accessibility: axe-core on every page, at desktop and phone widths
# --------------------------------------------------------------------------

# axe-core from the npm registry, vendored with its licences (see
# tests/vendor/axe-core/README.md); never fetched while the test runs.
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
AXE_PAGES = PAGES + ["genindex", "search"]
AXE_RUN = """
async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                             why: n.failureSummary.replace(/\\s+/g, ' ').slice(0, 240)})),
  }));
}
"""


@lru_cache(maxsize=1)
def _axe_source() -> str:
    import hashlib

    data = AXE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == AXE_SHA256, (
        f"{AXE} is not the vendored axe-core 4.14.1 (see its README.md)")
    return data.decode("utf-8")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("docname", AXE_PAGES)
def test_no_accessibility_violation(site, visit, docname, viewport):
    """axe-core (WCAG 2 A/AA rules and best practices) finds no violation
    of any impact, light mode. Before the fixes, over 20 chapters, the
    general index and the search page at 1280 x 800: 1 critical
    (aria-required-children, the bibliography), 178 serious (145
    label-content-name-mismatch: the search field, the colour-mode button,
    MyST-NB's "Show code cell source"; 33 color-contrast: links on exercise
    boxes and striped table rows), 22 moderate (region: the sidebar's logo),
    28 minor (the deprecated doc-biblioentry role; empty table headers); at
    390 x 844: 1 critical, 156 serious, 28 minor. The last 4 minor ones
    (empty-table-header: a table corner, a DataFrame's index, two headers
    that held only a formula, which axe reads as empty) went next."""
    v = visit(docname, viewport=viewport)
    v.page.add_script_tag(content=_axe_source())
    violations = v.page.evaluate(AXE_RUN)
    counts = {}
    for violation in violations:
        counts[violation["impact"]] = counts.get(violation["impact"], 0) + len(violation["nodes"])
    print(f"{docname} {viewport}: axe violations by impact {counts}")
    found = [
        f"{x['impact']} {x['id']} ({x['help']}): {len(x['nodes'])} nodes, e.g. "
        f"{x['nodes'][0]['html']} -- {x['nodes'][0]['why']}"
        for x in violations]
    assert not found, f"{docname} at {viewport}:\n  " + "\n  ".join(found)


# --------------------------------------------------------------------------
# Titles and search results as plain text
# --------------------------------------------------------------------------

# TeX that must not reach a reader as text: delimiters, commands, scripts.
RAW_TEX = re.compile(r"\\[()\[\]]|\\[A-Za-z]+|\$[^$]*\$|\{[^{}]*\}|[_^]\{")


def _search_index() -> dict:
    text = (SITE / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


def test_titles_are_plain_text(site):
    """No raw TeX in any page's <title> (the tab and the bookmark), nor in
    the titles of the search index (pages and sections). Chapter 3's tab read
    "The derivative of one sample's loss: \\(p - y\\) — ..."."""
    bad = []
    for html_file in sorted(site.rglob("*.html")):
        if "_static" in html_file.parts or "_mathjax" in html_file.parts:
            continue
        found = re.search(r"<title>(.*?)</title>", html_file.read_text(encoding="utf-8"), re.S)
        if found and RAW_TEX.search(found.group(1)):
            bad.append(f"{html_file.relative_to(site)}: <title>{found.group(1).strip()}")
    index = _search_index()
    bad += [f"searchindex title: {t}" for t in index["titles"] if RAW_TEX.search(re.sub(r"<[^>]+>", "", t))]
    bad += [f"searchindex section title: {t}" for t in index["alltitles"] if RAW_TEX.search(t)]
    assert not bad, "\n".join(bad)
    assert any("p − y" in t for t in index["titles"]), index["titles"]


# The formula-to-text rules live twice: _ext/plain_text.py (tab titles and
# the search index, at build time) and _static/search_plain_text.js (the
# search snippets, in the browser). This keeps the twins in step.
TWIN_CASES = [
    r"\partial L / \partial p", r"p - y", r"F_1", r"x_{ij}^2", r"w^\top x",
    r"\frac{\partial J}{\partial w}", r"\dfrac{a+b}{c}", r"\sigma(z)\,(1 - \sigma(z))",
    r"\lVert w \rVert_2^2", r"\mathbb{E}[y]", r"\operatorname{softplus}(z)",
    r"\left( \frac{1}{n} \right)", r"\begin{aligned} a &= b \\ c &= d \end{aligned}",
    r"\langle x, y \rangle", r"\hat{p}_{i}", r"\sum_{i=1}^{n} \ell_i", r"\lambda \ge 0",
    r"\(p - y\)", r"$y \in \{0, 1\}$", r"10^{-16}", r"\text{BCE}(y, p)", r"e^{-|z|}",
]


def test_formula_text_twins_agree(site, visit):
    """texToText in the browser gives the same text as tex_to_text at build
    time, on every inline formula of the site and on the cases above (before
    this test the two were kept in step by hand)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("plain_text", ROOT / "_ext" / "plain_text.py")
    plain_text = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plain_text)
    tex_to_text = plain_text.tex_to_text
    formulas = set(TWIN_CASES)
    for html_file in site.rglob("*.html"):
        if "_static" in html_file.parts:
            continue
        text = html_file.read_text(encoding="utf-8")
        formulas.update(html.unescape(re.sub(r"<[^>]+>", "", m)) for m in
                        re.findall(r'<span class="math notranslate[^"]*">(.*?)</span>',
                                   text, re.S))
    formulas = sorted(formulas)
    page = visit("chapters/intro").page
    in_browser = page.evaluate("texts => texts.map(t => window.bceTexToText(t))", formulas)
    differ = [f"{t!r}: build {tex_to_text(t)!r}, browser {b!r}"
              for t, b in zip(formulas, in_browser) if tex_to_text(t) != b]
    print(f"{len(formulas)} formulas compared")
    assert len(formulas) > 200
    assert not differ, "\n".join(differ[:20])


@pytest.fixture(scope="module")
def http_site(site):
    """The built site over http on 127.0.0.1 (a port of this machine): the
    search page fetches each result's page for its snippet, which a browser
    refuses over file://."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _print_toc_runs(docname: str) -> list[str]:
    """Text that only the print-only table of contents holds: "Contents"
    and its first entry, and each pair of consecutive entries."""
    html = (SITE / f"{docname}.html").read_text(encoding="utf-8")
    found = re.search(r'<div id="jb-print-toc">(.*?)</nav>', html, re.S)
    if not found:
        return []
    entries = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", e)).strip()
               for e in re.findall(r"<li[^>]*>(.*?)</li>", found.group(1), re.S)]
    entries = [e.split(" ", 1)[-1] if re.match(r"[\d.]+ ", e) else e for e in entries]
    runs = [f"Contents {entries[0]}"] if entries else []
    return runs + [f"{a} {b}" for a, b in zip(entries, entries[1:])]


SEARCH_RESULTS = """
async () => {
  const deadline = Date.now() + 20000;
  const done = () => /Search finished|did not match/.test(
      (document.querySelector('#search-results .search-summary, #search-results p') || {}).textContent || '');
  while (!done() && Date.now() < deadline) await new Promise(r => setTimeout(r, 100));
  await new Promise(r => setTimeout(r, 1500));  // snippets arrive after the list
  return [...document.querySelectorAll('#search-results ul.search li')].map(li => ({
    href: li.querySelector('a').getAttribute('href'),
    title: li.querySelector('a').textContent,
    snippet: (li.querySelector('p.context') || {}).textContent || null,
  }));
}
"""


def _search(browser, url: str, allowed: tuple, settle_ms: int = 0):
    """Open a search page at desktop size, loading only URLs that start with
    one of ``allowed``; return its results and the console errors logged."""
    context = browser.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]})
    try:
        page = context.new_page()
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.route("**/*", lambda r: r.continue_()
                   if r.request.url.startswith(allowed) else r.abort())
        page.goto(url, wait_until="load")
        results = page.evaluate(SEARCH_RESULTS)
        if settle_ms:
            page.wait_for_timeout(settle_ms)
    finally:
        context.close()
    return results, errors


@pytest.mark.parametrize("query", ["partial", "hessian", "derivative sigmoid"])
def test_search_results_are_plain_text(site, browser, http_site, query):
    """Search results show titles and snippets as text: no TeX source of a
    formula (they quoted "\\(\\partial L / \\partial p\\)") and nothing of the
    hidden print-only table of contents ("... separable data Contents ...")."""
    results, errors = _search(browser, f"{http_site}/search.html?q={query.replace(' ', '+')}",
                              allowed=(http_site, "file://"))
    assert results, f"no search results for {query!r}"
    with_snippet = [r for r in results if r["snippet"]]
    assert len(with_snippet) >= len(results) // 2, results
    problems = []
    for r in results:
        if RAW_TEX.search(r["title"]):
            problems.append(f"title {r['title']!r}")
        snippet = re.sub(r"\s+", " ", r["snippet"] or "")
        if RAW_TEX.search(snippet):
            problems.append(f"TeX in the snippet of {r['href']}: {snippet[:160]!r}")
        docname = re.sub(r"\.html.*$", "", r["href"])
        for run in _print_toc_runs(docname):
            if run in snippet:
                problems.append(f"print-only contents in the snippet of {r['href']}: {run!r}")
                break
    print(f"{query!r}: {len(results)} results, {len(with_snippet)} with snippets")
    assert not problems, "\n".join(problems)
    assert not errors, errors


def test_search_over_file_lists_results_without_errors(site, browser):
    """Opened from disk (file://), the search page lists its results and logs
    no error: the browser refuses the per-result fetch that a snippet needs,
    so there are no snippets there (it logged 15-16 "Failed to fetch")."""
    results, errors = _search(browser, (SITE / "search.html").as_uri() + "?q=hessian",
                              allowed=("file://",),
                              settle_ms=500)  # a refused fetch reports after the list
    assert len(results) >= 5, results
    assert not errors, errors[:3]


# --------------------------------------------------------------------------
# Tidy chrome: one search field, the sidebar's head and current entry in
# view, punctuation kept with its formula, downloads that download
# --------------------------------------------------------------------------

CHROME = """
() => {
  const visible = e => { const r = e.getBoundingClientRect(), cs = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden'; };
  const header = document.querySelector('.bd-header-article');
  return {
    searchFields: [...document.querySelectorAll('.search-button-field')].filter(visible).length,
    headerTop: header ? Math.round(header.getBoundingClientRect().top) : null,
    bdHeader: Math.round((document.querySelector('header.bd-header') || {getBoundingClientRect: () => ({height: 0})}).getBoundingClientRect().height),
  };
}
"""


@pytest.mark.parametrize("docname", ["chapters/intro", "chapters/api", "search"])
def test_one_search_field_on_desktop(site, visit, docname):
    """On a desktop there is one search field (in the sidebar) and nothing
    above the book's header: no second "Search Ctrl+K" bar (64 px, with
    pydata-sphinx-theme 0.17)."""
    report = visit(docname, viewport=DESKTOP).page.evaluate(CHROME)
    assert report["searchFields"] == 1, report
    assert report["bdHeader"] == 0 and report["headerTop"] == 0, report


# The primary sidebar (or the phone's dialog): is its head (logo) in view,
# and the current page's entry, below the head?
SIDEBAR_VIEW = """
(selector) => {
  const box = document.querySelector(selector);
  const b = box.getBoundingClientRect();
  const logo = box.querySelector('.navbar-brand img:not([style*="none"])') || box.querySelector('.navbar-brand');
  const head = box.querySelector('.bce-sidebar-head') || logo;
  const active = box.querySelectorAll('.bd-docs-nav li.current > a, .bd-docs-nav li.active > a');
  const entry = active[active.length - 1];
  const l = logo.getBoundingClientRect(), h = head.getBoundingClientRect();
  const e = entry ? entry.getBoundingClientRect() : null;
  const top = Math.max(b.top, h.bottom) - 1;
  return {
    scrollTop: Math.round(box.scrollTop),
    logoVisible: l.top >= b.top - 1 && l.bottom <= b.bottom + 1 && l.height > 0,
    logoTop: Math.round(l.top - b.top),
    entry: entry ? entry.textContent.trim().slice(0, 40) : null,
    entryVisible: !!e && e.top >= top && e.bottom <= b.bottom + 1,
    entryTop: e ? Math.round(e.top - b.top) : null,
  };
}
"""


@pytest.mark.parametrize("docname", PAGES)
def test_sidebar_shows_logo_and_current_entry(site, visit, docname):
    """The chapter list opens with the logo and title in view and the current
    page's entry visible: on a first visit, after following a link from a
    page whose list was scrolled to the top (the theme restored that
    position: api's entry was off screen), and in the phone's drawer. The
    list used to open scrolled by up to 592 px, cutting the logo."""
    problems = []
    v = visit(docname, viewport=DESKTOP)
    page = v.page
    first = page.evaluate(SIDEBAR_VIEW, "#pst-primary-sidebar")
    # The same tab, coming from the first page, whose list is at the top:
    # the theme restores the scroll position it stored when leaving it.
    came = visit(PAGES[0], viewport=DESKTOP).page
    came.goto(v.url, wait_until="load")
    came.wait_for_timeout(300)
    followed = came.evaluate(SIDEBAR_VIEW, "#pst-primary-sidebar")
    phone = visit(docname, viewport=PHONE).page
    phone.locator(".primary-toggle:visible").first.click()
    phone.wait_for_timeout(400)
    drawer = phone.evaluate(SIDEBAR_VIEW, "#pst-primary-sidebar-modal")
    for name, view in (("first visit", first), ("after a link", followed), ("phone", drawer)):
        if not view["logoVisible"]:
            problems.append(f"{name}: the logo is cut ({view})")
        if not view["entryVisible"]:
            problems.append(f"{name}: the current entry is off screen ({view})")
    assert not problems, f"{docname}:\n  " + "\n  ".join(problems)


# Inline formulas directly followed by punctuation: is the punctuation on
# the formula's line, at every width from 320 to 440 px?
LONE_PUNCTUATION = """
async () => {
  const lone = new Map();  // formula -> the first width where it happens
  const spans = [...document.querySelectorAll('.bd-content span.math')].filter(s =>
    s.nextSibling && s.nextSibling.nodeType === 3 && /^[.,;:!?)]/.test(s.nextSibling.textContent));
  for (let width = 320; width <= 440; width += 4) {
    document.documentElement.style.width = width + 'px';
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (const span of spans) {
      const range = document.createRange();
      range.setStart(span.nextSibling, 0); range.setEnd(span.nextSibling, 1);
      const p = range.getBoundingClientRect(), m = span.getBoundingClientRect();
      const key = span.textContent.trim().slice(0, 40) + span.nextSibling.textContent[0];
      if (m.width && p.top >= m.bottom - 2 && !lone.has(key)) lone.set(key, width);
    }
  }
  document.documentElement.style.width = '';
  return {spans: spans.length, lone: [...lone].map(([k, w]) => `${k} (at ${w} px)`)};
}
"""


@pytest.mark.parametrize("docname", PAGES)
def test_punctuation_stays_with_its_formula(site, visit, docname):
    """A "." or "," right after an inline formula never starts a line, at
    any phone width from 320 to 440 px (it did after 537 formulas on 18
    pages: the theme's inline-flex formula box allowed a break before it)."""
    report = visit(docname, viewport=PHONE).page.evaluate(LONE_PUNCTUATION)
    assert not report["lone"], (
        f"{docname}: punctuation alone at the start of a line after "
        f"{len(report['lone'])} formulas: {report['lone'][:5]}")


@pytest.mark.parametrize("docname", NOTEBOOK_PAGES)
def test_downloads_download(site, visit, docname):
    """The download menu's .ipynb and .md links save the file (a `download`
    attribute naming it) instead of opening it as text in a new tab."""
    html = (SITE / f"{docname}.html").read_text(encoding="utf-8")
    name = Path(docname).name
    for suffix in (".ipynb", ".md"):
        links = re.findall(rf'<a href="[^"]*_sources/chapters/{name}{suffix}"[^>]*>', html)
        assert links, f"no {suffix} link"
        for link in links:
            assert f'download="{name}{suffix}"' in link, link
            assert 'target="_blank"' not in link, link


# --------------------------------------------------------------------------
# Chinese: the source's quotes are marked as Chinese and have a font
# --------------------------------------------------------------------------

CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")
CJK_FONT = "Noto Sans SC (course subset)"


def _chinese_pages() -> dict[str, str]:
    pages = {}
    for docname in PAGES:
        html = (SITE / f"{docname}.html").read_text(encoding="utf-8")
        if CJK.search(re.sub(r"<script\b.*?</script>", "", html, flags=re.S)):
            pages[docname] = html
    return pages


def test_chinese_text_is_marked_as_chinese(site):
    """Every CJK character of a page's text sits in a lang="zh-Hans" span
    (_ext/cjk_lang.py), so a screen reader and the browser's font choice know
    the language (before: the quotes of source_audit had no lang at all)."""
    pages = _chinese_pages()
    assert "chapters/source_audit" in pages, "the source's quotes are gone?"
    for docname, html in pages.items():
        text = re.sub(r"<script\b.*?</script>|<title>.*?</title>", "", html, flags=re.S)
        left = re.sub(r'<span lang="zh-Hans">.*?</span>', "", text, flags=re.S)
        stray = CJK.findall(re.sub(r"<[^>]+>", "", left))
        assert not stray, f"{docname}: Chinese outside lang='zh-Hans': {''.join(stray[:20])}"


def test_the_site_ships_a_font_for_every_chinese_character(site):
    """_static/cjk-font.css (tools/make_cjk_font.py) holds a glyph for every
    CJK character on the site, inlined, so no request leaves the site."""
    import base64
    import io

    from fontTools.ttLib import TTFont

    css = (SITE / "_static" / "cjk-font.css").read_text(encoding="utf-8")
    urls = re.findall(r"url\(([^)]{0,40})", css)
    assert urls and all(u.startswith("data:font/woff;base64,") for u in urls), urls[:3]
    glyphs = set()
    for data in re.findall(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", css):
        font = TTFont(io.BytesIO(base64.b64decode(data)))
        glyphs |= set(font.getBestCmap())
    used = {ch for html in _chinese_pages().values()
            for ch in CJK.findall(re.sub(r"<script\b.*?</script>", "", html, flags=re.S))}
    missing = sorted(ch for ch in used if ord(ch) not in glyphs)
    assert not missing, (
        f"no glyph for {''.join(missing)}: run tools/make_cjk_font.py")
    assert (ROOT / "_static" / "fonts" / "OFL-noto-sans-sc.txt").is_file()


def test_chinese_quotes_render_in_the_shipped_font(site, visit):
    """Over file://, offline, the quotes of source_audit are drawn with the
    shipped font: it is loaded, and it is the font of a quote."""
    v = visit("chapters/source_audit")
    report = v.page.evaluate("""async (family) => {
        await document.fonts.ready;
        const span = document.querySelector('span[lang="zh-Hans"]');
        const loaded = [...document.fonts].filter(
            f => f.family.replace(/"/g, '') === family && f.status === 'loaded').length;
        return {loaded, font: span && getComputedStyle(span).fontFamily,
                check: document.fonts.check(`16px "${family}"`, span ? span.textContent : '')};
    }""", CJK_FONT)
    assert report["font"] and CJK_FONT in report["font"], report
    assert report["loaded"] > 0 and report["check"], report
    assert not v.blocked and not v.errors, (v.blocked, v.errors)


@pytest.mark.parametrize("docname", NOTEBOOK_PAGES)
def test_numbers_name_one_kind_of_thing(site, docname):
    """A chapter's number heads its title; its sections carry none, so "3.1"
    on a page is an equation "(3.1)" or "Exercise 3.1", never also section
    3.1 (all three used to read 3.1: _toc.yml now numbers chapters only)."""
    html = (SITE / f"{docname}.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    sections = re.findall(r"<h[2-6][^>]*>\s*<span class=\"section-number\">([^<]*)", article)
    assert not sections, f"{docname}: numbered sections {sections[:3]}"
    numbered = {_docname(c["file"]) for part in TOC["parts"] if part.get("numbered")
                for c in part["chapters"]}
    title = re.search(r"<h1[^>]*>\s*<span class=\"section-number\">(\d+)\.\s*</span>", article)
    assert bool(title) == (docname in numbered), (
        f"{docname}: the title should be numbered only in a numbered part")
