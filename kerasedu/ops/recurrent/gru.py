"""One GRU layer over all steps as one op: the loop forward, BPTT backward beside it.

Forward, for t = 1 ... T, with xw_t cut into (x_z, x_r, x_n), h' = h * recurrent-dropout mask:
  reset_after=True (Keras's default), rec = h'_{t-1} @ U + b_rec cut into (rec_z, rec_r, rec_n):
    z = sigmoid(x_z + rec_z),  r = sigmoid(x_r + rec_r),  n = tanh(x_n + r * rec_n)
  reset_after=False:
    z, r as above with rec = h'_{t-1} @ U[:, :2u],  n = tanh(x_n + (r * h'_{t-1}) @ U_n)
  and then
    h_t = z * h_{t-1} + (1 - z) * n
Backward, for t = T ... 1, carrying dL/dh_t back one step at a time:
    dL/dz = dL/dh_t * (h_{t-1} - n),   dL/dn = dL/dh_t * (1 - z)
    dL/da_n = dL/dn * (1 - n^2)                                   (a_n: the sum inside tanh)
    reset_after=True:   dL/dr = dL/da_n * rec_n,   dL/drec_n = dL/da_n * r
    reset_after=False:  dL/d(r h') = dL/da_n @ U_n^T,   dL/dr = dL/d(r h') * h'_{t-1}
    dL/da_z = dL/dz * z(1-z),  dL/da_r = dL/dr * r(1-r)
    dL/dh_{t-1} = dL/dh_t * z + (dL/drec @ U^T) * mask            (reset_after=True)
                = dL/dh_t * z + ([dL/da_z, dL/da_r] @ U_zr^T + dL/d(r h') * r) * mask
and, after the loop, dL/dU as one matrix product over all steps.

The same cell composed of tape ops is ``kerasedu.layers.GRU.step``: tests compare the two.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from kerasedu.ops._graph import Tensor, as_tensor
from kerasedu.ops.recurrent._activations import lookup


def gru(xw, recurrent_kernel, h0, recurrent_bias=None, keep: Optional[np.ndarray] = None,
        h_keep: Optional[np.ndarray] = None, reset_after: bool = True, activation: str = "tanh",
        recurrent_activation: str = "sigmoid") -> Tensor:
    """Run a GRU over every step; return every state h_t, (N, T, units).

    Args:
        xw: x_t @ kernel + input bias for all steps, (N, T, 3*units), blocks z, r, n.
        recurrent_kernel: U, (units, 3*units).
        h0: the initial state, (N, units); it gets a gradient too.
        recurrent_bias: b_rec, (3*units,), added to h' @ U (reset_after=True only), or None.
        keep: (N, T) booleans or None: False leaves the state as it was (padding).
        h_keep: (N, units) or None: the recurrent-dropout factors for h_{t-1}.
        reset_after: where the reset gate acts (see above).
        activation, recurrent_activation: names from ``_activations.ACTIVATIONS``.

    >>> import numpy as np
    >>> out = gru(np.zeros((1, 3, 6), np.float32), np.zeros((2, 6), np.float32),
    ...           np.ones((1, 2), np.float32))
    >>> out.shape, float(out.data[0, -1, 0])      # z = 0.5, n = 0: h halves at every step
    ((1, 3, 2), 0.125)
    """
    xw, U, h0 = (as_tensor(t) for t in (xw, recurrent_kernel, h0))
    parents = (xw, U, h0)
    if recurrent_bias is not None:
        recurrent_bias = as_tensor(recurrent_bias)
        parents += (recurrent_bias,)
    act, act_grad = lookup(activation)
    gate, gate_grad = lookup(recurrent_activation)
    x = xw.data
    N, T, width = x.shape
    u = width // 3
    dtype = x.dtype
    keep_f = None if keep is None else np.asarray(keep, dtype)[:, :, None]   # (N, T, 1)

    states = np.empty((N, T, u), dtype)          # the output: h_t for every step
    gates = np.empty((T, N, 3 * u), dtype)       # z, r, n after their activations
    h_in = np.empty((T, N, u), dtype)            # h'_{t-1}
    saved = np.empty((T, N, u), dtype)           # rec_n (reset_after) or r * h'_{t-1} (before)
    rec = np.empty((N, 3 * u if reset_after else 2 * u), dtype)
    h_new = np.empty((N, u), dtype)
    h = h0.data
    for t in range(T):
        if h_keep is None:
            h_in[t] = h
        else:
            np.multiply(h, h_keep, out=h_in[t])
        zrn = gates[t]
        if reset_after:
            np.matmul(h_in[t], U.data, out=rec)
            if recurrent_bias is not None:
                rec += recurrent_bias.data
            saved[t] = rec[:, 2 * u:]                                   # rec_n, for dL/dr
        else:
            np.matmul(h_in[t], U.data[:, :2 * u], out=rec)
        np.add(x[:, t, :2 * u], rec[:, :2 * u], out=zrn[:, :2 * u])
        gate(zrn[:, :2 * u], out=zrn[:, :2 * u])                       # z, r
        z, r, n = zrn[:, :u], zrn[:, u:2 * u], zrn[:, 2 * u:]
        if reset_after:
            np.multiply(r, rec[:, 2 * u:], out=n)                       # r * rec_n
        else:
            np.multiply(r, h_in[t], out=saved[t])                       # r * h'
            np.matmul(saved[t], U.data[:, 2 * u:], out=n)
        n += x[:, t, 2 * u:]
        act(n, out=n)                                                   # the candidate
        np.subtract(h, n, out=h_new)                                    # h_t = z h_{t-1} + (1-z) n
        h_new *= z                                                      #     = n + z (h_{t-1} - n)
        h_new += n
        if keep_f is None:
            states[:, t] = h_new
        else:
            states[:, t] = h + keep_f[:, t] * (h_new - h)              # padding: h goes on
        h = states[:, t]

    def backward(grad):                                      # grad: dL/d(states), (N, T, u)
        dx_all = np.empty((T, N, 3 * u), dtype)              # dL/dxw_t for every step
        drec_all = np.empty((T, N, 3 * u), dtype) if reset_after else None
        dh = np.zeros((N, u), dtype)                         # dL/dh_t, carried back
        slope = np.empty((N, u), dtype)
        U_zr_t = np.ascontiguousarray(U.data[:, :2 * u].T)
        U_n_t = np.ascontiguousarray(U.data[:, 2 * u:].T)
        U_t = np.ascontiguousarray(U.data.T)
        for t in reversed(range(T)):
            dh += grad[:, t]
            if keep_f is None:
                dh_new = dh
            else:                                            # a padded step passed h on unchanged
                dh_new = dh * keep_f[:, t]
                dh -= dh_new
            z, r, n = (gates[t, :, j * u:(j + 1) * u] for j in range(3))
            h_prev = h0.data if t == 0 else states[:, t - 1]
            dx = dx_all[t]
            da_z, da_r, da_n = (dx[:, j * u:(j + 1) * u] for j in range(3))
            np.subtract(h_prev, n, out=da_z)
            da_z *= dh_new                                                # dL/dz = dh (h_{t-1} - n)
            np.subtract(1.0, z, out=da_n)
            da_n *= dh_new                                                # dL/dn = dh (1 - z)
            da_n *= act_grad(n, slope)                                    # dL/da_n
            if reset_after:
                np.multiply(da_n, saved[t], out=da_r)                     # dL/dr = da_n rec_n
            else:
                d_rh = da_n @ U_n_t                                       # dL/d(r h')
                np.multiply(d_rh, h_in[t], out=da_r)                      # dL/dr = d(r h') h'
            da_z *= gate_grad(z, slope)
            da_r *= gate_grad(r, slope)
            if reset_after:
                drec = drec_all[t]                                        # dL/drec = [da_z, da_r,
                drec[:, :2 * u] = dx[:, :2 * u]                           #            da_n * r]
                np.multiply(da_n, r, out=drec[:, 2 * u:])
                dh_prev = drec @ U_t
            else:
                dh_prev = dx[:, :2 * u] @ U_zr_t + d_rh * r
            if h_keep is not None:
                dh_prev *= h_keep
            dh_prev += dh_new * z                                         # h_{t-1} in z h_{t-1}
            if keep_f is None:
                dh = dh_prev
            else:
                dh += dh_prev
        if reset_after:
            dU = h_in.reshape(T * N, u).T @ drec_all.reshape(T * N, 3 * u)
        else:
            dU = np.empty_like(U.data)
            dU[:, :2 * u] = h_in.reshape(T * N, u).T @ dx_all[:, :, :2 * u].reshape(T * N, 2 * u)
            dU[:, 2 * u:] = saved.reshape(T * N, u).T @ dx_all[:, :, 2 * u:].reshape(T * N, u)
        grads = (dx_all.transpose(1, 0, 2), dU, dh)
        if recurrent_bias is not None:
            grads += (drec_all.sum(axis=(0, 1)),)
        return grads

    return Tensor.from_op(states, parents, backward, "gru")
