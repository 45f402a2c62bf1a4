"""Rebuild the Chinese font the website ships: _static/cjk-font.css.

The source's quotes (chapters that quote the Chinese page the course starts
from) are marked lang="zh-Hans" by _ext/cjk_lang.py and set in Noto Sans SC
(SIL Open Font License 1.1), so that they render on a machine without a CJK
font, offline. The font is far too large to ship whole, so this script keeps
only the characters the chapters use:

1. ``npm pack @fontsource/noto-sans-sc@5.3.0`` (from the npm registry) and
   unpack it; Fontsource splits the font into chunks by unicode-range.
2. ``python tools/make_cjk_font.py PACKAGE_DIR`` reads every CJK character of
   chapters/, takes the regular (400) WOFF chunks that hold them, subsets each
   to those characters with fontTools, and writes one @font-face per chunk,
   the font inlined as a data: URI (Chromium refuses font files over file://,
   but not data: URIs), with the chunk's unicode-range.

Run it again after adding Chinese text to a chapter; tests/test_site.py fails
while a character of the site is missing from the font.
"""

from __future__ import annotations

import base64
import io
import re
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "_static" / "cjk-font.css"
FAMILY = "Noto Sans SC (course subset)"
# CJK ideographs, CJK punctuation and full-width forms
CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")


def characters() -> set[str]:
    """Every CJK character in the chapters' sources."""
    found: set[str] = set()
    for path in sorted((ROOT / "chapters").glob("*")):
        if path.suffix in {".ipynb", ".md"}:
            found |= set(CJK.findall(path.read_text(encoding="utf-8")))
    return found


def ranges(spec: str) -> list[tuple[int, int]]:
    """'U+4e00-4e0f, U+4e20' -> [(0x4e00, 0x4e0f), (0x4e20, 0x4e20)]."""
    out = []
    for part in spec.split(","):
        part = part.strip().removeprefix("U+")
        lo, _, hi = part.partition("-")
        out.append((int(lo, 16), int(hi or lo, 16)))
    return out


def main(package: Path) -> int:
    chars = characters()
    css = (package / "400.css").read_text(encoding="utf-8")
    faces, covered = [], set()
    for block in re.findall(r"@font-face\s*\{(.*?)\}", css, re.S):
        woff2 = re.search(r"url\(\./files/([^)]+)\.woff2\)", block).group(1)
        spec = re.search(r"unicode-range:\s*([^;]+);", block).group(1)
        span = ranges(spec)
        mine = sorted(c for c in chars if any(lo <= ord(c) <= hi for lo, hi in span))
        if not mine:
            continue
        font = TTFont(package / "files" / f"{woff2}.woff")
        options = subset.Options()
        options.flavor = "woff"  # zlib: readable without brotli
        options.layout_features = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(mine))
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.flavor = "woff"
        font.save(buffer)
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        unicode_range = ", ".join(f"U+{ord(c):04x}" for c in mine)
        faces.append(
            "@font-face {\n"
            f'  font-family: "{FAMILY}";\n'
            "  font-style: normal;\n  font-weight: 400;\n  font-display: swap;\n"
            f'  src: url(data:font/woff;base64,{data}) format("woff");\n'
            f"  unicode-range: {unicode_range};\n}}\n")
        covered |= set(mine)
    missing = chars - covered
    if missing:
        print(f"not in the font: {''.join(sorted(missing))}", file=sys.stderr)
        return 1
    header = (
        f"/* Written by tools/make_cjk_font.py: Noto Sans SC (c) Google, SIL Open\n"
        f"   Font License 1.1 (_static/fonts/OFL-noto-sans-sc.txt), from the npm\n"
        f"   package @fontsource/noto-sans-sc 5.3.0, subset to the {len(chars)}\n"
        f"   characters the chapters use. Do not edit by hand. */\n\n"
        f':lang(zh) {{\n  font-family: "{FAMILY}", var(--pst-font-family-base);\n}}\n\n')
    OUT.write_text(header + "\n".join(faces), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(chars)} characters, "
          f"{len(faces)} faces, {OUT.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
