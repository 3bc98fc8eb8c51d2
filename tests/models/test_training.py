"""fit / evaluate / predict and their Keras arguments."""
import numpy as np
import pytest

import kerasedu as keras
from kerasedu.callbacks import Callback
from kerasedu.layers import Dense
from kerasedu.utils import set_random_seed


def small_model(units=3, activation="softmax", loss="sparse_categorical_crossentropy", **compile_kw):
    model = keras.Sequential([keras.Input(shape=(4,)), Dense(8, activation="relu"),
                              Dense(units, activation=activation)])
    model.compile(optimizer=compile_kw.pop("optimizer", "adam"), loss=loss, **compile_kw)
    return model


def data(n=60, classes=3):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, 4)).astype("float32")
    y = x[:, :3].argmax(axis=1) if classes == 3 else (x[:, 0] > 0).astype(int)   # linearly separable
    return x, y


class Recorder(Callback):
    """Writes down every hook call, to check the order fit uses."""

    def __init__(self):
        super().__init__()
        self.calls = []

    def __getattribute__(self, name):
        if name.startswith("on_") and not name.startswith("on_batch"):
            calls = object.__getattribute__(self, "calls")
            return lambda *args, **kwargs: calls.append((name,) + tuple(a for a in args if isinstance(a, int)))
        return object.__getattribute__(self, name)


def test_fit_learns_a_separable_problem():
    x, y = data(300)
    model = small_model(metrics=["accuracy"])
    history = model.fit(x, y, epochs=30, batch_size=16, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0] * 0.5
    assert history.history["accuracy"][-1] > 0.9


def test_callback_hooks_are_called_in_keras_order():
    x, y = data(10)
    rec = Recorder()
    small_model().fit(x, y, epochs=2, batch_size=5, validation_data=(x, y), callbacks=[rec], verbose=0)
    assert rec.calls[:4] == [("on_train_begin",), ("on_epoch_begin", 0), ("on_train_batch_begin", 0),
                             ("on_train_batch_end", 0)]
    epoch0 = rec.calls[:rec.calls.index(("on_epoch_end", 0)) + 1]
    assert ("on_test_begin",) in epoch0 and ("on_test_batch_end", 1) in epoch0   # validation inside the epoch
    assert rec.calls[-1] == ("on_train_end",)
    assert rec.calls.count(("on_train_batch_end", 1)) == 2


def test_old_batch_hook_names_are_called_by_fit_as_in_keras():
    """Keras 2 tutorials override on_batch_begin / on_batch_end; Keras still calls them."""
    class OldStyle(Callback):
        def __init__(self):
            super().__init__()
            self.begun, self.ended = [], []

        def on_batch_begin(self, batch, logs=None):
            self.begun.append(batch)

        def on_batch_end(self, batch, logs=None):
            self.ended.append((batch, sorted(logs)))

    x, y = data(10)
    old = OldStyle()
    small_model(metrics=["accuracy"]).fit(x, y, epochs=1, batch_size=5, callbacks=[old], verbose=0)
    assert old.begun == [0, 1]
    assert old.ended == [(0, ["accuracy", "loss"]), (1, ["accuracy", "loss"])]


def test_batch_size_default_is_32_and_last_partial_batch_is_kept():
    x, y = data(70)
    history = small_model().fit(x, y, epochs=1, verbose=0)
    assert history.params["steps"] == 3            # ceil(70 / 32)
    model = small_model()
    seen = []
    model.fit(x, y, batch_size=32, epochs=1, verbose=0,
              callbacks=[keras.callbacks.LambdaCallback(on_train_batch_begin=lambda b, logs: seen.append(b))])
    assert seen == [0, 1, 2]


def test_validation_split_takes_the_last_fraction_before_shuffling():
    x, y = data(50)
    model = small_model(metrics=["accuracy"])
    history = model.fit(x, y, epochs=1, validation_split=0.2, verbose=0)
    val = model.evaluate(x[40:], y[40:], verbose=0, return_dict=True)
    assert history.history["val_loss"][0] == pytest.approx(val["loss"], rel=1e-6)
    assert history.params["steps"] == 2            # 40 training samples / 32
    with pytest.raises(ValueError, match="empty"):
        model.fit(x[:1], y[:1], validation_split=0.4, verbose=0)      # floor(1 * 0.6) = 0 to train


def test_validation_freq_runs_validation_every_n_epochs():
    x, y = data(20)
    history = small_model().fit(x, y, epochs=4, validation_data=(x, y), validation_freq=2, verbose=0)
    assert len(history.history["loss"]) == 4 and len(history.history["val_loss"]) == 2


def test_initial_epoch_and_history_epochs():
    x, y = data(20)
    history = small_model().fit(x, y, epochs=5, initial_epoch=3, verbose=0)
    assert history.epoch == [3, 4]


def test_steps_per_epoch_limits_the_batches():
    x, y = data(100)
    history = small_model().fit(x, y, batch_size=10, steps_per_epoch=4, epochs=1, verbose=0)
    assert history.params["steps"] == 4


