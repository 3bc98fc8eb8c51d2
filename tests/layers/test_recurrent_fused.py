"""The fused recurrent ops (kerasedu.ops.recurrent) against the reference cell of tape ops:
the same outputs and the same gradients for the input, the initial states and every weight,
with masks, go_backwards, return_sequences/return_state, dropout and Bidirectional."""
import numpy as np
import pytest

from kerasedu import layers, ops
from kerasedu.autograd import Tensor
from kerasedu.layers.recurrent import _Recurrent

N, T, F, U = 4, 7, 5, 3
RNG = np.random.default_rng(1)
X = RNG.standard_normal((N, T, F)).astype(np.float32)
MASK = np.ones((N, T), bool)
MASK[1, 4:] = False                          # padded at the end
MASK[2, :3] = False                          # padded at the start (pre-padding)
MASK[3, 2] = False                           # a hole in the middle

CELLS = {
    "SimpleRNN": lambda **kw: layers.SimpleRNN(U, **kw),
    "SimpleRNN relu": lambda **kw: layers.SimpleRNN(U, activation="relu", **kw),
    "LSTM": lambda **kw: layers.LSTM(U, **kw),
    "GRU": lambda **kw: layers.GRU(U, **kw),
    "GRU reset_after=False": lambda **kw: layers.GRU(U, reset_after=False, **kw),
    "LSTM no bias": lambda **kw: layers.LSTM(U, use_bias=False, **kw),
    "LSTM relu": lambda **kw: layers.LSTM(U, activation="relu", **kw),
    "GRU relu": lambda **kw: layers.GRU(U, activation="relu", **kw),
}
OPTIONS = {
    "last state": {},
    "sequences": {"return_sequences": True},
    "backwards, masked": {"go_backwards": True, "return_sequences": True, "mask": True},
    "states in and out, masked": {"return_state": True, "initial_state": True, "mask": True},
    "zero output for mask, backwards": {"return_sequences": True, "zero_output_for_mask": True,
                                        "go_backwards": True, "mask": True, "return_state": True},
    "dropout while training": {"dropout": 0.3, "recurrent_dropout": 0.4, "training": True,
                               "mask": True, "return_sequences": True, "seed": 3},
}
LAYER_ARGS = ("return_sequences", "return_state", "go_backwards", "zero_output_for_mask",
              "dropout", "recurrent_dropout", "seed")


def run(layer, fused: bool, options: dict, weights=None):
    """Outputs and gradients (input, initial states, weights) of sum(outputs * fixed R)."""
    previous, _Recurrent.fused = _Recurrent.fused, fused
    try:
        x = Tensor(X, requires_grad=True)
        kwargs = {"mask": MASK} if options.get("mask") else {}
        if options.get("training"):
            kwargs["training"] = True
        states = []
        if options.get("initial_state"):
            states = [Tensor(RNG_STATES[i], requires_grad=True) for i in range(layer.state_count)]
            kwargs["initial_state"] = states
        if not layer.built:
            layer(x, **kwargs)
        if weights is not None:
            layer.set_weights(weights)
        out = layer(x, **kwargs)
        outs = out if isinstance(out, list) else [out]
        projection = np.random.default_rng(7)
        loss = None
        for o in outs:
            term = ops.sum(o * projection.standard_normal(o.shape).astype(np.float32))
            loss = term if loss is None else loss + term
        for w in layer.weights:
            w.grad = None
        loss.backward()
        grads = [x.grad] + [s.grad for s in states] + [w.grad for w in layer.weights]
        return [o.data for o in outs], grads
    finally:
        _Recurrent.fused = previous


RNG_STATES = [RNG.standard_normal((N, U)).astype(np.float32) for _ in range(2)]


def assert_same(make, options):
    args = {k: v for k, v in options.items() if k in LAYER_ARGS}
    fused_layer, reference_layer = make(**args), make(**args)
    fused_out, fused_grads = run(fused_layer, True, options)
    ref_out, ref_grads = run(reference_layer, False, options, fused_layer.get_weights())
    assert len(fused_out) == len(ref_out)
    for a, b in zip(fused_out, ref_out):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    assert len(fused_grads) == len(ref_grads)
    for a, b in zip(fused_grads, ref_grads):
        assert a is not None and b is not None
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("options", list(OPTIONS))
@pytest.mark.parametrize("cell", list(CELLS))
def test_fused_layer_equals_the_reference_cell(cell, options):
    assert_same(CELLS[cell], OPTIONS[options])


@pytest.mark.parametrize("merge_mode", ["concat", "sum", None])
@pytest.mark.parametrize("cell", ["LSTM", "GRU", "SimpleRNN"])
def test_fused_bidirectional_equals_the_reference(cell, merge_mode):
    make_cell = CELLS[cell]

    def make(**kw):
        return layers.Bidirectional(make_cell(**kw), merge_mode=merge_mode)
    assert_same(make, {"return_sequences": True, "return_state": True, "mask": True})


def graph_ops(tensor):
    return [t._op for t in tensor._topological_order()]


def test_one_layer_call_is_one_op_on_the_tape():
    layer = layers.LSTM(U, return_sequences=True)
    names = graph_ops(layer(Tensor(X, requires_grad=True), mask=MASK))
    assert names.count("lstm") == 1
    assert len(names) < 10                      # the reference loop records about 16 per step


def test_a_custom_activation_runs_the_reference_steps():
    layer = layers.SimpleRNN(U, activation=lambda t: ops.tanh(t) * 0.5)
    names = graph_ops(layer(Tensor(X, requires_grad=True)))
    assert "simple_rnn" not in names and names.count("matmul") == T


def test_initial_states_get_gradients_through_the_fused_op():
    h, c = (Tensor(s, requires_grad=True) for s in RNG_STATES)
    out = layers.LSTM(U)(X, initial_state=[h, c])
    ops.sum(out).backward()
    assert np.abs(h.grad).sum() > 0 and np.abs(c.grad).sum() > 0
