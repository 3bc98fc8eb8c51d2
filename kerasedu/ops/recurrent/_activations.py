"""The activations a fused recurrent op knows, each with its derivative written from its output.

BPTT keeps y = f(x) for every step, not x: sigmoid' = y (1 - y) and tanh' = 1 - y^2 need
only y, so each step stores one array per gate. Both functions write into ``out`` (NumPy's
``out=``), so the loop over steps allocates nothing for them.

>>> import numpy as np
>>> y = np.zeros(2, np.float32)
>>> forward, derivative = ACTIVATIONS["sigmoid"]
>>> _ = forward(np.array([0.0, 0.0], np.float32), y); derivative(y, np.empty(2, np.float32))
array([0.25, 0.25], dtype=float32)
"""
from __future__ import annotations

from typing import Callable

import numpy as np

Fn = Callable[[np.ndarray, np.ndarray], np.ndarray]


def sigmoid(x: np.ndarray, out: np.ndarray) -> np.ndarray:
    """sigmoid(x) = 1 / (1 + e^-x), computed as 0.5 tanh(x / 2) + 0.5.

    Speed trick (same function): tanh never overflows, so no branch on the sign of x,
    and three in-place ufuncs instead of six arrays (kerasedu.ops.sigmoid is the twin).
    """
    np.multiply(x, 0.5, out=out)
    np.tanh(out, out=out)
    out *= 0.5
    out += 0.5
    return out


def sigmoid_derivative(y: np.ndarray, out: np.ndarray) -> np.ndarray:
    """sigmoid'(x) = y (1 - y), with y = sigmoid(x)."""
    np.subtract(1.0, y, out=out)
    out *= y
    return out


def tanh(x: np.ndarray, out: np.ndarray) -> np.ndarray:
    return np.tanh(x, out=out)


def tanh_derivative(y: np.ndarray, out: np.ndarray) -> np.ndarray:
    """tanh'(x) = 1 - y^2, with y = tanh(x)."""
    np.multiply(y, y, out=out)
    np.subtract(1.0, out, out=out)
    return out


def relu(x: np.ndarray, out: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0.0, out=out)


def relu_derivative(y: np.ndarray, out: np.ndarray) -> np.ndarray:
    """relu'(x) = 1 where y > 0, else 0."""
    return np.greater(y, 0.0, out=out, casting="unsafe")


def linear(x: np.ndarray, out: np.ndarray) -> np.ndarray:
    np.copyto(out, x)
    return out


def linear_derivative(y: np.ndarray, out: np.ndarray) -> np.ndarray:
    out[...] = 1.0
    return out


# name -> (f(x, out), f'(from y = f(x), out))
ACTIVATIONS: dict[str, tuple[Fn, Fn]] = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "linear": (linear, linear_derivative),
}


def lookup(name: str) -> tuple[Fn, Fn]:
    """The pair for ``name``, or a ValueError that lists the known ones."""
    if name not in ACTIVATIONS:
        raise ValueError(f"The fused recurrent ops know the activations {sorted(ACTIVATIONS)}; "
                         f"got {name!r}. The recurrent layers fall back to their step-by-step "
                         f"cell for any other activation.")
    return ACTIVATIONS[name]
