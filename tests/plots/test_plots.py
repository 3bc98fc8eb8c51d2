"""Each plot function draws what it claims: the right axes, titles, images, counts and colors."""
import matplotlib

matplotlib.use("Agg")      # no screen: draw to memory

import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

import kerasedu as keras
from kerasedu import plots
from kerasedu.widgets.toy_data import make_moons


def _trained_mlp(epochs=3, validation=True):
    x, y = make_moons(200, noise=0.1, seed=0)
    model = keras.Sequential([keras.Input(shape=(2,)),
                              keras.layers.Dense(8, activation="tanh", name="h"),
                              keras.layers.Dense(2, activation="softmax", name="out")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, epochs=epochs, batch_size=32, verbose=0,
                        validation_split=0.2 if validation else 0.0)
    return model, history, x, y


# ---- plot_history ---------------------------------------------------------------
def test_plot_history_one_axes_per_metric_with_train_and_validation_lines():
    _, history, _, _ = _trained_mlp(epochs=4)
    fig = plots.plot_history(history)
    assert isinstance(fig, Figure)
    assert [ax.get_title() for ax in fig.axes] == ["loss", "accuracy"]      # the loss first
    for ax in fig.axes:
        name = ax.get_title()
        train, val = ax.get_lines()
        assert (train.get_label(), val.get_label()) == ("train", "validation")
        assert list(train.get_xdata()) == [1, 2, 3, 4]                  # epochs counted from 1
        np.testing.assert_allclose(train.get_ydata(), history.history[name])
        np.testing.assert_allclose(val.get_ydata(), history.history[f"val_{name}"])
        assert ax.get_xlabel() == "epoch"


def test_plot_history_accepts_a_dict_and_names_unknown_metrics():
    fig = plots.plot_history({"loss": [3.0, 2.0, 1.0]})
    (line,) = fig.axes[0].get_lines()
    assert list(line.get_ydata()) == [3.0, 2.0, 1.0]
    with pytest.raises(ValueError, match="no metric named 'auc'.*loss"):
        plots.plot_history({"loss": [1.0]}, metrics=["auc"])
    with pytest.raises(ValueError, match="History"):
        plots.plot_history([1.0, 2.0])


def test_plot_history_places_sparse_validation_values_on_their_epochs():
    # validation_freq=2 over 4 epochs: validation ran after epochs 2 and 4
    fig = plots.plot_history({"loss": [4.0, 3.0, 2.0, 1.0], "val_loss": [3.5, 1.5]})
    val = fig.axes[0].get_lines()[1]
    assert list(val.get_xdata()) == [2, 4]


# ---- plot_images ------------------------------------------------------------------
def test_plot_images_titles_and_red_for_wrong_predictions():
    rng = np.random.default_rng(0)
    x = rng.random((10, 28, 28), dtype=np.float32)
    y_true = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    probs = np.eye(10, dtype=np.float32)[[0, 1, 2, 3, 4, 5, 6, 7, 1, 1]]   # 8 and 9 wrong
    fig = plots.plot_images(x, y_true, probs, n=10)
    assert len(fig.axes) == 10
    titles = [ax.title for ax in fig.axes]
    assert titles[8].get_text() == "true 8 / pred 1"
    red = [to_rgba(t.get_color()) == to_rgba("red") for t in titles]
    assert red == [False] * 8 + [True, True]
    np.testing.assert_array_equal(fig.axes[3].images[0].get_array(), x[3])


def test_plot_images_class_names_flat_and_channel_inputs():
    x = np.zeros((5, 784), dtype=np.float32)                 # flat MNIST rows
    fig = plots.plot_images(x, y_true=[0, 1, 0, 1, 0], class_names=["cat", "dog"], n=3)
    assert [ax.get_title() for ax in fig.axes] == ["cat", "dog", "cat"]
    assert fig.axes[0].images[0].get_array().shape == (28, 28)
    fig = plots.plot_images(np.zeros((2, 8, 8, 1)), n=5)     # channel axis of 1, n > N
    assert len(fig.axes) == 2
    with pytest.raises(ValueError, match="not square"):
        plots.plot_images(np.zeros((2, 10)))


# ---- confusion matrix ----------------------------------------------------------------
def test_confusion_matrix_counts_match_numpy():
    rng = np.random.default_rng(1)
    y_true = rng.integers(0, 4, 300)
    y_pred = np.where(rng.random(300) < 0.7, y_true, rng.integers(0, 4, 300))
    expected = np.zeros((4, 4), dtype=int)
    for t, p in zip(y_true, y_pred):
        expected[t, p] += 1
    fig = plots.plot_confusion_matrix(y_true, np.eye(4)[y_pred], class_names=list("abcd"))
    ax = fig.axes[0]
    np.testing.assert_array_equal(ax.images[0].get_array(), expected)
    assert [int(t.get_text()) for t in ax.texts] == expected.ravel().tolist()
    assert [t.get_text() for t in ax.get_xticklabels()] == list("abcd")
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("predicted", "true")


def test_confusion_matrix_normalized_rows_sum_to_one():
    fig = plots.plot_confusion_matrix([0, 0, 1, 1, 1], [0, 1, 1, 1, 0], normalize=True)
    matrix = np.asarray(fig.axes[0].images[0].get_array())
    np.testing.assert_allclose(matrix.sum(axis=1), [1.0, 1.0])
    assert [t.get_text() for t in fig.axes[0].texts] == ["0.50", "0.50", "0.33", "0.67"]
    with pytest.raises(ValueError, match="one prediction per sample"):
        plots.confusion_matrix([0, 1], [0])


# ---- plot_model ------------------------------------------------------------------------
def _boxes_and_arrows(fig):
    patches = fig.axes[0].patches
    return ([p for p in patches if isinstance(p, FancyBboxPatch)],
            [p for p in patches if isinstance(p, FancyArrowPatch)])


def test_plot_model_sequential_is_a_column_of_boxes():
    model = keras.Sequential([keras.Input(shape=(28, 28), name="pixels"),
                              keras.layers.Flatten(name="flat"),
                              keras.layers.Dense(32, activation="relu", name="hidden"),
                              keras.layers.Dense(10, activation="softmax", name="probs")])
    fig = plots.plot_model(model)
    boxes, arrows = _boxes_and_arrows(fig)
    assert (len(boxes), len(arrows)) == (4, 3)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["pixels (InputLayer)\n(None, 28, 28)", "flat (Flatten)\n(None, 784)",
                     "hidden (Dense)\n(None, 32)", "probs (Dense)\n(None, 10)"]
    xs = {round(b.get_x(), 6) for b in boxes}
    assert len(xs) == 1                                       # all in one column


def test_plot_model_functional_with_branches_and_a_shared_layer():
    a = keras.Input(shape=(3,), name="a")
    b = keras.Input(shape=(3,), name="b")
    shared = keras.layers.Dense(4, name="shared")
    merged = keras.layers.Concatenate(name="merge")([shared(a), shared(b)])
    out = keras.layers.Dense(1, name="out")(merged)
    model = keras.Model([a, b], out)
    nodes, edges = plots.model_graph(model)
    assert [n["name"] for n in nodes].count("shared") == 2    # one box per call of the layer
    assert len(nodes) == 6 and len(edges) == 5
    fig = plots.plot_model(model)
    boxes, arrows = _boxes_and_arrows(fig)
    assert (len(boxes), len(arrows)) == (6, 5)
    # the two inputs sit side by side on the top row
    tops = [box for box in boxes if box.get_y() == max(bx.get_y() for bx in boxes)]
    assert len(tops) == 2 and tops[0].get_x() != tops[1].get_x()


def test_plot_model_unbuilt_sequential_draws_a_chain_without_shapes():
    model = keras.Sequential([keras.layers.Dense(3, name="d1"), keras.layers.Dense(2, name="d2")])
    fig = plots.plot_model(model, title="not built")
    assert [t.get_text() for t in fig.axes[0].texts] == ["d1 (Dense)", "d2 (Dense)"]
    assert fig.axes[0].get_title() == "not built"


# ---- inside a model ------------------------------------------------------------------------
def test_plot_dense_weights_shows_each_unit_as_an_image():
    dense = keras.layers.Dense(5, name="templates")
    dense(np.zeros((1, 12), dtype=np.float32))
    fig = plots.plot_dense_weights(dense, image_shape=(3, 4), n=3)
    kernel = dense.get_weights()[0]                           # (12, 5)
    unit_axes = [ax for ax in fig.axes if ax.images]
    assert [ax.get_title() for ax in unit_axes] == ["unit 0", "unit 1", "unit 2"]
    np.testing.assert_allclose(unit_axes[2].images[0].get_array(), kernel[:, 2].reshape(3, 4))
    low, high = unit_axes[0].images[0].get_clim()
    assert low == -high                                       # white means 0
    with pytest.raises(ValueError, match="12 inputs.*784 pixels"):
        plots.plot_dense_weights(dense)


def _conv_layer(filters, channels):
    conv_module = pytest.importorskip("kerasedu.layers.conv", reason="Conv2D has not landed yet")
    conv = conv_module.Conv2D(filters, 3, name=f"conv_{channels}")
    conv(np.zeros((1, 8, 8, channels), dtype=np.float32))
    return conv


@pytest.mark.parametrize("channels", [1, 3, 5])
def test_plot_conv_filters_one_tile_per_filter_and_channel(channels):
    conv = _conv_layer(6, channels)
    kernel = conv.get_weights()[0]                            # (3, 3, channels, 6)
    fig = plots.plot_conv_filters(conv)
    tiles = [ax for ax in fig.axes if ax.images and ax.get_label() != "<colorbar>"]
    expected = 6 if channels in (1, 3) else 6 * channels
    assert len(tiles) == expected
    assert tiles[0].get_title() == "filter 0"
    shown = np.asarray(tiles[1].images[0].get_array())
    if channels == 1:
        np.testing.assert_allclose(shown, kernel[:, :, 0, 1])
    elif channels == 3:                                        # colour, stretched to [0, 1]
        w = kernel[:, :, :, 1]
        np.testing.assert_allclose(shown, (w - w.min()) / np.ptp(w), rtol=1e-6)
    else:                                                     # row 0 = input 0, column 1 = filter 1
        np.testing.assert_allclose(shown, kernel[:, :, 0, 1])
    assert "6 filters, 3x3" in fig.get_suptitle()


def test_plot_conv_filters_rejects_a_dense_layer():
    dense = keras.layers.Dense(2)
    dense(np.zeros((1, 3), dtype=np.float32))
    with pytest.raises(ValueError, match="Conv2D layer"):
        plots.plot_conv_filters(dense)


def test_plot_activations_dense_strip_equals_the_model_output():
    model, _, x, _ = _trained_mlp(epochs=1, validation=False)
    fig = plots.plot_activations(model, x[0])
    assert [sub.get_suptitle() for sub in fig.subfigs] == ["input (2,)", "h (8,)", "out (2,)"]
    strip = fig.subfigs[2].axes[0].images[0].get_array()
    np.testing.assert_allclose(strip[0], model.predict(x[:1], verbose=0)[0], rtol=1e-5)


def test_plot_activations_feature_maps_of_a_conv_model():
    conv_module = pytest.importorskip("kerasedu.layers.conv", reason="Conv2D has not landed yet")
    model = keras.Sequential([keras.Input(shape=(10, 10, 1)),
                              conv_module.Conv2D(4, 3, activation="relu", name="c1"),
                              keras.layers.Flatten(name="f"),
                              keras.layers.Dense(3, name="d")])
    x = np.random.default_rng(0).random((10, 10, 1), dtype=np.float32)
    fig = plots.plot_activations(model, x, layer_names=["c1", "d"])
    titles = [sub.get_suptitle() for sub in fig.subfigs]
    assert titles == ["input (10, 10, 1)", "c1 (8, 8, 4)", "d (3,)"]
    maps = fig.subfigs[1].axes
    assert len(maps) == 4
    c1 = plots.layer_outputs(model, x, ["c1"])["c1"]
    np.testing.assert_allclose(maps[2].images[0].get_array(), c1[:, :, 2])


def test_plot_decision_boundary_draws_every_point_and_the_boundary():
    model, _, x, y = _trained_mlp(epochs=5, validation=False)
    fig = plots.plot_decision_boundary(model, x, y, resolution=30)
    ax = fig.axes[0]
    dots = sum(len(c.get_offsets()) for c in ax.collections if hasattr(c, "get_offsets")
               and len(c.get_offsets()) and c.get_label().startswith("class"))
    assert dots == len(x)
    assert ax.images[0].get_array().shape == (30, 30, 3)
    with pytest.raises(ValueError, match=r"\(N, 2\)"):
        plots.plot_decision_boundary(model, np.zeros((4, 3)))


def test_figures_show_themselves_as_png_in_jupyter():
    fig = plots.plot_history({"loss": [1.0, 0.5]})
    assert fig._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"
