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
    N, T, width = xw.shape
    u = width // 4
    dtype = xw.data.dtype
    keep_f = None if keep is None else np.asarray(keep, dtype)[:, :, None]   # (N, T, 1): 1 or 0
    one_tanh = (activation, recurrent_activation) == ("tanh", "sigmoid")
    if one_tanh:
        # Speed trick: sigmoid(z) = 0.5 tanh(z / 2) + 0.5, so all four gates are ONE tanh of
        # z * half (half = 0.5 on the sigmoid blocks i, f, o, 1 on g), then gate = t * half + shift.
        # Scaling W-part and U once makes z * half come straight out of the matmul.
        half = np.full(4 * u, 0.5, dtype)
        half[2 * u:3 * u] = 1.0
        shift = np.where(half == 0.5, 0.5, 0.0).astype(dtype)     # 0.5 for i, f, o; 0 for g
        slope_of_t = half * half                  # sigmoid' = (1 - t^2) / 4,  tanh' = 1 - t^2
        x = np.ascontiguousarray(xw.data.transpose(1, 0, 2)) * half          # (T, N, 4u)
        U_step = U.data * half
    else:
        act, act_grad = lookup(activation)
        gate, gate_grad = lookup(recurrent_activation)
        x = np.ascontiguousarray(xw.data.transpose(1, 0, 2))                 # (T, N, 4u)
        U_step = U.data

    # ---- forward: every array preallocated, each step writes into its slice -------------------
    H = np.empty((T + 1, N, u), dtype)           # h_0 ... h_T (time first: each step contiguous)
    C = np.empty((T + 1, N, u), dtype)           # c_0 ... c_T
    H[0], C[0] = h0.data, c0.data
    gates = np.empty((T, N, 4 * u), dtype)       # i, f, g, o after their activations
    slopes = np.empty((T, N, 4 * u), dtype)      # their derivatives: i(1-i), ..., 1-g^2, ...
    tanh_c = np.empty((T, N, u), dtype)          # tanh(c_t) of the new cell
    h_in = H[:T] if h_keep is None else np.empty((T, N, u), dtype)   # h'_{t-1}: times U
    ig = np.empty((N, u), dtype)
    new_h, new_c = (np.empty((N, u), dtype), np.empty((N, u), dtype)) if keep_f is not None else (None, None)
    for t in range(T):
        if h_keep is not None:
            np.multiply(H[t], h_keep, out=h_in[t])
        z = gates[t]                                          # (N, 4u), becomes the gates in place
        np.matmul(h_in[t], U_step, out=z)
        z += x[t]
        if one_tanh:
            np.tanh(z, out=z)
            np.multiply(z, z, out=slopes[t])                  # the derivatives, from t = tanh(...)
            np.subtract(1.0, slopes[t], out=slopes[t])
            slopes[t] *= slope_of_t
            z *= half
            z += shift
        else:
            pairs = ((gate, gate_grad), (gate, gate_grad), (act, act_grad), (gate, gate_grad))
            for block, (f_, df_) in enumerate(pairs):           # i, f, g, o
                part = z[:, block * u:(block + 1) * u]
                f_(part, out=part)
                df_(part, slopes[t, :, block * u:(block + 1) * u])
        i, f, g, o = z[:, :u], z[:, u:2 * u], z[:, 2 * u:3 * u], z[:, 3 * u:]
        c_t = C[t + 1] if keep_f is None else new_c
        h_t = H[t + 1] if keep_f is None else new_h
        np.multiply(f, C[t], out=c_t)                         # c_t = f c_{t-1} + i g
        np.multiply(i, g, out=ig)
        c_t += ig
        np.tanh(c_t, out=tanh_c[t]) if one_tanh else act(c_t, out=tanh_c[t])
        np.multiply(o, tanh_c[t], out=h_t)                    # h_t = o tanh(c_t)
        if keep_f is not None:                                # padding: the old states go on
            k = keep_f[:, t]
            np.add(H[t], k * (new_h - H[t]), out=H[t + 1])
            np.add(C[t], k * (new_c - C[t]), out=C[t + 1])
    states = np.concatenate([H[1:], C[1:]], axis=-1).transpose(1, 0, 2)   # (N, T, 2u)
    if not one_tanh:
        cell_slope = np.empty((T, N, u), dtype)
        for t in range(T):
            act_grad(tanh_c[t], cell_slope[t])
    else:
        cell_slope = None                                     # 1 - tanh(c)^2, made step by step

    # ---- backward: BPTT, from the last step to the first ---------------------------------------
    def backward(grad):                                       # grad: dL/d(states), (N, T, 2u)
        dz_all = np.empty((N, T, 4 * u), dtype)               # dL/dz_t = dL/dxw_t, every step
        dh = np.zeros((N, u), dtype)                          # dL/dh_t, carried back
        dc = np.zeros((N, u), dtype)                          # dL/dc_t, carried back
        tmp = np.empty((N, u), dtype)
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
            zt = gates[t]
            i, f, g, o = zt[:, :u], zt[:, u:2 * u], zt[:, 2 * u:3 * u], zt[:, 3 * u:]
            dz = dz_all[:, t]                                 # a view: rows 4u apart by T
            di, df, dg, do = dz[:, :u], dz[:, u:2 * u], dz[:, 2 * u:3 * u], dz[:, 3 * u:]
            np.multiply(dh_new, tanh_c[t], out=do)                        # dL/do = dh tanh(c_t)
            if cell_slope is None:                                        # 1 - tanh(c_t)^2
                np.multiply(tanh_c[t], tanh_c[t], out=tmp)
                np.subtract(1.0, tmp, out=tmp)
            else:
                np.copyto(tmp, cell_slope[t])
            tmp *= o
            tmp *= dh_new
            dc_new += tmp                                                 # dL/dc_t, through h_t too
            np.multiply(dc_new, g, out=di)                                # dL/di = dc g
            np.multiply(dc_new, C[t], out=df)                             # dL/df = dc c_{t-1}
            np.multiply(dc_new, i, out=dg)                                # dL/dg = dc i
            dz *= slopes[t]                                               # through the activations
            dc_prev = dc_new * f                                          # dL/dc_{t-1} = dc f
            dh_prev = dz @ Ut                                             # dL/dh'_{t-1} = dz U^T
            if h_keep is not None:
                dh_prev *= h_keep
            if keep_f is None:
                dh, dc = dh_prev, dc_prev
            else:
                dh += dh_prev
                dc += dc_prev
        h_rows = np.ascontiguousarray(h_in.transpose(1, 0, 2)).reshape(N * T, u)
        dU = h_rows.T @ dz_all.reshape(N * T, 4 * u)                      # all steps at once
        return dz_all, dU, dh, dc

    return Tensor.from_op(states, (xw, U, h0, c0), backward, "lstm")
