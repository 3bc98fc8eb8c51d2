"""BatchNormalization: keep each channel's activations near mean 0, variance 1."""
from __future__ import annotations

from kerasedu import initializers, ops
from kerasedu.layers.layer import Layer
from kerasedu.ops.normalization import batch_norm, moments


class BatchNormalization(Layer):
    """y = gamma * (x - mean) / sqrt(var + epsilon) + beta, per channel (``axis``).

    Training (``fit``, or ``training=True``) and trainable: mean and var are the
    batch's own, and the moving averages follow them after every batch:
        moving_mean = moving_mean * momentum + batch_mean * (1 - momentum)
        moving_var  = moving_var  * momentum + batch_var  * (1 - momentum)
    (batch_var divides by the batch size, not size - 1, as Keras does).
    Otherwise (``predict``, ``evaluate``, or a frozen layer): the moving averages.

    Weights, in Keras order: gamma, beta (trainable), moving_mean, moving_variance
    (not trainable: they are statistics, updated here and not by the optimizer).

    Args:
        axis: the channel axis (default -1, the last; the only fast one).
        momentum: how slowly the moving averages forget (0.99: ~100 batches).
        epsilon: added to the variance, so a constant channel does not divide by 0.
        center, scale: whether to learn beta, gamma.
        beta_initializer, gamma_initializer, moving_mean_initializer,
        moving_variance_initializer: how the four weights start.

    >>> import numpy as np
    >>> bn = BatchNormalization()
    >>> y = bn(np.array([[1.0], [3.0]]), training=True)    # batch mean 2, variance 1
    >>> y.data.ravel().round(2).tolist()
    [-1.0, 1.0]
    >>> round(float(bn.moving_mean.data[0]), 4)              # 0 * 0.99 + 2 * 0.01
    0.02
    """

    def __init__(self, axis: int = -1, momentum: float = 0.99, epsilon: float = 1e-3,
                 center: bool = True, scale: bool = True, beta_initializer="zeros",
                 gamma_initializer="ones", moving_mean_initializer="zeros",
                 moving_variance_initializer="ones", **kwargs):
        super().__init__(**kwargs)
        self.axis = int(axis)
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.center = bool(center)
        self.scale = bool(scale)
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.supports_masking = True

    def build(self, input_shape) -> None:
        ndim = len(input_shape)
        if not -ndim <= self.axis < ndim:
            raise ValueError(f"BatchNormalization layer '{self.name}': axis={self.axis} does not "
                             f"exist in an input of shape {tuple(input_shape)}.")
        channels = input_shape[self.axis]
        if channels is None:
            raise ValueError(f"BatchNormalization layer '{self.name}' needs axis {self.axis} of its "
                             f"input to have a known size, but got shape {tuple(input_shape)}.")
        shape = (channels,)
        self.gamma = self.add_weight(shape=shape, initializer=self.gamma_initializer,
                                     name="gamma") if self.scale else None
        self.beta = self.add_weight(shape=shape, initializer=self.beta_initializer,
                                    name="beta") if self.center else None
        self.moving_mean = self.add_weight(shape=shape, initializer=self.moving_mean_initializer,
                                           name="moving_mean", trainable=False)
        self.moving_variance = self.add_weight(shape=shape, name="moving_variance",
                                               initializer=self.moving_variance_initializer,
                                               trainable=False)
        self.input_spec = {"ndim": ndim, "axes": {self.axis: channels}}
        self.built = True

    def call(self, inputs, training=None):
        last = inputs.ndim - 1
        axis = self.axis % inputs.ndim
        if axis != last:            # the op normalizes the last axis: move the channels there
            order = [a for a in range(inputs.ndim) if a != axis] + [axis]
            inputs = ops.transpose(inputs, order)
        if training and self.trainable:
            mean, var = moments(inputs.data)                 # the batch's statistics, (C,) each
            m = self.momentum
            # outside the graph: a running average is bookkeeping, not something to differentiate
            self.moving_mean.assign(self.moving_mean.data * m + mean * (1.0 - m))
            self.moving_variance.assign(self.moving_variance.data * m + var * (1.0 - m))
            y = batch_norm(inputs, self.gamma, self.beta, mean, var, self.epsilon, training=True)
        else:
            y = batch_norm(inputs, self.gamma, self.beta, self.moving_mean.data,
                           self.moving_variance.data, self.epsilon, training=False)
        if axis != last:            # and back where they were
            inverse = [order.index(a) for a in range(inputs.ndim)]
            y = ops.transpose(y, inverse)
        return y

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self) -> dict:
        return {**super().get_config(), "axis": self.axis, "momentum": self.momentum,
                "epsilon": self.epsilon, "center": self.center, "scale": self.scale,
                "beta_initializer": initializers.serialize(self.beta_initializer),
                "gamma_initializer": initializers.serialize(self.gamma_initializer),
                "moving_mean_initializer": initializers.serialize(self.moving_mean_initializer),
                "moving_variance_initializer":
                    initializers.serialize(self.moving_variance_initializer)}
