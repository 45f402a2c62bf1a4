"""Tests of the book itself: the toc, the config and the stored outputs.

nbval (run by ``make test``) compares each stored output with a fresh run;
these tests make sure there is something to compare (outputs stored, cells
run top to bottom in one kernel) and that nothing is stored that should not
be (errors, warnings, memory addresses, local paths). ``make book`` runs this
file before Sphinx, so a broken notebook stops the website too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import toc_files

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
NOTEBOOKS = sorted(CHAPTERS.glob("*.ipynb"))
PAGES = sorted(
    p for p in CHAPTERS.rglob("*") if p.suffix in {".ipynb", ".md"}
    and ".ipynb_checkpoints" not in p.parts
)


def _resolve(entry: str) -> Path | None:
    base = ROOT / entry
    if base.suffix in {".md", ".ipynb"}:
        return base if base.exists() else None
    for suffix in (".ipynb", ".md"):
        if base.with_suffix(suffix).exists():
            return base.with_suffix(suffix)
    return None


TOC = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
TOC_FILES = toc_files(TOC)


def test_toc_is_a_jupyter_book_1_toc():
    assert TOC["format"] == "jb-book"
    assert TOC["root"] == "chapters/intro"


@pytest.mark.parametrize("entry", TOC_FILES)
def test_every_toc_entry_exists(entry):
    assert _resolve(entry) is not None, f"_toc.yml lists {entry!r}, no such file"


def test_toc_has_no_duplicates():
    assert len(TOC_FILES) == len(set(TOC_FILES))


def test_every_chapter_file_is_in_the_toc():
    listed = {_resolve(e) for e in TOC_FILES}
    missing = [p.relative_to(ROOT).as_posix() for p in PAGES if p not in listed]
    assert not missing, f"chapter files not listed in _toc.yml: {missing}"


def test_config_names_title_and_author():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert isinstance(config.get("title"), str) and config["title"].strip()
    assert isinstance(config.get("author"), str) and config["author"].strip()
    # The book shows the committed outputs that nbval checked (see README).
    assert config["execute"]["execute_notebooks"] == "off"


def test_there_are_notebooks():
    assert NOTEBOOKS, "no chapter notebooks found"


def _code_cells(path: Path) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _source(cell: dict) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
class TestStoredOutputs:
    def test_kernel_is_python3(self, path):
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert nb["metadata"]["kernelspec"]["name"] == "python3"

    def test_execution_counts_are_1_2_3(self, path):
        cells = [c for c in _code_cells(path) if _source(c).strip()]
        counts = [c["execution_count"] for c in cells]
        assert counts == list(range(1, len(cells) + 1)), (
            f"{path.name}: execution counts {counts} are not 1, 2, 3, ...; "
            "run `make outputs NB=...` (a fresh kernel, top to bottom)"
        )

    def test_has_outputs(self, path):
        with_output = [c for c in _code_cells(path) if c.get("outputs")]
        assert with_output, f"{path.name}: no stored output, nbval checks nothing"

    def test_has_assert_cells(self, path):
        asserts = [c for c in _code_cells(path) if re.search(r"^\s*assert\b",
                                                             _source(c), re.M)]
        assert asserts, f"{path.name}: a chapter checks its claims with asserts"

    def test_no_errors_or_warnings_stored(self, path):
        for i, cell in enumerate(_code_cells(path)):
            for out in cell.get("outputs", []):
                assert out["output_type"] != "error", (
                    f"{path.name}, code cell {i}: stored error "
                    f"{out.get('ename')}: {out.get('evalue')}"
                )
                if out["output_type"] == "stream":
                    assert out["name"] == "stdout", (
                        f"{path.name}, code cell {i}: stderr output (a "
                        f"warning?): {''.join(out['text'])[:200]}"
                    )

    def test_outputs_are_portable(self, path):
        blob = json.dumps([c.get("outputs", []) for c in _code_cells(path)])
        text_only = re.sub(r'"image/[a-z+]+": "[^"]*"', "", blob)
        assert not re.search(r"at 0x[0-9a-fA-F]{6,}", text_only), (
            f"{path.name}: an output shows a memory address (`at 0x...`)"
        )
        for local in ("/tmp/", "/home/", "/root/", "/work/", "site-packages"):
            assert local not in text_only, f"{path.name}: output shows {local}"

    def test_figures_have_alt_text(self, path):
        """A figure's alt text says what it shows: a sentence, not a file name.

        myst-nb reads it from the cell's metadata, ``mystnb.image.alt``;
        without it the website's <img> says only its own file name.
        """
        for i, cell in enumerate(_code_cells(path)):
            if not any("image/png" in out.get("data", {})
                       for out in cell.get("outputs", [])):
                continue
            alt = cell.get("metadata", {}).get("mystnb", {}).get("image", {}).get("alt", "")
            where = f"{path.name}, code cell {i} ({cell.get('id')})"
            assert len(alt.split()) >= 12, f"{where}: no alt text of a sentence or more"
            assert not re.search(r"\.(png|svg|jpe?g)\b|[0-9a-f]{16}", alt), (
                f"{where}: the alt text looks like a file name")

    def test_figures_are_stored(self, path):
        """A cell that draws must store the picture, not only its repr."""
        for i, cell in enumerate(_code_cells(path)):
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                if "<Figure size" in "".join(data.get("text/plain", [])):
                    assert "image/png" in data or "image/svg+xml" in data, (
                        f"{path.name}, code cell {i}: a figure without image"
                    )


def _tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_checks_are_collapsed(path):
    """Check-only cells carry `hide-input`: collapsed on the website, run by nbval."""
    cells = _code_cells(path)
    hidden = [i for i, c in enumerate(cells) if "hide-input" in _tags(c)]
    assert hidden, f"{path.name}: no code cell tagged hide-input"
    assert 0 not in hidden, (
        f"{path.name}: the first code cell (the imports) is tagged hide-input"
    )
