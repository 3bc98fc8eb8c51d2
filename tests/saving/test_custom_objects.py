"""Your own layers, functions, losses and models come back through custom_objects."""
import numpy as np
import pytest

import kerasedu as keras
from kerasedu import ops
from kerasedu.saving import load_model


class Scale(keras.layers.Layer):
    """y = x * w, one learned factor per feature."""

    def __init__(self, init_value=1.0, **kwargs):
        super().__init__(**kwargs)
        self.init_value = init_value

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],),
                                 initializer=keras.initializers.Constant(self.init_value), name="w")

    def call(self, x):
        return ops.multiply(x, self.w)

    def get_config(self):
        return {**super().get_config(), "init_value": self.init_value}


def swish(x):
    return x * ops.sigmoid(x)


def double(x):
    return x * 2.0


def huber_like(y_true, y_pred):
    return ops.mean(ops.square(y_pred - y_true), axis=-1)


def small_model():
    return keras.Sequential([keras.Input(shape=(3,)), Scale(0.5, name="scale"),
                             keras.layers.Dense(2, activation=swish)])


X = np.linspace(-1, 1, 12, dtype=np.float32).reshape(4, 3)


def test_custom_layer_and_activation(tmp_path):
    model = small_model()
    model.save(tmp_path / "m.keras")
    loaded = load_model(tmp_path / "m.keras", custom_objects={"Scale": Scale, "swish": swish})
    assert type(loaded.get_layer("scale")) is Scale and loaded.get_layer("scale").init_value == 0.5
    assert loaded.layers[1].activation is swish
    assert np.array_equal(loaded.predict(X, verbose=0), model.predict(X, verbose=0))


def test_missing_custom_class_names_it_and_suggests_custom_objects(tmp_path):
    small_model().save(tmp_path / "m.keras")
    with pytest.raises(ValueError, match=r"Unknown layer class 'Scale'.*custom_objects"):
        load_model(tmp_path / "m.keras")
    with pytest.raises(ValueError, match=r"Layer 'dense' \(Dense\).*'swish'.*custom_objects"):
        load_model(tmp_path / "m.keras", custom_objects={"Scale": Scale})


def test_custom_loss_in_the_compile_settings(tmp_path):
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss=huber_like)
    model.fit(X, X[:, :1], epochs=1, verbose=0)
    model.save(tmp_path / "m.keras")
    with pytest.raises(ValueError, match=r"compiling it with the saved settings failed.*"
                                         r"custom_objects"):
        load_model(tmp_path / "m.keras")
    loaded = load_model(tmp_path / "m.keras", custom_objects={"huber_like": huber_like})
    assert loaded.evaluate(X, X[:, :1], verbose=0) == model.evaluate(X, X[:, :1], verbose=0)
    assert not load_model(tmp_path / "m.keras", compile=False).compiled


def test_lambda_layer_needs_its_function(tmp_path):
    inputs = keras.Input(shape=(3,))
    model = keras.Model(inputs, keras.layers.Lambda(double, name="double")(inputs))
    model.save(tmp_path / "m.keras")
    with pytest.raises(ValueError, match=r"Layer 'double' \(Lambda\) wraps the Python function "
                                         r"'double', and safe_mode=True refuses"):
        load_model(tmp_path / "m.keras")
    with pytest.raises(ValueError, match="kerasedu never stores or runs code"):
        load_model(tmp_path / "m.keras", safe_mode=False)         # no code to run either way
    loaded = load_model(tmp_path / "m.keras", custom_objects={"double": double})
    assert np.array_equal(loaded.predict(X, verbose=0), X * 2.0)


class TinyModel(keras.Model):
    """A subclassed model: layers made in __init__, weights on the first call."""

    def __init__(self, units=2, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.hidden = keras.layers.Dense(4, activation="relu")
        self.out = keras.layers.Dense(units)

    def call(self, x):
        return self.out(self.hidden(x))

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def test_subclassed_model(tmp_path):
    model = TinyModel(units=2)
    model.compile(optimizer="adam", loss="mse")
    model.fit(X, X[:, :2], epochs=2, verbose=0)
    model.save(tmp_path / "m.keras")
    loaded = load_model(tmp_path / "m.keras", custom_objects={"TinyModel": TinyModel})
    assert type(loaded) is TinyModel and loaded.units == 2
    assert np.array_equal(loaded.predict(X, verbose=0), model.predict(X, verbose=0))
    assert loaded.optimizer.iterations == model.optimizer.iterations
