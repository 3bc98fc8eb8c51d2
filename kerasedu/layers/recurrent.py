"""Recurrent layers: SimpleRNN, LSTM and GRU read a sequence one step at a time.

A recurrent layer reads x_1 ... x_T (batch, steps, features) in order and keeps a
state h (batch, units), which every step updates from that step's input and the
state before it:

    h_t = step(x_t, h_{t-1}),      h_0 = 0

It returns the last state h_T, a summary of the whole sequence, or with
``return_sequences=True`` every h_t: (batch, steps, units).

The part of a step that depends on the input only, x_t @ kernel + bias, is one
matrix product for all steps at once, before the loop; the loop adds
h_{t-1} @ recurrent_kernel. The loop and its backward, backpropagation through
time written out step by step, are one op per layer call
(``kerasedu.ops.recurrent``); each layer's ``step`` is the same cell in tape ops,
the readable reference that tests compare the op with (and that runs for an
activation the op does not know).

With a mask (``Embedding(mask_zero=True)``), a padded step leaves the state as it
was: state = keep * new + (1 - keep) * old, keep = 1 for a real step, 0 for padding.

>>> import numpy as np
>>> layer = LSTM(4, return_sequences=True)
>>> layer(np.ones((2, 5, 3))).shape                  # (batch, steps, units)
(2, 5, 4)
>>> [w.shape for w in layer.weights]                  # the 4 gates side by side: i, f, c, o
[(3, 16), (4, 16), (16,)]
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from kerasedu import activations, initializers, ops
from kerasedu.autograd import Tensor
from kerasedu.layers.layer import Layer
from kerasedu.ops import recurrent as recurrent_ops
from kerasedu.utils import random as krandom


# the activations kerasedu.ops.recurrent knows, by function (a custom function runs step by step)
_FUSABLE = {fn: name for name in ("sigmoid", "tanh", "relu", "linear")
            for fn in (getattr(activations, name), getattr(ops, name))}

SEQUENCE_HINT = ("Recurrent layers read (batch, steps, features): word ids need an Embedding first, "
                 "and a series of single numbers a feature axis, x[..., None].")


class _Recurrent(Layer):
    """What SimpleRNN, LSTM and GRU share: the loop over steps, masks, dropout, options.

    A subclass says how many blocks of ``units`` its kernels hold (``gates``), how many
    states it keeps (``state_count``: h, or h and c) and writes ``step``.
    """

    gates = 1
    state_count = 1
    # kernel_/recurrent_/bias_regularizer and _constraint: taken and attached by Layer
    _weight_options = {"kernel": "kernel", "recurrent": "recurrent_kernel", "bias": "bias"}

    def __init__(self, units: int, activation="tanh", use_bias: bool = True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", dropout: float = 0.0, recurrent_dropout: float = 0.0,
                 return_sequences: bool = False, return_state: bool = False,
                 go_backwards: bool = False, stateful: bool = False, unroll: bool = False,
                 zero_output_for_mask: bool = False, seed: Optional[int] = None, **kwargs):
        super().__init__(**kwargs)
        kind = type(self).__name__
        if not isinstance(units, (int, np.integer)) or units <= 0:
            raise ValueError(f"{kind}: units must be a positive integer, got {units!r}.")
        for arg, value in (("dropout", dropout), ("recurrent_dropout", recurrent_dropout)):
            if not 0.0 <= value < 1.0:
                raise ValueError(f"{kind}: {arg} must be in [0, 1), got {value!r}.")
        if stateful:
            raise ValueError(f"{kind}(stateful=True) is not supported in kerasedu: every batch "
                             f"starts from a zero state. Leave stateful=False.")
        self.units = int(units)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.dropout, self.recurrent_dropout = float(dropout), float(recurrent_dropout)
        self.return_sequences, self.return_state = return_sequences, return_state
        self.go_backwards = go_backwards
        self.stateful, self.unroll = stateful, unroll     # unroll: the loop is always written out
        # with return_sequences, a padded step outputs 0 instead of the state carried over
        # (Keras's default is False; Bidirectional sets it, so padding reads 0 on both sides)
        self.zero_output_for_mask = zero_output_for_mask
        self.seed = seed
        self._rng = krandom.generator(seed) if seed is not None else None
        self.supports_masking = True
        self.input_spec = {"ndim": 3, "hint": SEQUENCE_HINT}

    # ---- an initial state travels with the input ------------------------------
    def __call__(self, inputs, *args, initial_state=None, **kwargs):
        """``layer(x, initial_state=[h, c])``: the states go in with x as one list [x, h, c],
        so that in the Functional API the graph knows this layer needs them (seq2seq)."""
        if initial_state is not None:
            states = list(initial_state) if isinstance(initial_state, (list, tuple)) else [initial_state]
            if len(states) != self.state_count:
                raise ValueError(f"{type(self).__name__} layer '{self.name}' keeps {self.state_count} "
                                 f"state(s) ({'h and c' if self.state_count == 2 else 'h'}), but "
                                 f"initial_state has {len(states)}.")
            inputs = [inputs] + states
        return super().__call__(inputs, *args, **kwargs)

    def _check_input(self, inputs) -> None:
        """The spec (3 axes) is the sequence's; initial states that come with it are (batch, units)."""
        super()._check_input(inputs[0] if isinstance(inputs, (list, tuple)) else inputs)

    # ---- weights -------------------------------------------------------------
    def build(self, input_shape) -> None:
        if isinstance(input_shape, list):                            # [x, states...]: x's shape
            input_shape = input_shape[0]
        features = input_shape[-1]
        if features is None:
            raise ValueError(f"{type(self).__name__} layer '{self.name}' needs the last axis of its "
                             f"input (the features of a step) to have a known size; got "
                             f"{input_shape}.")
        width = self.gates * self.units
        self.kernel = self.add_weight(shape=(features, width), name="kernel",
                                      initializer=self.kernel_initializer)
        self.recurrent_kernel = self.add_weight(shape=(self.units, width), name="recurrent_kernel",
                                                initializer=self.recurrent_initializer)
        self.bias = self.add_weight(shape=self._bias_shape(), name="bias",
                                    initializer=self._bias_initial_values) if self.use_bias else None
        self.input_spec = {"ndim": 3, "axes": {-1: features}, "hint": SEQUENCE_HINT}
        self.built = True

    def _bias_shape(self) -> tuple:
        return (self.gates * self.units,)

    def _bias_initial_values(self, shape, dtype="float32") -> np.ndarray:
        return self.bias_initializer(shape, dtype)

    def _input_bias(self):
        """The bias added to x_t @ kernel (GRU with reset_after keeps a second one)."""
        return self.bias

    # ---- the loop ------------------------------------------------------------
    def call(self, inputs, mask=None, training=None):
        initial_state = None
        if isinstance(inputs, (list, tuple)):                        # [x, h] or [x, h, c]
            inputs, initial_state = inputs[0], list(inputs[1:])
            mask = mask[0] if isinstance(mask, list) else mask
        x = inputs                                                   # (batch, steps, features)
        batch = x.shape[0]
        rng = self._rng if self._rng is not None else krandom.generator()
        if training and self.dropout > 0:       # one dropout mask for all steps, as Keras
            x = ops.dropout(x, self.dropout, rng, noise_shape=(None, 1, None))
        xw = ops.dense(x, self.kernel, self._input_bias())           # (batch, steps, gates*units)
        states = self._initial_states(batch, initial_state)          # [(batch, units), ...]
        h_keep = None
        if training and self.recurrent_dropout > 0:                  # dropout on h_{t-1} @ U
            h_keep = ops.dropout(Tensor(np.ones((batch, self.units), np.float32)),
                                 self.recurrent_dropout, rng)
        keep = None if mask is None else np.asarray(mask, dtype=np.float32)   # (batch, steps)
        if self.fused and self._activation_names() is not None:
            outputs, states = self._run_fused(xw, states, keep, h_keep)
        else:
            outputs, states = self._run_steps(xw, states, keep, h_keep)
        output = outputs if self.return_sequences else states[0]
        return [output] + states if self.return_state else output

    # Speed trick: one fused op per call (kerasedu.ops.recurrent), forward loop and BPTT
    # written out; the readable twin is _run_steps with the cell ``step`` in tape ops.
    fused = True

    def _run_steps(self, xw, states: list, keep, h_keep):
        """The reference loop: one ``step`` of tape ops per time step; backward is the tape's."""
        outputs = []
        steps = xw.shape[1]
        for t in (reversed(range(steps)) if self.go_backwards else range(steps)):
            h_for_matmul = states[0] if h_keep is None else states[0] * h_keep
            new_states = self.step(xw[:, t], h_for_matmul, states)
            if keep is not None:                # a padded step leaves every state as it was
                k = Tensor(keep[:, t:t + 1])                          # (batch, 1): 1 real, 0 padding
                new_states = [k * new + (1.0 - k) * old for new, old in zip(new_states, states)]
            states = new_states
            outputs.append(states[0] if keep is None or not self.zero_output_for_mask else states[0] * k)
        return (ops.stack(outputs, axis=1) if self.return_sequences else None), states

    def _run_fused(self, xw, states: list, keep, h_keep):
        """All steps in one op; its output holds every step's states side by side."""
        if self.go_backwards:                   # read from the end: the op always runs forwards
            xw = xw[:, ::-1]
            keep = None if keep is None else keep[:, ::-1]
        all_states = self._fused_op(xw, states, keep, None if h_keep is None else h_keep.data)
        u = self.units                                                # (batch, steps, states*units)
        states = [all_states[:, -1, j * u:(j + 1) * u] for j in range(self.state_count)]
        outputs = None
        if self.return_sequences:
            outputs = all_states[:, :, :u] if self.state_count > 1 else all_states
            if keep is not None and self.zero_output_for_mask:       # padding outputs 0
                outputs = outputs * Tensor(keep[:, :, None])
        return outputs, states

    def _fused_op(self, xw, states: list, keep, h_keep):
        """The subclass's op from kerasedu.ops.recurrent: every state for every step."""
        raise NotImplementedError

    def _activation_names(self) -> Optional[tuple]:
        """The activations' names if the fused op knows them all, else None (then: the steps)."""
        names = []
        for fn in (self.activation, getattr(self, "recurrent_activation", activations.linear)):
            name = _FUSABLE.get(fn)
            if name is None:
                return None
            names.append(name)
        return tuple(names)

    def step(self, xw_t, h_for_matmul, states: list) -> list:
        """The new states from x_t @ kernel + bias (xw_t) and the states before."""
        raise NotImplementedError

    def _initial_states(self, batch: int, initial_state) -> list:
        if initial_state is None:
            return [Tensor(np.zeros((batch, self.units), np.float32)) for _ in range(self.state_count)]
        for state in initial_state:
            if tuple(state.shape) != (batch, self.units):
                raise ValueError(f"{type(self).__name__} layer '{self.name}': an initial state must "
                                 f"have shape (batch, units) = ({batch}, {self.units}); got "
                                 f"{tuple(state.shape)}.")
        return initial_state

    # ---- shapes, masks, config -----------------------------------------------
    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, list):                            # [x, states...]
            input_shape = input_shape[0]
        batch, steps = input_shape[0], input_shape[1]
        output = (batch, steps, self.units) if self.return_sequences else (batch, self.units)
        if self.return_state:
            return [output] + [(batch, self.units)] * self.state_count
        return output

    def compute_mask(self, inputs, mask=None):
        """The mask goes on with the sequence (return_sequences), not with one last state."""
        mask = mask[0] if isinstance(mask, list) else mask
        return mask if self.return_sequences else None

    def get_config(self) -> dict:
        return {**super().get_config(), "units": self.units,
                "activation": activations.serialize(self.activation), "use_bias": self.use_bias,
                "kernel_initializer": initializers.serialize(self.kernel_initializer),
                "recurrent_initializer": initializers.serialize(self.recurrent_initializer),
                "bias_initializer": initializers.serialize(self.bias_initializer),
                "dropout": self.dropout, "recurrent_dropout": self.recurrent_dropout,
                "return_sequences": self.return_sequences, "return_state": self.return_state,
                "go_backwards": self.go_backwards, "stateful": self.stateful,
                "unroll": self.unroll, "zero_output_for_mask": self.zero_output_for_mask,
                "seed": self.seed}


