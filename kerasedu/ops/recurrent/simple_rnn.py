"""One SimpleRNN layer over all steps as one op: the loop forward, BPTT backward beside it.

Forward, for t = 1 ... T (h' = h * recurrent-dropout mask):
    h_t = tanh(xw_t + h'_{t-1} @ U)
Backward, for t = T ... 1, carrying dL/dh_t back one step at a time:
    dL/da_t     = dL/dh_t * (1 - h_t^2)                  (a_t: the sum inside tanh)
    dL/dh_{t-1} = (dL/da_t @ U^T) * mask                 (+ the output's own gradient at t-1)
    dL/dxw_t    = dL/da_t
and, after the loop, dL/dU = sum_t h'_{t-1}^T @ dL/da_t: one matrix product over all steps.

The same cell composed of tape ops is ``kerasedu.layers.SimpleRNN.step``: tests compare the two.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from kerasedu.ops._graph import Tensor, as_tensor
from kerasedu.ops.recurrent._activations import lookup


def simple_rnn(xw, recurrent_kernel, h0, keep: Optional[np.ndarray] = None,
               h_keep: Optional[np.ndarray] = None, activation: str = "tanh") -> Tensor:
    """Run a SimpleRNN over every step; return every state h_t, (N, T, units).

    Args:
        xw: x_t @ kernel + bias for all steps, (N, T, units), in the order to read them.
        recurrent_kernel: U, (units, units).
        h0: the initial state, (N, units); it gets a gradient too.
        keep: (N, T) booleans or None: False leaves the state as it was (padding).
        h_keep: (N, units) or None: the recurrent-dropout factors for h_{t-1}.
        activation: a name from ``_activations.ACTIVATIONS``.

    >>> import numpy as np
    >>> out = simple_rnn(np.ones((2, 4, 3), np.float32), np.zeros((3, 3), np.float32),
    ...                  np.zeros((2, 3), np.float32))
    >>> out.shape, round(float(out.data[0, -1, 0]), 4)           # tanh(1)
    ((2, 4, 3), 0.7616)
    """
    xw, U, h0 = (as_tensor(t) for t in (xw, recurrent_kernel, h0))
    act, act_grad = lookup(activation)
    x = xw.data
    N, T, u = x.shape
    dtype = x.dtype
    keep_f = None if keep is None else np.asarray(keep, dtype)[:, :, None]   # (N, T, 1)

    states = np.empty((N, T, u), dtype)          # the output: h_t for every step
    new = np.empty((T, N, u), dtype)             # the new state before the mask: for tanh'
    h_in = np.empty((T, N, u), dtype)            # h'_{t-1}: what was multiplied by U
    h = h0.data
    for t in range(T):
        if h_keep is None:
            h_in[t] = h
        else:
            np.multiply(h, h_keep, out=h_in[t])
        a = new[t]
        np.matmul(h_in[t], U.data, out=a)
        a += x[:, t]
        act(a, out=a)                                        # h_t = tanh(xw_t + h'_{t-1} U)
        if keep_f is None:
            states[:, t] = a
        else:
            states[:, t] = h + keep_f[:, t] * (a - h)        # padding: the old state goes on
        h = states[:, t]

    def backward(grad):                                      # grad: dL/d(states), (N, T, u)
        da_all = np.empty((T, N, u), dtype)
        dh = np.zeros((N, u), dtype)                         # dL/dh_t, carried back
        Ut = np.ascontiguousarray(U.data.T)
        for t in reversed(range(T)):
            dh += grad[:, t]
            da = da_all[t]
            if keep_f is None:
                np.copyto(da, dh)
            else:                                            # a padded step passed h on unchanged
                np.multiply(dh, keep_f[:, t], out=da)
                dh -= da
            da *= act_grad(new[t], np.empty_like(da))        # dL/da_t = dL/dh_t * (1 - h_t^2)
            dh_prev = da @ Ut                                # dL/dh'_{t-1}
            if h_keep is not None:
                dh_prev *= h_keep
            if keep_f is None:
                dh = dh_prev
            else:
                dh += dh_prev
        dU = h_in.reshape(T * N, u).T @ da_all.reshape(T * N, u)
        return da_all.transpose(1, 0, 2), dU, dh

    return Tensor.from_op(states, (xw, U, h0), backward, "simple_rnn")
