"""Gradient checking: compare backprop's gradients with finite differences.

For a weight w and a scalar loss L, the central difference

    dL/dw  ~=  (L(w + h) - L(w - h)) / (2 h)

is slow (two forward passes per number) but simple enough to trust. If it
agrees with ``backward()``, the hand-written derivatives are right. We compare
with the relative error |a - b| / max(|a| + |b|, tiny), in float64 so that
rounding does not hide a real mistake.

>>> import numpy as np
>>> from kerasedu.layers import Dense
>>> errors = check_layer_gradients(Dense(3, activation="tanh"), np.random.rand(4, 5), verbose=False)
>>> max(errors.values()) < 1e-6
True
"""
from __future__ import annotations

from typing import Callable, Optional, Sequence

import numpy as np

from kerasedu.autograd import Tensor, float64_mode


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """max |a - b| / max(|a| + |b|, 1e-12) over all entries (0 when both are 0)."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12), initial=0.0))


def numerical_gradient(loss_fn: Callable[[], float], array: np.ndarray, h: float = 1e-6,
                       max_entries: Optional[int] = None, rng=None) -> tuple[np.ndarray, np.ndarray]:
    """Central differences of ``loss_fn()`` for entries of ``array`` (changed in place
    and restored). Returns (flat indices checked, their gradients)."""
    flat = array.reshape(-1)          # a view: writing to it changes the array
    indices = np.arange(flat.size)
    if max_entries is not None and flat.size > max_entries:
        rng = rng or np.random.default_rng(0)
        indices = rng.choice(flat.size, max_entries, replace=False)
    grads = np.empty(len(indices))
    for k, i in enumerate(indices):
        old = flat[i]
        flat[i] = old + h
        plus = loss_fn()
        flat[i] = old - h
        minus = loss_fn()
        flat[i] = old
        grads[k] = (plus - minus) / (2.0 * h)
    return indices, grads


def check_gradients(fn: Callable[..., Tensor], inputs: Sequence[np.ndarray],
                    params: Sequence = (), max_entries: int = 50, seed: int = 0,
                    verbose: bool = True) -> dict[str, float]:
    """Check d(sum(fn(*inputs) * R))/d(everything) for a random fixed R.

    Args:
        fn: builds the output from Tensors, e.g. ``lambda x, w: ops.matmul(x, w)``.
        inputs: arrays; each becomes a float64 Tensor that requires a gradient
            (integer arrays are passed as they are, without a check).
        params: Variables used inside ``fn`` (a layer's weights); checked too.
        max_entries: at most this many numbers checked per array (chosen at random).

    Returns:
        name -> relative error ("input_0", ..., then each Variable's path).
    """
    rng = np.random.default_rng(seed)
    with float64_mode():
        tensors = [Tensor(np.array(x, dtype=x.dtype if np.asarray(x).dtype.kind in "iub" else np.float64),
                          requires_grad=np.asarray(x).dtype.kind not in "iub") for x in inputs]
        saved = [p.data for p in params]
        for p in params:                               # weights in float64 for the check
            p.data = p.data.astype(np.float64)
        try:
            out = fn(*tensors)
            projection = rng.standard_normal(out.shape)   # a random direction: every output matters

            def loss() -> float:
                return float(np.sum(fn(*tensors).data * projection))

            for p in params:
                p.grad = None
            out.backward(projection)
            errors = {}
            named = [(f"input_{i}", t) for i, t in enumerate(tensors) if t.requires_grad]
            named += [(getattr(p, "path", f"param_{i}"), p) for i, p in enumerate(params)]
            for name, t in named:
                analytic = t.grad if t.grad is not None else np.zeros_like(t.data)
                idx, numeric = numerical_gradient(loss, t.data, max_entries=max_entries, rng=rng)
                errors[name] = relative_error(analytic.reshape(-1)[idx], numeric)
                if verbose:
                    status = "ok" if errors[name] < 1e-6 else "MISMATCH"
                    print(f"{name:30s} relative error {errors[name]:.2e}  {status}")
        finally:
            for p, data in zip(params, saved):
                p.data = data
                p.grad = None
    return errors


def check_layer_gradients(layer, x: np.ndarray, verbose: bool = True,
                          max_entries: int = 50, training: bool = False) -> dict[str, float]:
    """Check the gradients of a layer (or a model) for its input and every weight.

    Prints one line per weight: its name and the relative error between the
    backprop gradient and the central difference (below 1e-6 is correct).
    """
    x = np.asarray(x)
    if not layer.built:
        layer(x[:1] if x.dtype.kind in "iub" else x[:1].astype(np.float32))   # build the weights
    return check_gradients(lambda t: layer(t, training=training), [x], params=layer.weights
                           if not hasattr(layer, "trainable_weights") else layer.trainable_weights,
                           max_entries=max_entries, verbose=verbose)
