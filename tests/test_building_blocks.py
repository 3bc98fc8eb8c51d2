"""Initializers, activations, metrics and the name lookups of compile."""
import numpy as np
import pytest

import kerasedu as keras
from kerasedu import activations, initializers, losses, metrics, optimizers


@pytest.mark.parametrize("name,shape,check", [
    ("zeros", (3, 4), lambda w: np.all(w == 0)),
    ("ones", (3, 4), lambda w: np.all(w == 1)),
    ("glorot_uniform", (300, 200), lambda w: np.abs(w).max() <= np.sqrt(6 / 500)
     and abs(w.var() - 2 / 500) < 0.1 * 2 / 500),
    ("he_uniform", (300, 200), lambda w: np.abs(w).max() <= np.sqrt(6 / 300)),
    ("he_normal", (300, 200), lambda w: abs(w.std() - np.sqrt(2 / 300)) < 0.05 * np.sqrt(2 / 300)
     and np.abs(w).max() <= 2 * np.sqrt(2 / 300) / 0.8796),
    ("random_normal", (300, 200), lambda w: abs(w.std() - 0.05) < 0.002),
    ("random_uniform", (300, 200), lambda w: np.abs(w).max() <= 0.05 and np.abs(w).max() > 0.049),
])
def test_initializers_follow_keras_formulas(name, shape, check):
    w = initializers.get(name)(shape)
    assert w.shape == shape and w.dtype == np.float32 and check(w)


def test_conv_kernel_fans_include_the_receptive_field():
    assert initializers.compute_fans((3, 3, 16, 32)) == (3 * 3 * 16, 3 * 3 * 32)


def test_unknown_initializer_lists_the_valid_names():
    with pytest.raises(ValueError, match="glorot_uniform"):
        initializers.get("xavier")


@pytest.mark.parametrize("name,x,expected", [
    ("relu", [-1.0, 2.0], [0.0, 2.0]),
    ("sigmoid", [0.0], [0.5]),
    ("tanh", [0.0], [0.0]),
    ("linear", [-3.0], [-3.0]),
    ("elu", [-1.0, 1.0], [np.expm1(-1.0), 1.0]),
    ("leaky_relu", [-1.0, 1.0], [-0.2, 1.0]),
    ("gelu", [1.0], [0.8413447460685429]),
    ("softmax", [0.0, np.log(3.0)], [0.25, 0.75]),
])
def test_activations_by_name(name, x, expected):
    np.testing.assert_allclose(activations.get(name)(np.array([x])).numpy()[0], expected, rtol=1e-6)


def test_sigmoid_is_stable_for_large_inputs():
    out = activations.sigmoid(np.array([-1000.0, 1000.0])).numpy()
    assert out.tolist() == [0.0, 1.0] and np.all(np.isfinite(out))


def test_metrics_accumulate_over_batches_with_weights():
    m = metrics.SparseCategoricalAccuracy()
    m.update_state([0, 1], [[0.9, 0.1], [0.8, 0.2]])       # 1 of 2 right
    m.update_state([1, 1], [[0.1, 0.9], [0.3, 0.7]])       # 2 of 2 right
    assert m.result() == 0.75
    m.reset_state()
    m.update_state([0, 1], [[0.9, 0.1], [0.8, 0.2]], sample_weight=[3.0, 1.0])
    assert m.result() == 0.75
    assert metrics.BinaryAccuracy().compute(np.array([1, 0]), np.array([[0.6], [0.6]])).tolist() == [1.0, 0.0]
    assert metrics.CategoricalAccuracy().compute(np.eye(2), np.array([[0.4, 0.6], [0.3, 0.7]])).tolist() == [0.0, 1.0]
    assert metrics.MeanAbsoluteError().compute(np.array([[1.0], [3.0]]), np.array([[2.0], [3.0]])).tolist() == [1.0, 0.0]