def test_class_weight_equals_the_same_sample_weights():
    x, y = data(40)
    set_random_seed(7)
    a = small_model(optimizer="sgd")
    a.fit(x, y, epochs=2, class_weight={0: 1.0, 1: 3.0, 2: 0.5}, verbose=0, shuffle=False)
    set_random_seed(7)
    b = small_model(optimizer="sgd")
    b.fit(x, y, epochs=2, sample_weight=np.array([1.0, 3.0, 0.5])[y], verbose=0, shuffle=False)
    for wa, wb in zip(a.get_weights(), b.get_weights()):
        np.testing.assert_allclose(wa, wb, rtol=1e-6)
    with pytest.raises(ValueError, match="not both"):
        a.fit(x, y, class_weight={0: 1, 1: 1, 2: 1}, sample_weight=np.ones(40), verbose=0)


def test_stop_training_is_checked_after_every_batch():
    x, y = data(100)

    class StopAtBatch(Callback):
        def on_train_batch_end(self, batch, logs=None):
            if batch == 2:
                self.model.stop_training = True
    seen = []
    small_model().fit(x, y, batch_size=10, epochs=3, verbose=0, callbacks=[
        StopAtBatch(), keras.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: seen.append(b))])
    assert seen == [0, 1, 2]


def test_logged_loss_is_the_batch_size_weighted_mean():
    x, y = data(40)
    model = small_model(optimizer=keras.optimizers.SGD(learning_rate=0.0))   # weights never change
    history = model.fit(x, y, batch_size=32, epochs=1, shuffle=False, verbose=0)
    batch_losses = [model.test_on_batch(x[:32], y[:32]), model.test_on_batch(x[32:], y[32:])]
    expected = (32 * batch_losses[0] + 8 * batch_losses[1]) / 40
    assert history.history["loss"][0] == pytest.approx(expected, rel=1e-5)


def test_same_seed_same_run_bit_for_bit():
    x, y = data(64)
    weights = []
    for _ in range(2):
        set_random_seed(42)
        model = keras.Sequential([keras.Input(shape=(4,)), Dense(8, activation="relu"),
                                  keras.layers.Dropout(0.3), Dense(3, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=2, batch_size=8, verbose=0)
        weights.append(model.get_weights())
    for a, b in zip(*weights):
        np.testing.assert_array_equal(a, b)


def test_evaluate_returns_scalar_list_or_dict():
    x, y = data(30)
    assert isinstance(small_model().evaluate(x, y, verbose=0), float)
    model = small_model(metrics=["accuracy"])
    values = model.evaluate(x, y, verbose=0)
    assert isinstance(values, list) and len(values) == 2 and 0 <= values[1] <= 1
    assert set(model.evaluate(x, y, verbose=0, return_dict=True)) == {"loss", "accuracy"}


def test_predict_concatenates_batches_and_uses_inference_mode():
    x, _ = data(70)
    model = small_model()
    out = model.predict(x, batch_size=32, verbose=0)
    assert out.shape == (70, 3) and out.dtype == np.float32
    np.testing.assert_allclose(out, model(x).numpy(), rtol=1e-6)


@pytest.mark.parametrize("verbose,pattern", [(1, "━"), (2, "/step - loss:")])
def test_progress_output(capsys, verbose, pattern):
    x, y = data(20)
    small_model().fit(x, y, epochs=2, verbose=verbose)
    out = capsys.readouterr().out
    assert "Epoch 1/2" in out and "Epoch 2/2" in out and pattern in out
    assert "1/1" in out


def test_verbose_0_prints_nothing(capsys):
    x, y = data(20)
    small_model().fit(x, y, epochs=2, verbose=0)
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("y_kind,expected", [("sparse", "SparseCategoricalAccuracy"),
                                             ("onehot", "CategoricalAccuracy"),
                                             ("binary", "BinaryAccuracy")])
def test_accuracy_is_resolved_from_shapes(y_kind, expected):
    x, y = data(20)
    if y_kind == "binary":
        model = small_model(units=1, activation="sigmoid", loss="binary_crossentropy", metrics=["acc"])
        y = (y > 0).astype("float32")
    elif y_kind == "onehot":
        model = small_model(loss="categorical_crossentropy", metrics=["accuracy"])
        y = np.eye(3)[y]
    else:
        model = small_model(metrics=["accuracy"])
    history = model.fit(x, y, epochs=1, verbose=0)
    assert type(model.compiled_metrics.all_metrics()[0]).__name__ == expected
    assert ("acc" if y_kind == "binary" else "accuracy") in history.history


def test_optimizer_learning_rate_is_readable_and_settable():
    model = small_model(optimizer=keras.optimizers.Adam(learning_rate=0.01))
    assert model.optimizer.learning_rate == pytest.approx(0.01)
    model.optimizer.learning_rate = 0.5
    assert model.optimizer.learning_rate == 0.5


def test_a_callback_can_unfreeze_a_layer_during_fit():
    """Fine-tuning: layers frozen at first, unfrozen by a callback at epoch 2."""
    x, y = data(40)
    model = small_model()
    first = model.layers[0]
    first.trainable = False
    frozen = first.get_weights()

    class Unfreeze(Callback):
        def on_epoch_begin(self, epoch, logs=None):
            if epoch == 2:
                first.trainable = True

    seen = []
    model.fit(x, y, epochs=4, verbose=0, callbacks=[
        Unfreeze(), keras.callbacks.LambdaCallback(
            on_epoch_end=lambda epoch, logs: seen.append(np.array_equal(first.get_weights()[0], frozen[0])))])
    assert seen == [True, True, False, False]      # unchanged while frozen, trained after
