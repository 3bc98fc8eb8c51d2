"""A tiny reverse-mode autodiff engine over NumPy arrays.

Every op (in ``kerasedu/ops``) computes its output with NumPy and returns a
:class:`Tensor` that remembers two things: its parents (the input tensors) and a
``backward`` function that turns the gradient of the output into gradients of
the parents. ``loss.backward()`` then walks those records in reverse order:

    for each tensor t, from the loss back to the inputs:
        grads_of_parents = t.backward(t.grad)     # chain rule, one op at a time
        parent.grad += grad_of_parent

This is micrograd's idea, but with whole float32 arrays instead of scalars, so
a Dense layer is one ``matmul`` op, not 100,000 multiplications.

Example:
    >>> import numpy as np
    >>> from kerasedu import ops
    >>> w = Tensor(np.array([2.0, 3.0]), requires_grad=True)
    >>> loss = ops.sum(ops.multiply(w, w))        # loss = w0^2 + w1^2
    >>> loss.backward()
    >>> w.grad                                    # d loss / dw = 2 w
    array([4., 6.], dtype=float32)
"""
from __future__ import annotations

import contextlib
from typing import Callable, Iterator, Optional, Sequence

import numpy as np

# Whether new ops record themselves for backward(). predict() and evaluate()
# switch it off: no graph is kept, so no memory is spent on it.
_GRAD_ENABLED = True
# The float type of new Tensors: float32 always, except inside float64_mode()
# (gradient checks need the extra precision to see errors of 1e-7).
_FLOAT_DTYPE = np.float32


def is_grad_enabled() -> bool:
    """True when new ops are recorded for ``backward()``."""
    return _GRAD_ENABLED


@contextlib.contextmanager
def no_grad() -> Iterator[None]:
    """Run a block without recording ops (inference, metrics, weight updates).

    >>> with no_grad():
    ...     y = Tensor(np.ones(2), requires_grad=True) * 2.0
    >>> y.requires_grad
    False
    """
    global _GRAD_ENABLED
    previous = _GRAD_ENABLED
    _GRAD_ENABLED = False
    try:
        yield
    finally:
        _GRAD_ENABLED = previous


@contextlib.contextmanager
def float64_mode() -> Iterator[None]:
    """Make new Tensors float64 inside the block (for gradient checking only)."""
    global _FLOAT_DTYPE
    previous = _FLOAT_DTYPE
    _FLOAT_DTYPE = np.float64
    try:
        yield
    finally:
        _FLOAT_DTYPE = previous


# A backward function receives dL/d(output) and returns dL/d(parent) for each
# parent, in the same order (None where a parent needs no gradient).
BackwardFn = Callable[[np.ndarray], Sequence[Optional[np.ndarray]]]