def test_names_are_case_insensitive_for_optimizers_and_keras_style_for_losses():
    assert isinstance(optimizers.get("Adam"), optimizers.Adam)
    assert isinstance(optimizers.get("SGD"), optimizers.SGD)
    assert isinstance(losses.get("SparseCategoricalCrossentropy"), losses.SparseCategoricalCrossentropy)
    assert isinstance(losses.get("mse"), losses.MeanSquaredError)
    assert optimizers.Adam().get_config()["epsilon"] == 1e-7
    assert optimizers.SGD().learning_rate == pytest.approx(0.01)
    assert optimizers.RMSprop().get_config()["rho"] == 0.9


def test_function_loss_and_metric_in_compile():
    def my_mae(y_true, y_pred):
        return keras.ops.mean(keras.ops.abs(y_pred - y_true), axis=-1)

    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss=my_mae, metrics=[my_mae, "mse"])
    x = np.ones((8, 2), dtype="float32")
    logs = model.fit(x, np.zeros((8, 1)), epochs=1, verbose=0).history
    assert set(logs) == {"loss", "my_mae", "mse"}
    assert logs["loss"][0] == pytest.approx(logs["my_mae"][0], rel=1e-5)


def test_adam_one_step_by_the_formula():
    from kerasedu.autograd import Variable
    w = Variable(np.array([1.0, -2.0]))
    g = np.array([0.5, 0.1], dtype=np.float32)
    optimizers.Adam(learning_rate=0.1).apply([g], [w])
    # t = 1: m = 0.1 g, v = 0.001 g^2; step = 0.1 sqrt(1 - .999) / (1 - .9)
    m, v = 0.1 * g, 0.001 * g * g
    expected = np.array([1.0, -2.0]) - 0.1 * np.sqrt(0.001) / 0.1 * m / (np.sqrt(v) + 1e-7)
    np.testing.assert_allclose(w.numpy(), expected, rtol=1e-6)


def test_optimizer_clipping():
    from kerasedu.autograd import Variable
    w = Variable(np.zeros(2))
    optimizers.SGD(learning_rate=1.0, clipnorm=1.0).apply([np.array([3.0, 4.0], np.float32)], [w])
    np.testing.assert_allclose(w.numpy(), [-0.6, -0.8], rtol=1e-6)
    w = Variable(np.zeros(2))
    optimizers.SGD(learning_rate=1.0, clipvalue=0.5).apply([np.array([3.0, -4.0], np.float32)], [w])
    np.testing.assert_allclose(w.numpy(), [-0.5, 0.5])


def test_learning_rate_schedule_is_evaluated_at_each_step():
    schedule = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=1, decay_rate=0.5)
    opt = optimizers.SGD(learning_rate=schedule)
    from kerasedu.autograd import Variable
    w = Variable(np.zeros(1))
    for _ in range(3):
        opt.apply([np.ones(1, np.float32)], [w])      # steps of 0.1, 0.05, 0.025
    np.testing.assert_allclose(w.numpy(), [-0.175], rtol=1e-6)
    assert opt.learning_rate == pytest.approx(0.0125)


def test_backend_clear_session_restarts_names():
    keras.layers.Dense(2)
    keras.backend.clear_session()
    assert keras.layers.Dense(2).name == "dense"


def test_softmax_output_and_logits_give_the_same_sparse_crossentropy_even_when_very_wrong():
    """The fused path reads log-sum-exp from the softmax op: no log(0), as from_logits."""
    from kerasedu import ops
    from kerasedu.autograd import Tensor
    logits = Tensor(np.array([[2.0, 0.0, -1.0], [500.0, -500.0, 0.0]]), requires_grad=True)
    labels = np.array([0, 1])
    from_probs = keras.losses.SparseCategoricalCrossentropy(reduction="none")(labels, ops.softmax(logits))
    from_logits = keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction="none")(labels, logits)
    np.testing.assert_allclose(from_probs.data, from_logits.data, rtol=1e-6)
    assert from_probs.data[1] == np.float32(1000.0)          # exact, not inf or a clipped 16.1