class SimpleRNN(_Recurrent):
    """h_t = tanh(x_t @ W + h_{t-1} @ U + b): the plainest recurrent layer.

    Shapes: W (features, units), U (units, units), b (units,).

    Args (all three layers):
        units: the size of the state h.
        activation: default "tanh".
        return_sequences: return every h_t (batch, steps, units), e.g. to stack another
            recurrent layer on top; default: only the last (batch, units).
        return_state: also return the final states: [output, h] (LSTM: [output, h, c]).
        go_backwards: read the sequence from the end (the outputs come in that order).
        dropout, recurrent_dropout: while training, drop inputs / the state's share in
            each step, with one mask for all steps, as Keras.
        kernel_initializer, recurrent_initializer, bias_initializer: default
            "glorot_uniform", "orthogonal", "zeros".
    Call: ``layer(x, initial_state=[h])`` (LSTM: ``[h, c]``) starts from given states,
    e.g. a seq2seq decoder from its encoder's states.

    >>> SimpleRNN(3)(np.ones((2, 7, 5))).shape             # the last state of each sequence
    (2, 3)
    """

    def step(self, xw_t, h_for_matmul, states):
        return [self.activation(xw_t + ops.matmul(h_for_matmul, self.recurrent_kernel))]

    def _fused_op(self, xw, states, keep, h_keep):
        return recurrent_ops.simple_rnn(xw, self.recurrent_kernel, states[0], keep=keep,
                                        h_keep=h_keep, activation=self._activation_names()[0])


