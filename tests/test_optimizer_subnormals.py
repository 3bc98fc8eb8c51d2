"""Optimizer states are flushed of subnormal numbers (the CPU's slow path), and no step changes for it."""
import numpy as np
import pytest

from kerasedu import optimizers
from kerasedu.autograd import Variable

TINY = np.finfo(np.float32).tiny          # 1.18e-38: below it, float32 numbers are subnormal


def is_subnormal(a: np.ndarray) -> np.ndarray:
    return (a != 0) & (np.abs(a) < TINY)


def sparse_gradients(steps: int, shape=(50,), seed: int = 0):
    """Gradients like those of MNIST's first kernel: entries for rarely-lit pixels are 0 on most
    steps, and the first ten get a gradient on the first 20 steps only, then never again."""
    rng = np.random.default_rng(seed)
    for step in range(steps):
        g = rng.standard_normal(shape).astype(np.float32)
        g[10:][rng.random(shape[0] - 10) < 0.97] = 0.0
        if step >= 20:
            g[:10] = 0.0
        yield g


OPTIMIZERS = {
    "adam": lambda: optimizers.Adam(learning_rate=0.01),
    "adam_amsgrad": lambda: optimizers.Adam(learning_rate=0.01, amsgrad=True),
    "sgd_momentum": lambda: optimizers.SGD(learning_rate=0.01, momentum=0.9),
    "sgd_nesterov": lambda: optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True),
    "rmsprop": lambda: optimizers.RMSprop(learning_rate=0.01),
    "rmsprop_momentum_centered": lambda: optimizers.RMSprop(learning_rate=0.01, momentum=0.9, centered=True),
}


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_every_flush_leaves_no_subnormal_state(name):
    # 0.9 ** 830 is 1e-38: without the flush, the states of the first ten entries would be
    # subnormal by the end (checked below on the same run with the flush switched off)
    w = Variable(np.ones(50, dtype=np.float32))
    optimizer = OPTIMIZERS[name]()
    flushes = 0
    for g in sparse_gradients(850):
        optimizer.apply([g], [w])
        if optimizer.iterations % optimizers.FLUSH_EVERY == 0:
            flushes += 1
            for state in optimizer._slots[id(w)].values():
                assert not is_subnormal(state).any(), f"{name}: a subnormal state at step {optimizer.iterations}"
    assert flushes == 850 // optimizers.FLUSH_EVERY
    assert np.isfinite(w.numpy()).all()


def test_without_the_flush_the_same_run_does_reach_subnormals(monkeypatch):
    # the test above would pass trivially if its gradients never made small states
    monkeypatch.setattr(optimizers, "flush_to_zero", lambda state, scratch: None)
    w = Variable(np.ones(50, dtype=np.float32))
    optimizer = optimizers.SGD(learning_rate=0.01, momentum=0.9)
    for g in sparse_gradients(850):
        optimizer.apply([g], [w])
    assert is_subnormal(optimizer._slots[id(w)]["momentum"]).sum() >= 8


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_the_flush_changes_no_weight(name, monkeypatch):
    # what is flushed is below 1.2e-38: the weights come out bit for bit the same
    runs = []
    for flush in (True, False):
        if not flush:
            monkeypatch.setattr(optimizers, "flush_to_zero", lambda state, scratch: None)
        w = Variable(np.linspace(-1.0, 1.0, 50, dtype=np.float32))
        optimizer = OPTIMIZERS[name]()
        for g in sparse_gradients(850, seed=1):
            optimizer.apply([g], [w])
        runs.append(w.numpy().copy())
    np.testing.assert_array_equal(runs[0], runs[1])


def test_flush_to_zero_keeps_normal_numbers_exactly():
    state = np.array([1e-3, -2.5, TINY, -TINY, 1e-39, -1e-44, 0.0], dtype=np.float32)
    optimizers.flush_to_zero(state, np.empty_like(state))
    np.testing.assert_array_equal(state, np.array([1e-3, -2.5, TINY, -TINY, 0, 0, 0], dtype=np.float32))
