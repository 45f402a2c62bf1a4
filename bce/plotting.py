r"""The figures the chapters show: loss curves, decision boundaries, confusion
matrices and ROC curves.

Each function draws what a lower layer computes (the metrics come from
:mod:`bce.metrics`, the probabilities from the model) and returns the
matplotlib :class:`~matplotlib.figure.Figure`, with labelled axes and a
title. Pass ``ax=`` to draw into an existing axes (then its figure is
returned); otherwise a new figure is made.

Figures made here are plain :class:`~matplotlib.figure.Figure` objects, not
registered with ``pyplot``: a notebook shows the one a cell returns, exactly
once (no second copy from the inline backend), nothing accumulates in
pyplot's list of open figures, and ``fig.savefig(...)`` writes it. Their
face colour is white, so that the black text stays readable when the book
or a notebook is viewed with a dark theme.

This is the only module of :mod:`bce` that imports matplotlib;
``import bce`` does not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from . import metrics
from .validation import (
    check_axes,
    check_both_classes,
    check_boundary_args,
    check_histories,
    check_label_pair,
    check_labels_option,
)

__all__ = [
    "plot_loss_curves",
    "plot_decision_boundary",
    "plot_confusion_matrix",
    "plot_roc_curve",
]

FACECOLOR = "white"
CLASS_COLORS = ("tab:blue", "tab:orange")  # class 0 / negative, class 1 / positive


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    """The figure and axes to draw in: ``ax``'s (the caller checked it), or a new
    white figure."""
    if ax is None:
        fig = Figure(figsize=figsize, facecolor=FACECOLOR, layout="constrained")
        ax = fig.add_subplot()
        ax.set_facecolor(FACECOLOR)
        return fig, ax
    return ax.figure, ax


def plot_loss_curves(
    histories: Mapping[str, ArrayLike],
    *,
    ax: Axes | None = None,
    logy: bool = True,
    title: str = "Loss curves",
    ylabel: str = "loss $J(w_k, b_k)$",
) -> Figure:
    r"""Plot the objective against the iteration, one line per run.

    For each run, the line joins the points :math:`(k, J(w_k, b_k))`,
    :math:`k = 0, 1, \dots`, e.g. ``model.loss_history_`` of
    :class:`bce.LogisticRegression`, or the :math:`J` recorded by a solver.
    On a logarithmic y-axis (the default) linear convergence,
    :math:`J_k - J^\ast \approx c\,\rho^k`, shows as a straight line and
    Newton's quadratic convergence as a line that bends down; plot
    :math:`J_k - J^\ast` to see it.

    Parameters
    ----------
    histories : mapping of str to array_like, shape (m_r,)
        Run name (shown in the legend) to its values, one per iteration;
        runs may have different lengths. NaN and inf (a diverging run) are
        left as gaps.
    ax : matplotlib Axes, optional
        Draw here instead of in a new figure.
    logy : bool, default True
        Logarithmic y-axis. Values <= 0 (say an exact 0 in :math:`J - J^\ast`)
        cannot be shown on it and are left out.
    title : str, default "Loss curves"
    ylabel : str, default "loss $J(w_k, b_k)$"
        E.g. ``"$J_k - J^*$"`` when plotting the suboptimality.

    Returns
    -------
    matplotlib.figure.Figure
    """
    check_axes(ax)
    curves = check_histories(histories)
    fig, ax = _axes(ax, (6.0, 4.0))
    for name, arr in curves.items():
        ax.plot(np.arange(arr.size), arr, marker="o" if arr.size <= 30 else None,
                markersize=3, label=name)
    if logy:
        ax.set_yscale("log", nonpositive="mask")
    ax.set_xlabel("iteration $k$")
    ax.set_ylabel(ylabel + (" (log scale)" if logy else ""))
    ax.set_title(title)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend()
    return fig


def plot_decision_boundary(
    model: Any,
    X: ArrayLike,
    y: ArrayLike,
    *,
    ax: Axes | None = None,
    grid: int = 200,
    title: str = "Decision boundary",
) -> Figure:
    r"""Plot a fitted binary classifier's probabilities and boundary in 2-D.

    The plane around the data is covered by a ``grid`` x ``grid`` mesh of
    points :math:`x`; the model is evaluated once on all of them
    (:math:`p(x) = \sigma(w^\top x + b)` for logistic regression, from
    ``model.predict_proba(mesh)[:, 1]``), the background is shaded by
    :math:`p(x)` and the decision boundary :math:`p(x) = 0.5`, i.e.
    :math:`w^\top x + b = 0` (a straight line for a linear model), is drawn
    in black. The samples are drawn on top, coloured by class.

    Parameters
    ----------
    model : fitted classifier
        Anything with ``predict_proba`` (preferred; a Pipeline works) or
        ``decision_function`` (then the boundary is its zero level), taking
        arrays of shape (m, 2).
    X : array_like, shape (n, 2)
        Two features: the plot is 2-D only.
    y : array_like, shape (n,)
        The labels (two classes, any type), used for the colours.
    ax : matplotlib Axes, optional
    grid : int, default 200
        Mesh points per axis, >= 2 (the model sees ``grid**2`` rows).
    title : str, default "Decision boundary"

    Returns
    -------
    matplotlib.figure.Figure
    """
    check_axes(ax)
    X, y, classes, grid = check_boundary_args(model, X, y, grid)
    if hasattr(model, "predict_proba"):
        kind, level, label = "proba", 0.5, "$p(x) = 0.5$"
    else:
        kind, level, label = "decision", 0.0, "$z(x) = 0$"

    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = 0.1 * np.maximum(hi - lo, 1e-12) + 0.5
    g0 = np.linspace(lo[0] - pad[0], hi[0] + pad[0], grid)
    g1 = np.linspace(lo[1] - pad[1], hi[1] + pad[1], grid)
    G0, G1 = np.meshgrid(g0, g1)
    mesh = np.column_stack([G0.ravel(), G1.ravel()])
    if kind == "proba":
        values = np.asarray(model.predict_proba(mesh))[:, 1]
    else:
        values = np.asarray(model.decision_function(mesh)).reshape(-1)
    values = values.reshape(G0.shape)

    fig, ax = _axes(ax, (5.5, 4.5))
    if kind == "proba":
        shade = ax.contourf(G0, G1, values, levels=np.linspace(0, 1, 11),
                            cmap="RdBu_r", alpha=0.35, vmin=0, vmax=1)
        fig.colorbar(shade, ax=ax, label="$p(x) = P(y = 1 \\mid x)$")
    if values.min() < level < values.max():
        ax.contour(G0, G1, values, levels=[level], colors="black",
                   linewidths=1.5)
        ax.plot([], [], color="black", label=f"boundary {label}")
    for k, c in enumerate(classes):
        rows = y == c
        ax.scatter(X[rows, 0], X[rows, 1], s=14, color=CLASS_COLORS[k],
                   edgecolor="white", linewidth=0.4, label=f"class {c}")
    ax.set_xlim(g0[0], g0[-1])
    ax.set_ylim(g1[0], g1[-1])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(title)
    ax.legend(loc="best", framealpha=0.9)
    return fig


def plot_confusion_matrix(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    *,
    labels: ArrayLike | None = None,
    normalize: str | None = None,
    ax: Axes | None = None,
    title: str = "Confusion matrix",
) -> Figure:
    r"""Draw the confusion matrix :math:`C_{ij}` as a table of shaded cells.

    :math:`C_{ij}` counts the samples of class :math:`i` (row, the truth)
    predicted as class :math:`j` (column), computed by
    :func:`bce.metrics.confusion_matrix` (scikit-learn's layout). In the
    binary case the cells are labelled

    .. code-block:: text

        TN  FP
        FN  TP

    (the second label is the positive class). With ``normalize="true"``
    each row is divided by its sum, so the diagonal shows each class's
    recall; with ``"pred"`` each column, so the diagonal shows precision;
    with ``"all"`` the total.

    Parameters
    ----------
    y_true, y_pred : array_like, shape (n,)
        True and predicted labels.
    labels : array_like, shape (k,), optional
        The classes, in the order of the rows and columns (default: sorted).
    normalize : {"true", "pred", "all"} or None
    ax : matplotlib Axes, optional
    title : str, default "Confusion matrix"

    Returns
    -------
    matplotlib.figure.Figure
    """
    check_axes(ax)
    cm = metrics.confusion_matrix(y_true, y_pred, labels=labels,
                                  normalize=normalize)
    if labels is None:  # the sorted labels of both, as confusion_matrix uses
        names = check_labels_option(None, *check_label_pair(y_true, y_pred)[:2])
    else:
        names = np.asarray(labels)
    k = cm.shape[0]
    fig, ax = _axes(ax, (4.2 + 0.3 * k, 3.6 + 0.3 * k))
    vmax = 1.0 if normalize is not None else max(float(cm.max()), 1.0)
    image = ax.imshow(cm, cmap="Blues", vmin=0, vmax=vmax)
    fig.colorbar(image, ax=ax, label="fraction" if normalize else "count")
    cells = {(0, 0): "TN", (0, 1): "FP", (1, 0): "FN", (1, 1): "TP"} if k == 2 else {}
    for (i, j), value in np.ndenumerate(cm):  # k x k cells, not samples
        text = f"{value:.2f}" if normalize else f"{value:g}"
        if (i, j) in cells:
            text = f"{cells[i, j]}\n{text}"
        ax.text(j, i, text, ha="center", va="center",
                color="white" if value > 0.6 * vmax else "black")
    ticks = np.arange(k)
    ax.set_xticks(ticks, [str(c) for c in names])
    ax.set_yticks(ticks, [str(c) for c in names])
    ax.set_xlabel("predicted label")
    ax.set_ylabel("true label")
    ax.set_title(title + (f" (normalize={normalize!r})" if normalize else ""))
    return fig


def plot_roc_curve(
    y_true: ArrayLike,
    scores: ArrayLike,
    *,
    pos_label: Any = None,
    name: str = "model",
    ax: Axes | None = None,
    title: str = "ROC curve",
) -> Figure:
    r"""Plot the ROC curve, TPR against FPR, with the AUC in the legend.

    The points :math:`(\mathrm{FPR}(t), \mathrm{TPR}(t))` for every
    threshold :math:`t` come from :func:`bce.metrics.roc_curve`, joined by
    straight segments (a run of tied scores is one diagonal segment), from
    (0, 0) to (1, 1). The legend gives the area under the line,

    .. math::

        \mathrm{AUC} = \int_0^1 \mathrm{TPR}\; d\,\mathrm{FPR},

    computed from the same points by the trapezoidal rule (for the default
    positive class it equals :func:`bce.metrics.roc_auc_score`). The dashed
    diagonal is a classifier that guesses (AUC 0.5).

    Parameters
    ----------
    y_true : array_like, shape (n,)
        True labels, both classes present.
    scores : array_like, shape (n,)
        Scores of the positive class: probabilities :math:`p` or logits
        :math:`z` (the curve only depends on their order).
    pos_label : label, optional
        The positive class; required unless ``y_true`` is in {0, 1} or
        {-1, 1} (then it is 1), as in :func:`bce.metrics.roc_curve`.
    name : str, default "model"
        The curve's name in the legend.
    ax : matplotlib Axes, optional
    title : str, default "ROC curve"

    Returns
    -------
    matplotlib.figure.Figure
    """
    check_axes(ax)
    check_both_classes(y_true, "plot_roc_curve")
    fpr, tpr, _ = metrics.roc_curve(y_true, scores, pos_label=pos_label)
    auc = float(metrics._trapezoid(tpr, fpr))
    fig, ax = _axes(ax, (4.8, 4.5))
    ax.plot(fpr, tpr, color="tab:blue", linewidth=2,
            label=f"{name} (AUC = {auc:.3f})")
    ax.plot([0, 1], [0, 1], color="gray", linestyle="--", linewidth=1,
            label="chance (AUC = 0.5)")
    ax.set_xlim(-0.01, 1.01)
    ax.set_ylim(-0.01, 1.01)
    ax.set_aspect("equal")
    ax.set_xlabel("false positive rate FP / (FP + TN)")
    ax.set_ylabel("true positive rate TP / (TP + FN)")
    ax.set_title(title)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="lower right")
    return fig
