"""One LSTM layer over all steps as one op: the loop forward, BPTT backward beside it.

Forward, for t = 1 ... T (z_t = xw_t + h'_{t-1} @ U, h' = h * recurrent-dropout mask):
    i, f, g, o = sigmoid(z_i), sigmoid(z_f), tanh(z_g), sigmoid(z_o)
    c_t = f * c_{t-1} + i * g
    h_t = o * tanh(c_t)
Backward, for t = T ... 1, carrying dL/dh_t and dL/dc_t back one step at a time:
    dL/do   = dL/dh_t * tanh(c_t)
    dL/dc_t += dL/dh_t * o * (1 - tanh(c_t)^2)        (c_t reaches the loss through h_t too)
    dL/di   = dL/dc_t * g,   dL/dg = dL/dc_t * i,   dL/df = dL/dc_t * c_{t-1}
    dL/dz   = [dL/di * i(1-i), dL/df * f(1-f), dL/dg * (1-g^2), dL/do * o(1-o)]
    dL/dc_{t-1} = dL/dc_t * f
    dL/dh_{t-1} = (dL/dz @ U^T) * mask       (+ dL/dh_{t-1} from the outputs, at step t-1)
and, after the loop, dL/dU = sum_t h'_{t-1}^T @ dL/dz_t: one matrix product over all steps.

The same cell composed of tape ops is ``kerasedu.layers.LSTM.step``: tests compare the two.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from kerasedu.ops._graph import Tensor, as_tensor
from kerasedu.ops.recurrent._activations import lookup


def lstm(xw, recurrent_kernel, h0, c0, keep: Optional[np.ndarray] = None,
         h_keep: Optional[np.ndarray] = None, activation: str = "tanh",
         recurrent_activation: str = "sigmoid") -> Tensor:
    """Run an LSTM over every step; return all states side by side, (N, T, 2*units): [h_t, c_t].

    Args:
        xw: x_t @ kernel + bias for all steps, (N, T, 4*units), in the order to read them
            (reverse it first for go_backwards); gate blocks i, f, g, o as Keras.
        recurrent_kernel: U, (units, 4*units).
        h0, c0: the initial states, (N, units); they get gradients too (seq2seq).
        keep: (N, T) booleans or None: False leaves both states as they were (padding).
        h_keep: (N, units) or None: the recurrent-dropout factors h_{t-1} is multiplied by.
        activation, recurrent_activation: names from ``_activations.ACTIVATIONS``.

    >>> import numpy as np
    >>> out = lstm(np.zeros((2, 5, 12), np.float32), np.zeros((3, 12), np.float32),
    ...            np.zeros((2, 3), np.float32), np.ones((2, 3), np.float32))
    >>> out.shape, float(out.data[0, -1, 3])    # c_t = f c_{t-1} + i g = 0.5^5 with z = 0
    ((2, 5, 6), 0.03125)
    """
    xw, U, h0, c0 = (as_tensor(t) for t in (xw, recurrent_kernel, h0, c0))
    act, act_grad = lookup(activation)
    gate, gate_grad = lookup(recurrent_activation)
    x = xw.data
    N, T, width = x.shape
    u = width // 4
    dtype = x.dtype
    keep_f = None if keep is None else np.asarray(keep, dtype)[:, :, None]   # (N, T, 1): 1 or 0

    # ---- forward: every array preallocated, each step writes into its slice -------------------
    states = np.empty((N, T, 2 * u), dtype)      # the output: h_t and c_t for every step
    gates = np.empty((T, N, 4 * u), dtype)       # i, f, g, o after their activations
    tanh_c = np.empty((T, N, u), dtype)          # tanh(c_t) of the new cell
    h_in = np.empty((T, N, u), dtype)            # h'_{t-1}: what was multiplied by U
    c_new = np.empty((N, u), dtype)
    h_new = np.empty((N, u), dtype)
    h, c = h0.data, c0.data
    for t in range(T):
        if h_keep is None:
            h_in[t] = h
        else:
            np.multiply(h, h_keep, out=h_in[t])
        z = gates[t]                                          # (N, 4u), becomes the gates in place
        np.matmul(h_in[t], U.data, out=z)
        z += x[:, t]
        gate(z[:, :2 * u], out=z[:, :2 * u])                  # i, f
        act(z[:, 2 * u:3 * u], out=z[:, 2 * u:3 * u])         # g
        gate(z[:, 3 * u:], out=z[:, 3 * u:])                  # o
        i, f, g, o = z[:, :u], z[:, u:2 * u], z[:, 2 * u:3 * u], z[:, 3 * u:]
        np.multiply(f, c, out=c_new)                          # c_t = f c_{t-1} + i g
        c_new += i * g
        act(c_new, out=tanh_c[t])
        np.multiply(o, tanh_c[t], out=h_new)                  # h_t = o tanh(c_t)
        if keep_f is None:
            states[:, t, :u], states[:, t, u:] = h_new, c_new
        else:                                                 # padding: the old states go on
            k = keep_f[:, t]
            states[:, t, :u] = h + k * (h_new - h)
            states[:, t, u:] = c + k * (c_new - c)
        h, c = states[:, t, :u], states[:, t, u:]

    # ---- backward: BPTT, from the last step to the first ---------------------------------------
    def backward(grad):                                       # grad: dL/d(states), (N, T, 2u)
        dz_all = np.empty((T, N, 4 * u), dtype)               # dL/dz_t for every step
        dh = np.zeros((N, u), dtype)                          # dL/dh_t, carried back
        dc = np.zeros((N, u), dtype)                          # dL/dc_t, carried back
        slope = np.empty((N, u), dtype)
        Ut = np.ascontiguousarray(U.data.T)                   # (4u, u)
        for t in reversed(range(T)):
            dh += grad[:, t, :u]
            dc += grad[:, t, u:]
            if keep_f is None:
                dh_new, dc_new = dh, dc
            else:                                             # a padded step passed the state on:
                k = keep_f[:, t]                              # its gradient goes to the state before
                dh_new, dc_new = dh * k, dc * k
                dh -= dh_new                                  # what stays in dh, dc is that share
                dc -= dc_new
            i, f, g, o = (gates[t, :, j * u:(j + 1) * u] for j in range(4))
            c_prev = c0.data if t == 0 else states[:, t - 1, u:]
            dz = dz_all[t]
            di, df, dg, do = (dz[:, j * u:(j + 1) * u] for j in range(4))
            np.multiply(dh_new, tanh_c[t], out=do)                        # dL/do = dh tanh(c_t)
            dc_t = dc_new + dh_new * o * act_grad(tanh_c[t], slope)        # dL/dc_t
            np.multiply(dc_t, g, out=di)                                  # dL/di = dc g
            np.multiply(dc_t, c_prev, out=df)                             # dL/df = dc c_{t-1}
            np.multiply(dc_t, i, out=dg)                                  # dL/dg = dc i
            di *= gate_grad(i, slope)                                     # through the activations
            df *= gate_grad(f, slope)
            dg *= act_grad(g, slope)
            do *= gate_grad(o, slope)
            dc_prev = dc_t * f                                            # dL/dc_{t-1}
            dh_prev = dz @ Ut                                             # dL/dh'_{t-1}
            if h_keep is not None:
                dh_prev *= h_keep
            if keep_f is None:
                dh, dc = dh_prev, dc_prev
            else:
                dh += dh_prev
                dc += dc_prev
        dxw = dz_all.transpose(1, 0, 2)                                   # (N, T, 4u)
        dU = h_in.reshape(T * N, u).T @ dz_all.reshape(T * N, 4 * u)      # all steps at once
        return dxw, dU, dh, dc

    return Tensor.from_op(states, (xw, U, h0, c0), backward, "lstm")
