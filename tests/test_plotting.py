"""Tests of bce/plotting.py: figures, labels, the data drawn, and errors.

The figures are plain matplotlib Figures (no pyplot), drawn with the Agg
backend; the tests read back what was drawn and compare it with what
bce.metrics and the model compute.
"""

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.image import imread  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402

from bce import LogisticRegression, metrics  # noqa: E402
from bce.datasets import make_two_class  # noqa: E402
from bce.plotting import (  # noqa: E402
    plot_confusion_matrix,
    plot_decision_boundary,
    plot_loss_curves,
    plot_roc_curve,
)


@pytest.fixture(scope="module")
def fitted():
    X, y = make_two_class(120, 2, separation=2.5, random_state=0)
    return LogisticRegression().fit(X, y), X, y


def only_axes(fig):
    """The main axes (colorbars are axes too; they come after it)."""
    return fig.axes[0]


def assert_white_and_titled(fig):
    assert isinstance(fig, Figure)
    assert to_rgba(fig.get_facecolor()) == to_rgba("white")
    ax = only_axes(fig)
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


# ---------------------------------------------------------------------------
# plot_loss_curves


def test_loss_curves(fitted):
    model = fitted[0]
    gd = LogisticRegression(solver="gd", max_iter=50, tol=1e-4)
    with pytest.warns(ConvergenceWarning):  # 50 steps of gd do not converge
        gd.fit(*fitted[1:])
    fig = plot_loss_curves({"newton": model.loss_history_,
                            "gd": gd.loss_history_})
    assert_white_and_titled(fig)
    ax = only_axes(fig)
    assert ax.get_yscale() == "log" and "iteration" in ax.get_xlabel()
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert set(lines) == {"newton", "gd"}
    np.testing.assert_array_equal(lines["gd"].get_ydata(), gd.loss_history_)
    np.testing.assert_array_equal(lines["gd"].get_xdata(),
                                  np.arange(gd.loss_history_.size))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["newton", "gd"]


def test_loss_curves_linear_axis_and_given_ax():
    fig = Figure()
    ax = fig.add_subplot()
    out = plot_loss_curves({"run": [3.0, 2.0, 0.0]}, ax=ax, logy=False)
    assert out is fig and ax.get_yscale() == "linear"


@pytest.mark.parametrize(
    "histories, error, match",
    [({}, TypeError, "non-empty dict"),
     ([1.0, 2.0], TypeError, "non-empty dict"),
     ({"a": np.ones((2, 2))}, ValueError, r"histories\['a'\] must be a non-empty 1-D"),
     ({"a": []}, ValueError, "non-empty 1-D"),
     ({"a": ["x", "y"]}, TypeError, r"histories\['a'\]")],
)
def test_loss_curves_errors(histories, error, match):
    with pytest.raises(error, match=match):
        plot_loss_curves(histories)


# ---------------------------------------------------------------------------
# plot_decision_boundary


def test_decision_boundary(fitted):
    model, X, y = fitted
    fig = plot_decision_boundary(model, X, y, grid=60)
    assert_white_and_titled(fig)
    ax = only_axes(fig)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("$x_1$", "$x_2$")
    # the samples, by class
    points = [c for c in ax.collections if isinstance(c, PathCollection)]
    np.testing.assert_array_equal(np.vstack([c.get_offsets() for c in points]),
                                  np.vstack([X[y == 0], X[y == 1]]))
    # the black line is the set p = 0.5, i.e. w.x + b = 0 for this model
    boundary = [c for c in ax.collections if list(getattr(c, "levels", [])) == [0.5]]
    assert len(boundary) == 1
    vertices = np.vstack([p.vertices for p in boundary[0].get_paths()])
    assert len(vertices) >= 2
    np.testing.assert_allclose(model.decision_function(vertices), 0, atol=1e-2)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["boundary $p(x) = 0.5$", "class 0", "class 1"]


def test_decision_boundary_string_labels_and_decision_function(fitted):
    from sklearn.svm import LinearSVC

    _, X, y = fitted
    names = np.array(["benign", "malignant"])[y]
    svc = LinearSVC().fit(X, names)  # no predict_proba: the zero level
    ax = only_axes(plot_decision_boundary(svc, X, names, grid=30))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "boundary $z(x) = 0$", "class benign", "class malignant"]


