"""keras.constraints: the projections by formula, names, configs, and applied after each step."""
import numpy as np
import pytest

import kerasedu as keras
from kerasedu import constraints

W = np.array([[3.0, 0.1], [4.0, -0.2]], np.float32)      # column norms 5 and ~0.2236


def test_projections_by_formula():
    np.testing.assert_allclose(constraints.NonNeg()(W), [[3.0, 0.1], [4.0, 0.0]])
    maxed = constraints.MaxNorm(2.0)(W)
    np.testing.assert_allclose(np.linalg.norm(maxed, axis=0), [2.0, np.linalg.norm(W[:, 1])], rtol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(constraints.UnitNorm()(W), axis=0), 1.0, rtol=1e-5)
    bounded = constraints.MinMaxNorm(1.0, 2.0)(W)
    np.testing.assert_allclose(np.linalg.norm(bounded, axis=0), [2.0, 1.0], rtol=1e-5)
    half = constraints.MinMaxNorm(1.0, 2.0, rate=0.5)(W)
    np.testing.assert_allclose(np.linalg.norm(half, axis=0)[0], 0.5 * 2.0 + 0.5 * 5.0, rtol=1e-5)


def test_names_and_configs():
    assert isinstance(constraints.get("non_neg"), constraints.NonNeg)
    assert isinstance(constraints.get("max_norm"), constraints.MaxNorm)
    c = constraints.MinMaxNorm(0.5, 3.0, rate=0.2, axis=[0, 1])
    again = constraints.deserialize(constraints.serialize(c))
    assert again.get_config() == c.get_config()
    with pytest.raises(ValueError, match="Unknown constraint"):
        constraints.get("positive")


def test_fit_applies_constraints_after_each_step():
    model = keras.Sequential([keras.Input(shape=(3,)),
                              keras.layers.Dense(4, kernel_constraint=constraints.MaxNorm(0.5),
                                                 bias_constraint="non_neg")])
    model.compile(optimizer=keras.optimizers.SGD(1.0), loss="mse")
    rng = np.random.default_rng(0)
    model.fit(rng.standard_normal((16, 3)), rng.standard_normal((16, 4)) * 5 - 3, epochs=2,
              batch_size=4, verbose=0)
    dense = model.layers[0]
    assert np.all(np.linalg.norm(dense.kernel.numpy(), axis=0) <= 0.5 + 1e-5)
    assert np.all(dense.bias.numpy() >= 0)
    assert dense.get_config()["kernel_constraint"] == {"class_name": "MaxNorm",
                                                       "config": {"max_value": 0.5, "axis": 0}}
