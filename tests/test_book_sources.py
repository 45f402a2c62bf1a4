"""Each chapter prints the functions it builds, and only that chapter does.

A chapter that introduces a function of ``bce`` prints its code with
``bce.show_code(bce.module.name)`` (``bce/source.py``), so that a change to
the function without ``make outputs`` fails nbval on that chapter. These
tests read the code cells of ``chapters/*.ipynb``, find every
``show_code(...)`` call, resolve its argument and fail when:

(a) a function is printed by two chapters (or twice by one);
(b) the docstring of a printed function does not name the chapter that
    prints it ("Taught in :doc:`/chapters/NAME`", read by
    ``bce.source.taught_in``);
(c) a function of ``TAUGHT`` is not printed by its chapter, or a docstring
    says "Taught in" of a function that ``TAUGHT`` does not list;

and when a chapter prints code some other way (its own helper, or
``inspect.getsource``), which would escape these checks.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import pkgutil
import re
from pathlib import Path

import pytest
from conftest import resolve_dotted

import bce
from bce.source import show_code, taught_in

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))

#: Every function a chapter teaches and prints: dotted name -> that chapter.
TAUGHT = {
    "bce.softplus": "chapters/numerical_stability",
    "bce.bce_with_logits": "chapters/numerical_stability",
    "bce.losses.bce_terms": "chapters/stable_gradients",
    "bce.bce_loss": "chapters/stable_gradients",
    "bce.objective._loss_and_gradient": "chapters/matrix_gradient",
    "bce.objective._hessian": "chapters/hessian_convexity",
    "bce.solvers._gradient_descent": "chapters/gradient_descent",
    "bce.solvers._descent_loop": "chapters/gradient_descent",
    "bce.solvers._sgd": "chapters/stochastic_gradient_descent",
    "bce.solvers._newton_loop": "chapters/newton_irls",
    "bce.solvers._newton_direction": "chapters/newton_irls",
    "bce.solvers._line_search": "chapters/newton_irls",
    "bce.metrics.confusion_matrix": "chapters/evaluation",
    "bce.metrics._counts": "chapters/evaluation",
    "bce.metrics.precision_score": "chapters/evaluation",
    "bce.metrics.recall_score": "chapters/evaluation",
    "bce.metrics.roc_curve": "chapters/evaluation",
    "bce.metrics._roc_counts": "chapters/evaluation",
    "bce.distributed._block_sums": "chapters/scale_out",
}

DOTTED = re.compile(r"bce(\.\w+)+")


def _cell_sources(nb: dict) -> list[str]:
    """The source of each code cell of a notebook."""
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if c["cell_type"] == "code"]


def _parse(src: str) -> ast.Module:
    """A code cell as Python, its IPython magics and shell lines blanked."""
    lines = ["" if line.lstrip().startswith(("%", "!")) else line
             for line in src.splitlines()]
    return ast.parse("\n".join(lines))


def _is_show_code(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id == "show_code"
    return (isinstance(func, ast.Attribute) and func.attr == "show_code"
            and isinstance(func.value, ast.Name) and func.value.id == "bce")


def shown(sources: list[str]) -> list[str]:
    """The argument of every ``show_code(...)`` call, as written, in order."""
    found = []
    for src in sources:
        for node in ast.walk(_parse(src)):
            if isinstance(node, ast.Call) and _is_show_code(node.func):
                found.append(" ".join(ast.unparse(a) for a in node.args))
    return found


def copies_of_the_helper(sources: list[str]) -> list[str]:
    """Lines that print source without ``bce.show_code``."""
    bad = []
    for src in sources:
        for node in ast.walk(_parse(src)):
            if isinstance(node, ast.FunctionDef) and node.name == "show_code":
                bad.append(f"def show_code (line {node.lineno})")
            if isinstance(node, ast.Attribute) and node.attr == "getsource":
                bad.append(f"{ast.unparse(node)} (line {node.lineno})")
    return bad


def _key(func) -> str:
    """One name per function, however it was reached (bce.softplus or
    bce.functions.softplus)."""
    return f"{func.__module__}.{func.__qualname__}"


def problems(printed: dict[str, list[str]], taught: dict[str, str]) -> list[str]:
    """What is wrong with ``printed`` (chapter -> names it prints).

    Checks (a), (b) and (c) of the module docstring, for the chapters and
    the table given, so that the test of the test can hand it broken ones.
    """
    out = []
    where: dict[str, list[str]] = {}
    for chapter, names in printed.items():
        for name in names:
            if not DOTTED.fullmatch(name):
                out.append(f"{chapter}: show_code({name}): write the full name, "
                           "bce.module.function, so that it can be checked")
                continue
            try:
                func = resolve_dotted(name)
            except (ImportError, AttributeError):
                out.append(f"{chapter}: show_code({name}): no such function")
                continue
            where.setdefault(_key(func), []).append(chapter)
            if taught_in(func) != chapter:  # (b)
                out.append(f"{chapter} prints {name}, whose docstring says "
                           f"'Taught in' {taught_in(func)!r}: add 'Taught in "
                           f":doc:`/{chapter}`.' to it")
    for key, chapters in where.items():  # (a)
        if len(chapters) > 1:
            out.append(f"{key} is printed {len(chapters)} times, by "
                       f"{', '.join(chapters)}: print it in one chapter only")
    for name, chapter in taught.items():  # (c)
        key = _key(resolve_dotted(name))
        if chapter not in where.get(key, []):
            out.append(f"{name} is taught in {chapter} (TAUGHT) but that "
                       f"chapter does not print it: add `bce.show_code({name})`"
                       f" where the text introduces it")
    return out


def _chapter(path: Path) -> str:
    return path.relative_to(ROOT).with_suffix("").as_posix()


SOURCES = {_chapter(p): _cell_sources(json.loads(p.read_text(encoding="utf-8")))
           for p in NOTEBOOKS}
PRINTED = {chapter: shown(srcs) for chapter, srcs in SOURCES.items()}


def _functions_of_bce():
    """Every function defined at the top level of a module of bce."""
    for info in pkgutil.iter_modules(bce.__path__, "bce."):
        module = importlib.import_module(info.name)
        for _, func in inspect.getmembers(module, inspect.isfunction):
            if func.__module__ == info.name:
                yield func


# ---------------------------------------------------------------------------
# The book


def test_every_taught_function_is_printed_once_by_its_chapter():
    found = problems(PRINTED, TAUGHT)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("chapter", sorted(SOURCES))
def test_chapters_print_code_with_bce_show_code(chapter):
    bad = copies_of_the_helper(SOURCES[chapter])
    assert not bad, (f"{chapter} prints source without bce.show_code: {bad}; "
                     "call bce.show_code(bce.module.function) instead")


def test_every_taught_in_docstring_is_in_the_table():
    listed = {_key(resolve_dotted(name)): chapter for name, chapter in TAUGHT.items()}
    stray = [f"{_key(f)} ({taught_in(f)})" for f in _functions_of_bce()
             if taught_in(f) and listed.get(_key(f)) != taught_in(f)]
    assert not stray, (
        f"docstrings say 'Taught in' but TAUGHT does not list them so: {stray}; "
        "add them to TAUGHT in tests/test_book_sources.py (and print them)"
    )


def _printing_cells(path: Path):
    """(cell id, source, stored stdout) of each cell that only prints code."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        src = "".join(cell["source"])
        body = _parse(src).body
        calls = [s.value for s in body
                 if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)]
        if not body or len(calls) < len(body) or not any(
                _is_show_code(c.func) for c in calls):
            continue
        if not all(_is_show_code(c.func) or ast.unparse(c) == "print()"
                   for c in calls):
            continue
        stdout = "".join("".join(out["text"]) for out in cell.get("outputs", [])
                         if out.get("name") == "stdout")
        yield cell["id"], src, stdout