class Tensor:
    """A float32 NumPy array that can remember how it was computed.

    Args:
        data: anything ``np.asarray`` takes; stored as float32 unless it is an
            integer array (token ids, labels), which keeps its dtype.
        requires_grad: whether ``backward()`` should fill ``self.grad``.

    Attributes:
        data: the array itself.
        grad: dL/d(data) after ``backward()``, same shape as ``data``, or None.
    """

    # numpy should call our operators (t * array), not its own elementwise loop
    __array_priority__ = 100

    def __init__(self, data, requires_grad: bool = False):
        array = np.asarray(data)
        if array.dtype.kind not in "iub":  # integers stay integers (ids, labels)
            array = array.astype(_FLOAT_DTYPE, copy=False)
        self.data: np.ndarray = array
        self.requires_grad = requires_grad
        self.grad: Optional[np.ndarray] = None
        self._parents: tuple[Tensor, ...] = ()
        self._backward: Optional[BackwardFn] = None
        self._op = ""  # name of the op that made this tensor, for debugging

    # ---- building the graph ------------------------------------------------
    @classmethod
    def from_op(cls, data: np.ndarray, parents: Sequence["Tensor"],
                backward: BackwardFn, op: str = "") -> "Tensor":
        """Wrap an op's output; record parents and backward if a gradient is needed."""
        out = cls.__new__(cls)
        out.data = data
        out.grad = None
        out._op = op
        needs_grad = False
        if _GRAD_ENABLED:
            for parent in parents:          # a plain loop: any(...) costs more, on every op
                if parent.requires_grad:
                    needs_grad = True
                    break
        out.requires_grad = needs_grad
        out._parents = tuple(parents) if needs_grad else ()
        out._backward = backward if needs_grad else None
        return out

    def backward(self, grad: Optional[np.ndarray] = None) -> None:
        """Fill ``.grad`` of every tensor this one depends on.

        Args:
            grad: dL/d(self); defaults to ones (self is the loss).
        """
        if grad is None:
            grad = np.ones(self.data.shape, self.data.dtype)
        order = self._topological_order()
        self.grad = grad
        owned: set[int] = set()                 # ids of tensors whose .grad is a buffer this walk made
        for tensor in reversed(order):          # from the loss back to the inputs
            if tensor._backward is None or tensor.grad is None:
                continue
            parent_grads = tensor._backward(tensor.grad)
            for parent, g in zip(tensor._parents, parent_grads):
                if g is not None and parent.requires_grad:
                    # a tensor used twice (a shared layer) gets the sum of both gradients
                    _accumulate(parent, g, owned)
            tensor._backward = None              # done with it: free what it kept for backward

    def _topological_order(self) -> list["Tensor"]:
        """The op outputs this tensor depends on, each after all of its parents.

        A depth-first search: a tensor is appended once all of its parents are.
        Leaves (inputs, weights) are skipped: they have no backward to run.
        The search uses an explicit stack, so deep graphs cannot hit Python's
        recursion limit.
        """
        order: list[Tensor] = []
        visited = {self}                       # Tensors hash by identity
        stack = [(self, iter(self._parents))]
        while stack:
            tensor, parents = stack[-1]
            for parent in parents:
                if parent._backward is not None and parent not in visited:
                    visited.add(parent)
                    stack.append((parent, iter(parent._parents)))
                    break                      # visit this parent's parents first
            else:                              # every parent is done: so is this tensor
                stack.pop()
                order.append(tensor)
        return order

    # ---- looking like an array ---------------------------------------------
    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    @property
    def ndim(self) -> int:
        return self.data.ndim

    @property
    def dtype(self) -> np.dtype:
        return self.data.dtype

    def __len__(self) -> int:
        return len(self.data)

    def numpy(self) -> np.ndarray:
        """The values as a NumPy array (no gradient)."""
        return self.data

    def __array__(self, dtype=None, copy=None):
        data = np.asarray(self.data)      # a reduction's result may be a NumPy scalar
        return data if dtype is None else data.astype(dtype)

    def __float__(self) -> float:
        return float(self.data)

    def __repr__(self) -> str:
        grad = ", requires_grad=True" if self.requires_grad else ""
        return f"Tensor(shape={self.shape}, dtype={self.dtype}{grad})\n{self.data}"

    # ---- operators, so custom layers and Lambda can write x * 2 + y ----------
    # (imported late: ops imports this module)
    def __add__(self, other):
        from kerasedu import ops
        return ops.add(self, other)

    def __radd__(self, other):
        from kerasedu import ops
        return ops.add(other, self)

    def __sub__(self, other):
        from kerasedu import ops
        return ops.subtract(self, other)

    def __rsub__(self, other):
        from kerasedu import ops
        return ops.subtract(other, self)

    def __mul__(self, other):
        from kerasedu import ops
        return ops.multiply(self, other)

    def __rmul__(self, other):
        from kerasedu import ops
        return ops.multiply(other, self)

    def __truediv__(self, other):
        from kerasedu import ops
        return ops.divide(self, other)

    def __rtruediv__(self, other):
        from kerasedu import ops
        return ops.divide(other, self)

    def __matmul__(self, other):
        from kerasedu import ops
        return ops.matmul(self, other)

    def __rmatmul__(self, other):
        from kerasedu import ops
        return ops.matmul(other, self)

    def __neg__(self):
        from kerasedu import ops
        return ops.negative(self)

    def __pow__(self, exponent):
        from kerasedu import ops
        return ops.power(self, exponent)

    def __getitem__(self, index):
        from kerasedu import ops
        return ops.getitem(self, index)

    def reshape(self, *shape):
        from kerasedu import ops
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        return ops.reshape(self, shape)

    @property
    def T(self):
        from kerasedu import ops
        return ops.transpose(self)

    def sum(self, axis=None, keepdims=False):
        from kerasedu import ops
        return ops.sum(self, axis=axis, keepdims=keepdims)

    def mean(self, axis=None, keepdims=False):
        from kerasedu import ops
        return ops.mean(self, axis=axis, keepdims=keepdims)


