"""Draw the course's logo and favicon: the sigmoid, the curve the course is about.

Run from the repository root (the outputs are committed, so only after a
change to this script):

    .venv/bin/python _static/make_logo.py

Writes, next to this script:

* ``logo.png``   (512 x 512) the logo in the sidebar of every page;
* ``favicon.ico`` (16, 32, 48, 64 px) the browser tab's icon;
* ``favicon.png`` (64 x 64).

The picture: sigma(z) = 1 / (1 + exp(-z)) in white on a dark blue rounded
square, with the two asymptotes p = 0 and p = 1 dashed and the point
(0, 1/2) marked. The square keeps it readable on the theme's light and dark
backgrounds alike. Output is deterministic (no timestamp in the PNG).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import FancyBboxPatch  # noqa: E402
from PIL import Image  # noqa: E402

HERE = Path(__file__).resolve().parent
BLUE = "#1f4e79"
ORANGE = "#f39c12"


def draw(size_px: int = 512) -> plt.Figure:
    """The logo as a square matplotlib figure of ``size_px`` pixels."""
    dpi = 100
    fig = plt.figure(figsize=(size_px / dpi, size_px / dpi), dpi=dpi)
    fig.patch.set_alpha(0.0)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    ax.add_patch(FancyBboxPatch((0.03, 0.03), 0.94, 0.94,
                                boxstyle="round,pad=0,rounding_size=0.16",
                                facecolor=BLUE, edgecolor="none"))
    # sigma(z) on z in [-6, 6], mapped into the square's inner area.
    z = np.linspace(-6.0, 6.0, 400)
    p = 1.0 / (1.0 + np.exp(-z))
    x = 0.14 + 0.72 * (z + 6.0) / 12.0
    y = 0.18 + 0.64 * p
    for level in (0.18, 0.82):
        ax.plot([0.12, 0.88], [level, level], color="white", alpha=0.45,
                lw=size_px / 128, ls=(0, (2, 2)), solid_capstyle="round")
    ax.plot(x, y, color="white", lw=size_px / 36, solid_capstyle="round")
    ax.plot([0.5], [0.5], "o", color=ORANGE, markersize=size_px / 22,
            markeredgecolor="white", markeredgewidth=size_px / 170)
    return fig


def main() -> None:
    fig = draw(512)
    logo = HERE / "logo.png"
    fig.savefig(logo, dpi=100, transparent=True, metadata={"Software": None})
    plt.close(fig)

    image = Image.open(logo).convert("RGBA")
    image.resize((64, 64), Image.LANCZOS).save(HERE / "favicon.png",
                                               optimize=True)
    image.save(HERE / "favicon.ico",
               sizes=[(16, 16), (32, 32), (48, 48), (64, 64)])
    for name in ("logo.png", "favicon.png", "favicon.ico"):
        print(f"wrote _static/{name}")


if __name__ == "__main__":
    main()