@pytest.mark.parametrize(
    "X, y, kwargs, error, match",
    [(np.zeros((5, 3)), np.zeros(5), {}, ValueError, r"2-D data only.*\(5, 3\)"),
     (np.zeros(5), np.zeros(5), {}, ValueError, "2-D data only"),
     (np.zeros((5, 2)), np.zeros(4), {}, ValueError, "y must have shape"),
     (np.zeros((3, 2)), [0, 1, 2], {}, ValueError, "two classes"),
     (np.full((2, 2), np.nan), [0, 1], {}, ValueError, "X must be finite"),
     (np.zeros((2, 2)), [0, 1], {"grid": 1}, ValueError, "grid must be"),
     (np.zeros((2, 2)), [0, 1], {"ax": "axes"}, TypeError, "ax must be")],
)
def test_decision_boundary_errors(fitted, X, y, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_decision_boundary(fitted[0], X, y, **kwargs)


def test_decision_boundary_needs_a_classifier():
    with pytest.raises(TypeError, match="predict_proba or decision_function"):
        plot_decision_boundary(object(), np.zeros((2, 2)), [0, 1])


# ---------------------------------------------------------------------------
# plot_confusion_matrix


def test_confusion_matrix_plot():
    y_true = [0, 0, 0, 1, 1, 1, 1]
    y_pred = [0, 1, 1, 0, 1, 1, 1]
    fig = plot_confusion_matrix(y_true, y_pred)
    assert_white_and_titled(fig)
    ax = only_axes(fig)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("predicted label", "true label")
    np.testing.assert_array_equal(ax.get_images()[0].get_array(),
                                  metrics.confusion_matrix(y_true, y_pred))
    assert [t.get_text() for t in ax.texts] == ["TN\n1", "FP\n2", "FN\n1", "TP\n3"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1"]


def test_confusion_matrix_plot_normalized_with_labels():
    y_true = np.array(["no", "yes", "yes", "no"])
    y_pred = np.array(["yes", "yes", "yes", "no"])
    fig = plot_confusion_matrix(y_true, y_pred, labels=["yes", "no"],
                                normalize="true")
    ax = only_axes(fig)
    expected = metrics.confusion_matrix(y_true, y_pred, labels=["yes", "no"],
                                        normalize="true")
    np.testing.assert_allclose(ax.get_images()[0].get_array(), expected)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["yes", "no"]
    assert ax.texts[0].get_text() == "TN\n1.00"  # row "yes", predicted "yes"
    assert "normalize='true'" in ax.get_title()


def test_confusion_matrix_plot_three_classes_has_no_cell_names():
    ax = only_axes(plot_confusion_matrix([0, 1, 2, 2], [0, 2, 2, 1]))
    assert len(ax.texts) == 9 and "TP" not in "".join(t.get_text() for t in ax.texts)


def test_confusion_matrix_plot_errors():
    with pytest.raises(ValueError, match="same length"):
        plot_confusion_matrix([0, 1, 1], [0, 1])
    with pytest.raises(ValueError, match="normalize"):
        plot_confusion_matrix([0, 1], [0, 1], normalize="rows")


# ---------------------------------------------------------------------------
# plot_roc_curve


def test_roc_curve_plot(fitted):
    model, X, y = fitted
    scores = model.predict_proba(X)[:, 1]
    fig = plot_roc_curve(y, scores, name="bce")
    assert_white_and_titled(fig)
    ax = only_axes(fig)
    assert "false positive rate" in ax.get_xlabel()
    assert "true positive rate" in ax.get_ylabel()
    curve, chance = ax.get_lines()
    fpr, tpr, _ = metrics.roc_curve(y, scores)
    np.testing.assert_array_equal(curve.get_xdata(), fpr)
    np.testing.assert_array_equal(curve.get_ydata(), tpr)
    auc = metrics.roc_auc_score(y, scores)
    assert curve.get_label() == f"bce (AUC = {auc:.3f})"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == curve.get_label() and "0.5" in legend[1]


def test_roc_curve_plot_with_ties_and_pos_label():
    y = np.array(["neg", "pos", "pos", "neg", "pos"])
    s = np.array([0.1, 0.5, 0.5, 0.5, 0.9])
    ax = only_axes(plot_roc_curve(y, s, pos_label="pos"))
    fpr, tpr, _ = metrics.roc_curve(y, s, pos_label="pos")
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), fpr)
    auc = metrics.roc_auc_score(y == "pos", s)  # P(s+ > s-) + P(=)/2 = 5/6
    assert auc == pytest.approx(5 / 6)
    assert f"AUC = {auc:.3f}" in ax.get_lines()[0].get_label()


def test_roc_curve_plot_errors():
    with pytest.raises(ValueError, match=r"^plot_roc_curve needs both classes in "
                                         r"y_true .*holds only \[1\]$"):
        plot_roc_curve([1, 1, 1], [0.2, 0.5, 0.9])
    with pytest.raises(ValueError, match="y_score must be finite"):
        plot_roc_curve([0, 1], [0.2, np.nan])
    with pytest.raises(ValueError, match="pos_label"):
        plot_roc_curve(["a", "b"], [0.2, 0.5])
    with pytest.raises(ValueError, match="same length"):
        plot_roc_curve([0, 1, 1], [0.2, 0.5])


# ---------------------------------------------------------------------------
# ax: every figure refuses, before it computes anything, what is not an Axes


@pytest.mark.parametrize("draw", [
    lambda ax, fit: plot_loss_curves({"run": [1.0, 0.5]}, ax=ax),
    lambda ax, fit: plot_decision_boundary(fit[0], fit[1], fit[2], ax=ax, grid=5),
    lambda ax, fit: plot_confusion_matrix([0, 1], [0, 1], ax=ax),
    lambda ax, fit: plot_roc_curve([0, 1], [0.2, 0.7], ax=ax),
], ids=["loss_curves", "decision_boundary", "confusion_matrix", "roc_curve"])
@pytest.mark.parametrize("ax", ["axes", Figure()])
def test_every_figure_refuses_what_is_not_an_axes(draw, ax, fitted):
    with pytest.raises(TypeError, match=r"^ax must be a matplotlib Axes or None; got "
                                        r"(str|Figure)$"):
        draw(ax, fitted)


# ---------------------------------------------------------------------------
# Import cost and output


def test_import_bce_does_not_import_matplotlib():
    code = ("import sys, bce, bce.metrics, bce.datasets, bce.preprocessing; "
            "bce.LogisticRegression; print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "False"


def test_figures_save_with_a_white_background(tmp_path, fitted):
    model, X, y = fitted
    path = tmp_path / "roc.png"
    plot_roc_curve(y, model.decision_function(X)).savefig(path, dpi=40)
    image = imread(path)
    assert np.allclose(image[0, 0, :3], 1.0)  # the corner pixel is white