PRINTING_CELLS = [(p, *cell) for p in NOTEBOOKS for cell in _printing_cells(p)]


@pytest.mark.parametrize("path, cell_id, src, stored", PRINTING_CELLS,
                         ids=[f"{p.stem}-{c}" for p, c, _, _ in PRINTING_CELLS])
def test_the_stored_code_is_the_code_of_the_package(path, cell_id, src, stored,
                                                    capsys):
    """The quick form of what nbval checks: no chapter shows stale code."""
    exec(compile(src, f"{path.name}:{cell_id}", "exec"),
         {"bce": bce, "show_code": show_code})
    assert capsys.readouterr().out == stored, (
        f"{path.name}, cell {cell_id} shows code that is no longer the "
        f"package's: run `make outputs NB=chapters/{path.name}`"
    )


def test_the_table_names_chapters_that_exist():
    for chapter in set(TAUGHT.values()):
        assert (ROOT / f"{chapter}.ipynb").exists(), chapter


# ---------------------------------------------------------------------------
# The tests can fail


def test_the_finder_sees_what_it_should():
    cells = ["import bce\n%matplotlib inline\nbce.show_code(bce.softplus)",
             "x = 1\nshow_code(bce.solvers._sgd)\nprint(show_code)",
             "def show_code(f):\n    print(inspect.getsource(f))\n"
             "show_code(bm.roc_curve)"]
    assert shown(cells) == ["bce.softplus", "bce.solvers._sgd", "bm.roc_curve"]
    assert copies_of_the_helper(cells) == ["def show_code (line 1)",
                                           "inspect.getsource (line 2)"]
    assert copies_of_the_helper(cells[:2]) == []


