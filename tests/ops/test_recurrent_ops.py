"""The fused recurrent ops: a central-difference check of BPTT in float64 (relative error < 1e-5),
with masks (padding) and recurrent-dropout factors, for every input including the initial states."""
import numpy as np
import pytest

from kerasedu import ops
from kerasedu.utils.gradient_check import check_gradients

N, T, U = 3, 6, 4
rng = np.random.default_rng(0)
KEEP = rng.random((N, T)) > 0.3                       # some padded steps in every row
KEEP[:, 0] = True
H_KEEP = (rng.random((N, U)) > 0.4) / 0.6             # recurrent dropout with rate 0.4


def inputs(width, states):
    # xw kept small: saturated gates make gradients of 1e-5, where differences are noise
    return ([0.5 * rng.standard_normal((N, T, width)), 0.5 * rng.standard_normal((U, width))]
            + [rng.standard_normal((N, U)) for _ in range(states)])


CASES = {
    "simple_rnn": (lambda xw, u, h: ops.recurrent.simple_rnn(xw, u, h), inputs(U, 1)),
    "simple_rnn relu, masked, dropout": (
        lambda xw, u, h: ops.recurrent.simple_rnn(xw, u, h, KEEP, H_KEEP, activation="relu"),
        inputs(U, 1)),
    "lstm": (lambda xw, u, h, c: ops.recurrent.lstm(xw, u, h, c), inputs(4 * U, 2)),
    "lstm masked, dropout": (lambda xw, u, h, c: ops.recurrent.lstm(xw, u, h, c, KEEP, H_KEEP),
                             inputs(4 * U, 2)),
    "lstm linear cell, masked": (
        lambda xw, u, h, c: ops.recurrent.lstm(xw, u, h, c, KEEP, activation="linear"),
        inputs(4 * U, 2)),
    "gru reset_after": (lambda xw, u, h, b: ops.recurrent.gru(xw, u, h, b),
                        inputs(3 * U, 1) + [rng.standard_normal(3 * U)]),
    "gru reset_after, masked, dropout": (
        lambda xw, u, h, b: ops.recurrent.gru(xw, u, h, b, KEEP, H_KEEP),
        inputs(3 * U, 1) + [rng.standard_normal(3 * U)]),
    "gru reset_before": (lambda xw, u, h: ops.recurrent.gru(xw, u, h, reset_after=False),
                         inputs(3 * U, 1)),
    "gru reset_before, masked, dropout": (
        lambda xw, u, h: ops.recurrent.gru(xw, u, h, None, KEEP, H_KEEP, reset_after=False),
        inputs(3 * U, 1)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_fused_bptt_matches_central_differences(name):
    fn, arrays = CASES[name]
    errors = check_gradients(fn, arrays, max_entries=40, verbose=False)
    assert len(errors) == len(arrays)                 # every input was checked, initial states too
    # 1e-5, not 1e-6: a gradient that has faded through the steps to 1e-5 meets the central
    # difference's own rounding (about 1e-10 here) at 1e-6 relative; a wrong formula is off by far more
    assert max(errors.values()) < 1e-5, errors


def test_a_padded_step_passes_the_states_on_unchanged():
    xw, u, h, c = inputs(4 * U, 2)
    keep = np.ones((N, T), bool)
    keep[:, 3] = False
    out = ops.recurrent.lstm(xw.astype(np.float32), u.astype(np.float32), h.astype(np.float32),
                             c.astype(np.float32), keep).data
    np.testing.assert_array_equal(out[:, 3], out[:, 2])


def test_an_unknown_activation_is_refused_with_the_known_names():
    with pytest.raises(ValueError, match="sigmoid"):
        ops.recurrent.simple_rnn(np.zeros((1, 2, 3)), np.zeros((3, 3)), np.zeros((1, 3)),
                                 activation="gelu")