class IndexedGrad:
    """The gradient of a slice ``a[index]``: values that belong at ``index`` of a larger array.

    ``getitem``'s backward returns one instead of a full zero array with ``g`` in it. The
    tape adds ``values`` into ``a``'s gradient buffer at ``index``, so T slices of one
    array (the T steps of a sequence) cost O(T) in total, not T full arrays summed:
    O(T^2).

    Args:
        index: the index the slice was taken with (ints, slices, None, ..., or arrays).
        values: dL/d(a[index]), the slice's gradient.
        shape, dtype: the shape and dtype of ``a``, for when its buffer is made.

    >>> g = IndexedGrad((slice(None), 1), np.ones(2, np.float32), (2, 3), np.float32)
    >>> g.dense()
    array([[0., 1., 0.],
           [0., 1., 0.]], dtype=float32)
    """

    __slots__ = ("index", "values", "shape", "dtype")

    def __init__(self, index, values: np.ndarray, shape: tuple, dtype) -> None:
        self.index, self.values, self.shape, self.dtype = index, values, shape, dtype

    @property
    def fancy(self) -> bool:
        """Whether the index holds arrays or lists: then one element may be picked twice."""
        parts = self.index if isinstance(self.index, tuple) else (self.index,)
        return any(isinstance(p, (np.ndarray, list)) for p in parts)

    def add_into(self, buffer: np.ndarray) -> None:
        """buffer[index] += values, in place."""
        if self.fancy:
            np.add.at(buffer, self.index, self.values)   # add.at: repeated indices add up
        else:
            buffer[self.index] += self.values            # a basic slice: a view, each element once

    def dense(self) -> np.ndarray:
        """The full gradient: zeros with the values at their place."""
        buffer = np.zeros(self.shape, self.dtype)
        self.add_into(buffer)
        return buffer


def _accumulate(parent: Tensor, g, owned: set) -> None:
    """parent.grad += g, without copying more than needed.

    The first dense gradient is kept as it is (no copy). A second one, or a slice's
    IndexedGrad, goes into a buffer that this backward pass made itself (its id in
    ``owned``), so it can be added to in place: an op's backward may return an array
    that is also another tensor's gradient (add returns g twice), which must not change.
    """
    key = id(parent)
    if parent.grad is None:
        if isinstance(g, IndexedGrad):
            parent.grad = g.dense()
            owned.add(key)
        else:
            parent.grad = g                                  # not ours: never written into
        return
    if key not in owned:                                     # make a buffer of our own once
        parent.grad = np.array(parent.grad, dtype=np.result_type(parent.grad, _dtype_of(g)))
        owned.add(key)
    if isinstance(g, IndexedGrad):
        g.add_into(parent.grad)
    elif parent.grad.shape == np.shape(g):
        parent.grad += g
    else:                                                    # a broadcast g: let NumPy make the sum
        parent.grad = parent.grad + g


def _dtype_of(g) -> np.dtype:
    return g.dtype if isinstance(g, IndexedGrad) else np.asarray(g).dtype


def as_tensor(x) -> Tensor:
    """``x`` itself if it is a Tensor, else a constant Tensor holding it."""
    return x if isinstance(x, Tensor) else Tensor(x)


class Variable(Tensor):
    """A trainable weight: a Tensor that keeps its values between steps.

    Layers create them with ``add_weight``; optimizers change them in place.

    >>> v = Variable(np.zeros((2, 3)), name="kernel")
    >>> v.assign(np.ones((2, 3)))
    >>> float(v.numpy().sum())
    6.0
    """

    def __init__(self, value, name: str = "variable", trainable: bool = True):
        super().__init__(value, requires_grad=trainable)
        self.name = name
        self.trainable = trainable
        self.path = name  # "<layer>/<name>", filled in by the layer
        self.regularizer = None   # a penalty added to the loss (see kerasedu/regularizers.py)
        self.constraint = None    # applied after each optimizer step (kerasedu/constraints.py)

    @property
    def trainable(self) -> bool:
        return self._trainable

    @trainable.setter
    def trainable(self, value: bool) -> None:
        self._trainable = bool(value)
        self.requires_grad = bool(value)

    @property
    def value(self) -> np.ndarray:
        return self.data

    def assign(self, value) -> None:
        """Overwrite the values in place, keeping the shape and the float32 dtype.

        A plain number fills the whole variable (``v.assign(0.0)`` zeroes it).
        """
        value = np.asarray(value.data if isinstance(value, Tensor) else value, dtype=self.data.dtype)
        if value.shape != self.data.shape and value.ndim != 0:
            raise ValueError(
                f"Variable '{self.path}' has shape {self.data.shape}, "
                f"but the value to assign has shape {value.shape}.")
        self.data[...] = value

    def assign_add(self, delta) -> None:
        """v <- v + delta, in place (a metric's running total uses it).

        >>> v = Variable(np.zeros(2), name="total", trainable=False)
        >>> v.assign_add([1.0, 2.0])
        >>> v.numpy()
        array([1., 2.], dtype=float32)
        """
        self.assign(self.data + _values_of(delta, self.data.dtype))

    def assign_sub(self, delta) -> None:
        """v <- v - delta, in place."""
        self.assign(self.data - _values_of(delta, self.data.dtype))

    def __repr__(self) -> str:
        return f"<Variable path={self.path}, shape={self.shape}, dtype={self.dtype}>"


def _values_of(value, dtype) -> np.ndarray:
    """The numbers of a Tensor, array or Python number, as ``dtype`` (no gradient)."""
    return np.asarray(value.data if isinstance(value, Tensor) else value, dtype=dtype)
