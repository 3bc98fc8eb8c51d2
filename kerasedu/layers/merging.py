"""Layers that merge several inputs into one (Functional API)."""
from __future__ import annotations

from kerasedu import ops
from kerasedu.layers.layer import Layer


class _Merge(Layer):
    """Base: takes a list of at least two tensors."""

    def _check_list(self, inputs) -> None:
        # a list of tensors (or of shapes); a single shape is a tuple of numbers
        if not isinstance(inputs, (list, tuple)) or len(inputs) < 2 or any(
                item is None or isinstance(item, int) for item in inputs):
            raise ValueError(f"{type(self).__name__} layer '{self.name}' expects a list of at "
                             f"least 2 inputs, e.g. {type(self).__name__}()([a, b]); "
                             f"received {type(inputs).__name__}.")


class Add(_Merge):
    """y = x1 + x2 + ... (same shapes, or broadcastable).

    >>> import numpy as np
    >>> Add()([np.ones((1, 2)), np.ones((1, 2))]).data
    array([[2., 2.]], dtype=float32)
    """

    def call(self, inputs):
        self._check_list(inputs)
        total = inputs[0]
        for x in inputs[1:]:
            total = ops.add(total, x)
        return total

    def compute_output_shape(self, input_shape):
        self._check_list(input_shape)
        shapes = {tuple(s[1:]) for s in input_shape}
        if len(shapes) > 1:
            raise ValueError(f"Add layer '{self.name}' needs inputs of one shape, got "
                             f"{[tuple(s) for s in input_shape]}.")
        return tuple(input_shape[0])


class Subtract(_Merge):
    """y = x1 - x2 (exactly two inputs)."""

    def call(self, inputs):
        self._check_list(inputs)
        if len(inputs) != 2:
            raise ValueError(f"Subtract layer '{self.name}' takes exactly 2 inputs, got {len(inputs)}.")
        return ops.subtract(inputs[0], inputs[1])


class Multiply(_Merge):
    """y = x1 * x2 * ... elementwise."""

    def call(self, inputs):
        self._check_list(inputs)
        product = inputs[0]
        for x in inputs[1:]:
            product = ops.multiply(product, x)
        return product


class Average(_Merge):
    """y = (x1 + x2 + ...) / n."""

    def call(self, inputs):
        return ops.multiply(Add.call(self, inputs), 1.0 / len(inputs))


class Maximum(_Merge):
    """y = max(x1, x2, ...) elementwise."""

    def call(self, inputs):
        self._check_list(inputs)
        largest = inputs[0]
        for x in inputs[1:]:
            largest = ops.maximum(largest, x)
        return largest


class Minimum(_Merge):
    """y = min(x1, x2, ...) elementwise, written as -max(-x1, -x2, ...).

    >>> import numpy as np
    >>> Minimum()([np.array([[1.0, 5.0]]), np.array([[3.0, 2.0]])]).data
    array([[1., 2.]], dtype=float32)
    """

    def call(self, inputs):
        self._check_list(inputs)
        largest_negative = ops.negative(inputs[0])
        for x in inputs[1:]:
            largest_negative = ops.maximum(largest_negative, ops.negative(x))
        return ops.negative(largest_negative)


class Concatenate(_Merge):
    """y = [x1, x2, ...] joined along ``axis`` (default: the last).

    >>> import numpy as np
    >>> Concatenate()([np.ones((1, 2)), np.ones((1, 3))]).shape
    (1, 5)
    """

    def __init__(self, axis: int = -1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, inputs):
        self._check_list(inputs)
        return ops.concatenate(list(inputs), axis=self.axis)

    def compute_output_shape(self, input_shape):
        self._check_list(input_shape)
        shapes = [list(s) for s in input_shape]
        axis = self.axis % len(shapes[0])
        for s in shapes[1:]:
            others = [d for i, d in enumerate(s) if i not in (0, axis)]
            if len(s) != len(shapes[0]) or others != [d for i, d in enumerate(shapes[0]) if i not in (0, axis)]:
                raise ValueError(
                    f"Concatenate layer '{self.name}' needs inputs whose shapes match except on "
                    f"axis {self.axis}, got {[tuple(x) for x in input_shape]}.")
        sizes = [s[axis] for s in shapes]
        out = list(shapes[0])
        out[axis] = None if None in sizes else sum(sizes)
        return tuple(out)

    def get_config(self) -> dict:
        return {**super().get_config(), "axis": self.axis}


class ScalarOp(Layer):
    """y = x (op) value for a number: what ``x * 2`` or ``x + 1`` on an Input makes.

    >>> import numpy as np
    >>> ScalarOp("multiply", 2.0)(np.ones((1, 2))).data
    array([[2., 2.]], dtype=float32)
    """

    OPS = {"add": ops.add, "subtract": ops.subtract, "multiply": ops.multiply, "divide": ops.divide,
           "reverse_subtract": lambda x, v: ops.subtract(v, x), "reverse_divide": lambda x, v: ops.divide(v, x)}

    def __init__(self, op: str, value: float, **kwargs):
        if op not in self.OPS:
            raise ValueError(f"ScalarOp: unknown op {op!r}; choose from {sorted(self.OPS)}.")
        super().__init__(**kwargs)
        self.op, self.value = op, float(value)

    def call(self, inputs):
        return self.OPS[self.op](inputs, self.value)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self) -> dict:
        return {**super().get_config(), "op": self.op, "value": self.value}


def add(inputs, **kwargs):
    """Functional form of Add."""
    return Add(**kwargs)(inputs)


def concatenate(inputs, axis: int = -1, **kwargs):
    """Functional form of Concatenate."""
    return Concatenate(axis=axis, **kwargs)(inputs)


# The lowercase functions of keras.layers: one call makes the layer and applies it,
# ``keras.layers.average([a, b])`` is ``keras.layers.Average()([a, b])``.
def subtract(inputs, **kwargs):
    """Functional form of Subtract."""
    return Subtract(**kwargs)(inputs)


def multiply(inputs, **kwargs):
    """Functional form of Multiply."""
    return Multiply(**kwargs)(inputs)


def average(inputs, **kwargs):
    """Functional form of Average."""
    return Average(**kwargs)(inputs)


def maximum(inputs, **kwargs):
    """Functional form of Maximum."""
    return Maximum(**kwargs)(inputs)


def minimum(inputs, **kwargs):
    """Functional form of Minimum."""
    return Minimum(**kwargs)(inputs)
