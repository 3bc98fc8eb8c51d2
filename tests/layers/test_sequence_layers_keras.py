"""SimpleRNN, LSTM, GRU, Bidirectional and Conv1D against numbers recorded from real Keras 3.

tests/reference/make_keras_sequence_reference.py ran the cases of sequence_cases.py with
Keras 3.15.1 (JAX backend): layer outputs with and without masks, backwards,
with states, and the weights after three SGD steps of a masked Embedding -> LSTM
(or GRU) -> Dense model, which checks the gradients through time.
"""
import json
import sys
from pathlib import Path

import numpy as np
import pytest

import kerasedu as keras

REFERENCE_DIR = Path(__file__).resolve().parents[1] / "reference"
sys.path.insert(0, str(REFERENCE_DIR))
import sequence_cases  # noqa: E402

REFERENCE = json.loads((REFERENCE_DIR / "keras_sequence_reference.json").read_text())


@pytest.mark.parametrize("name", list(sequence_cases.LAYER_CASES))
def test_layer_outputs_match_keras(name):
    outputs = sequence_cases.run_layer_case(keras, name)
    expected = REFERENCE["layers"][name]
    assert len(outputs) == len(expected)
    for got, want in zip(outputs, expected):
        np.testing.assert_allclose(got, np.array(want, np.float32), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", list(sequence_cases.TRAINING_CASES))
def test_three_sgd_steps_through_time_match_keras(name):
    weights = sequence_cases.run_training_case(keras, name)
    expected = REFERENCE["training"][name]
    for got, want in zip(weights, expected):
        np.testing.assert_allclose(got, np.array(want, np.float32), rtol=1e-4, atol=1e-6)


def test_initial_state_in_the_functional_api_matches_keras():
    got = sequence_cases.run_initial_state_case(keras)[0]
    np.testing.assert_allclose(got, np.array(REFERENCE["initial_state"][0], np.float32), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", list(sequence_cases.CONV1D_CASES))
def test_conv1d_matches_keras(name):
    got = sequence_cases.run_conv1d_case(keras, name)
    np.testing.assert_allclose(got, np.array(REFERENCE["conv1d"][name], np.float32), rtol=1e-5, atol=1e-6)