class _Gated(_Recurrent):
    """LSTM and GRU: recurrent layers whose gates (numbers between 0 and 1) say how much
    to keep, write or show; ``recurrent_activation`` (default "sigmoid") makes them."""

    def __init__(self, units: int, activation="tanh", recurrent_activation="sigmoid", **kwargs):
        super().__init__(units, activation=activation, **kwargs)     # Keras's order of arguments
        self.recurrent_activation = activations.get(recurrent_activation)

    def get_config(self) -> dict:
        return {**super().get_config(),
                "recurrent_activation": activations.serialize(self.recurrent_activation)}


class LSTM(_Gated):
    """Long short-term memory: a cell c_t that gates decide what to forget, write and show.

    With z = x_t @ W + h_{t-1} @ U + b cut into four blocks of ``units`` (Keras's order):
        i = sigmoid(z_i)             input gate: how much of the candidate to write
        f = sigmoid(z_f)             forget gate: how much of the old cell to keep
        g = tanh(z_c)                the candidate values
        o = sigmoid(z_o)             output gate: how much of the cell to show
        c_t = f * c_{t-1} + i * g
        h_t = o * tanh(c_t)
    Shapes: W (features, 4*units), U (units, 4*units), b (4*units,). The states are [h, c].

    Args (beyond SimpleRNN's):
        recurrent_activation: the gates' function (default "sigmoid").
        unit_forget_bias: start the forget gate's bias at 1, so the cell keeps its
            content at first (Keras's default, after Jozefowicz et al., 2015).

    >>> out, h, c = LSTM(2, return_state=True)(np.ones((1, 3, 4)))
    >>> out.shape, h.shape, c.shape                         # out is h for the last step
    ((1, 2), (1, 2), (1, 2))
    """

    gates = 4
    state_count = 2

    def __init__(self, *args, unit_forget_bias: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit_forget_bias = unit_forget_bias

    def _bias_initial_values(self, shape, dtype="float32"):
        bias = self.bias_initializer(shape, dtype)
        if self.unit_forget_bias:
            bias[self.units:2 * self.units] = 1.0                    # the forget gate's block
        return bias

    def step(self, xw_t, h_for_matmul, states):
        c_prev = states[1]
        u = self.units
        z = xw_t + ops.matmul(h_for_matmul, self.recurrent_kernel)  # (batch, 4*units)
        i = self.recurrent_activation(z[:, :u])
        f = self.recurrent_activation(z[:, u:2 * u])
        g = self.activation(z[:, 2 * u:3 * u])
        o = self.recurrent_activation(z[:, 3 * u:])
        c = f * c_prev + i * g
        return [o * self.activation(c), c]

    def _fused_op(self, xw, states, keep, h_keep):
        activation, recurrent_activation = self._activation_names()
        return recurrent_ops.lstm(xw, self.recurrent_kernel, states[0], states[1], keep=keep,
                                  h_keep=h_keep, activation=activation,
                                  recurrent_activation=recurrent_activation)

    def get_config(self) -> dict:
        return {**super().get_config(), "unit_forget_bias": self.unit_forget_bias}


class GRU(_Gated):
    """Gated recurrent unit: an update gate mixes the old state with a candidate.

    With x_t @ W + b_in and h_{t-1} @ U + b_rec each cut into three blocks (z, r, h):
        z = sigmoid(xz + hz)                 update gate: how much of the old state to keep
        r = sigmoid(xr + hr)                 reset gate: how much of the old state the candidate sees
        candidate = tanh(xh + r * hh)        (reset_after=True, Keras's default)
        h_t = z * h_{t-1} + (1 - z) * candidate
    With reset_after=False the reset gate acts before the product: tanh(xh + (r * h_{t-1}) @ U_h),
    and there is one bias. Shapes: W (features, 3*units), U (units, 3*units), b (2, 3*units)
    with reset_after (row 0 for the input, row 1 for the recurrent product), else (3*units,).

    >>> layer = GRU(2)
    >>> layer(np.ones((1, 5, 4))).shape, [w.shape for w in layer.weights]
    ((1, 2), [(4, 6), (2, 6), (2, 6)])
    """

    gates = 3

    def __init__(self, *args, reset_after: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.reset_after = reset_after

    def _bias_shape(self) -> tuple:
        return (2, 3 * self.units) if self.reset_after else (3 * self.units,)

    def _input_bias(self):
        if self.bias is None or not self.reset_after:
            return self.bias
        return self.bias[0]

    def step(self, xw_t, h_for_matmul, states):
        h_prev = states[0]
        u = self.units
        if self.reset_after:
            rec = ops.matmul(h_for_matmul, self.recurrent_kernel)   # (batch, 3*units)
            if self.bias is not None:
                rec = rec + self.bias[1]
            z = self.recurrent_activation(xw_t[:, :u] + rec[:, :u])
            r = self.recurrent_activation(xw_t[:, u:2 * u] + rec[:, u:2 * u])
            candidate = self.activation(xw_t[:, 2 * u:] + r * rec[:, 2 * u:])
        else:
            rec = ops.matmul(h_for_matmul, self.recurrent_kernel[:, :2 * u])
            z = self.recurrent_activation(xw_t[:, :u] + rec[:, :u])
            r = self.recurrent_activation(xw_t[:, u:2 * u] + rec[:, u:])
            candidate = self.activation(
                xw_t[:, 2 * u:] + ops.matmul(r * h_for_matmul, self.recurrent_kernel[:, 2 * u:]))
        return [z * h_prev + (1.0 - z) * candidate]

    def _fused_op(self, xw, states, keep, h_keep):
        activation, recurrent_activation = self._activation_names()
        recurrent_bias = self.bias[1] if self.bias is not None and self.reset_after else None
        return recurrent_ops.gru(xw, self.recurrent_kernel, states[0], recurrent_bias, keep=keep,
                                 h_keep=h_keep, reset_after=self.reset_after,
                                 activation=activation, recurrent_activation=recurrent_activation)

    def get_config(self) -> dict:
        return {**super().get_config(), "reset_after": self.reset_after}
