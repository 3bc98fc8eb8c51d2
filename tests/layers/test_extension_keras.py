"""Conv2DTranspose, UpSampling2D, regularizers, constraints and fits with add_loss, against
values recorded from real Keras 3.15 (tests/reference/make_keras_extension_reference.py)."""
import json
import sys
from pathlib import Path

import numpy as np
import pytest

import kerasedu as keras

REFERENCE_DIR = Path(__file__).parents[1] / "reference"
sys.path.insert(0, str(REFERENCE_DIR))
import extension_cases as cases  # noqa: E402

REFERENCE = json.loads((REFERENCE_DIR / "keras_extension_reference.json").read_text())


@pytest.mark.parametrize("name", sorted(cases.CONV_TRANSPOSE_CASES))
def test_conv2d_transpose_matches_keras(name):
    expected = np.array(REFERENCE["conv_transpose"][name])
    got = cases.run_conv_transpose_case(keras, name)
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name", sorted(cases.UPSAMPLING_CASES))
def test_upsampling2d_matches_keras(name):
    np.testing.assert_allclose(cases.run_upsampling_case(keras, name),
                               np.array(REFERENCE["upsampling"][name]), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", sorted(cases.REGULARIZER_CASES))
def test_regularizer_penalties_match_keras(name):
    assert cases.run_regularizer_case(keras, name) == pytest.approx(REFERENCE["regularizers"][name], rel=1e-5)


@pytest.mark.parametrize("name", sorted(cases.CONSTRAINT_CASES))
def test_constraints_match_keras(name):
    np.testing.assert_allclose(cases.run_constraint_case(keras, name),
                               np.array(REFERENCE["constraints"][name]), rtol=1e-5, atol=1e-6)


def test_string_regularizers_have_keras_defaults():
    for name, config in REFERENCE["string_regularizers"].items():
        got = keras.regularizers.get(name).get_config()
        assert got == pytest.approx(config)


@pytest.mark.parametrize("name", cases.FIT_CASES)
def test_fit_with_model_losses_matches_keras(name):
    expected = REFERENCE["fit"][name]
    got = cases.run_fit_case(keras, name)
    np.testing.assert_allclose(got["loss"], expected["loss"], rtol=1e-4)
    np.testing.assert_allclose(got["val_loss"], expected["val_loss"], rtol=1e-4)
    assert got["evaluate"] == pytest.approx(expected["evaluate"], rel=1e-4)
    for w, e in zip(got["weights"], expected["weights"]):
        np.testing.assert_allclose(w, e, rtol=1e-4, atol=1e-5)
    assert sorted(got["losses_after_call"]) == pytest.approx(sorted(expected["losses_after_call"]), rel=1e-4)