def test_a_missing_a_repeated_and_a_misnamed_print_are_reported():
    assert problems(PRINTED, TAUGHT) == []
    taught = {"bce.softplus": "chapters/numerical_stability",
              "bce.objective._hessian": "chapters/hessian_convexity"}
    missing = {"chapters/numerical_stability": ["bce.softplus"]}
    assert [p.split(" is taught")[0] for p in problems(missing, taught)] == [
        "bce.objective._hessian"]
    twice = {"chapters/numerical_stability": ["bce.softplus"],
             "chapters/hessian_convexity": ["bce.objective._hessian",
                                            "bce.functions.softplus"]}
    found = problems(twice, taught)
    assert any("printed 2 times" in p for p in found)
    assert any("hessian_convexity prints bce.functions.softplus" in p for p in found)
    aliased = {"chapters/numerical_stability": ["bce.softplus", "bm.roc_curve"],
               "chapters/hessian_convexity": ["bce.objective._hessian"]}
    assert any("write the full name" in p for p in problems(aliased, taught))
    wrong_chapter = {"chapters/evaluation": ["bce.softplus"],
                     "chapters/hessian_convexity": ["bce.objective._hessian"]}
    found = problems(wrong_chapter, taught)
    assert any("docstring says 'Taught in' 'chapters/numerical_stability'" in p
               for p in found)
    assert any(p.startswith("bce.softplus is taught") for p in found)


# ---------------------------------------------------------------------------
# bce.source itself


def test_show_code_prints_the_source_without_the_docstring(capsys):
    show_code(bce.losses.bce_terms)
    printed = capsys.readouterr().out.splitlines()
    source = inspect.getsource(bce.losses.bce_terms).splitlines()
    docstring = inspect.getdoc(bce.losses.bce_terms)
    assert printed[0].startswith("def bce_terms(")
    assert '"""' not in "\n".join(printed) and "Taught in" not in "\n".join(printed)
    assert printed[-1] == source[-1]  # the code is kept to its last line
    assert len(source) - len(printed) == len(docstring.splitlines()) + 1  # + quotes


def _without_docstring(x):
    y = x + 1  # a comment, kept
    return y


def test_show_code_keeps_a_function_without_docstring_whole(capsys):
    show_code(_without_docstring)
    assert capsys.readouterr().out == inspect.getsource(_without_docstring)


def test_taught_in_reads_the_phrase():
    def one():
        """Something.

        Taught in
        :doc:`/chapters/matrix_gradient`.
        """

    def other():
        """Derived in :doc:`/chapters/matrix_gradient`."""

    assert taught_in(one) == "chapters/matrix_gradient"
    assert taught_in(other) is None
    assert taught_in(lambda: None) is None
    assert taught_in(bce.objective._hessian) == "chapters/hessian_convexity"
