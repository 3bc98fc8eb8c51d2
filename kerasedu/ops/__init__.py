"""``keras.ops``: Keras 3's public op namespace, on float32 NumPy arrays.

Every op computes with NumPy and returns a Tensor; the differentiable ones keep
a hand-written backward beside their forward, so ``loss.backward()`` can walk
back through them. Called on a symbolic tensor (``keras.Input``), a public op
records itself in the Functional graph instead (ops/_dispatch.py).

The names and signatures are Keras's (``keras/api/ops``). kerasedu's own coarse
ops, which its layers are written with (``dense``, ``conv2d``, ``batch_norm``,
``sparse_softmax_cross_entropy``, ...), are importable from here too.

>>> from kerasedu import ops
>>> x = ops.convert_to_tensor([[1.0, 2.0], [3.0, 4.0]])
>>> ops.mean(x, axis=0).data, ops.shape(x)
(array([2., 3.], dtype=float32), (2, 2))
"""
from kerasedu.autograd import Tensor, as_tensor, no_grad
from kerasedu.ops.activations import (elu, gelu, hard_sigmoid, leaky_relu, linear, log_sigmoid,
                                      log_softmax, relu, relu6, selu, sigmoid, silu, softmax,
                                      softplus, softsign, swish, tanh)
from kerasedu.ops.conv import conv2d
from kerasedu.ops.convert import (cast, convert_to_numpy, convert_to_tensor, dtype, is_tensor, ndim,
                                  shape, size, stop_gradient)
from kerasedu.ops.creation import (arange, eye, full, full_like, identity, linspace, one_hot, ones,
                                   ones_like, zeros, zeros_like)
from kerasedu.ops.embedding import embedding
from kerasedu.ops.linalg import dense, dot, einsum, matmul, norm
from kerasedu.ops.logic import (all, any, equal, greater, greater_equal, isfinite, isnan, less,
                                less_equal, logical_and, logical_not, logical_or, logical_xor,
                                not_equal, where)
from kerasedu.ops.losses import (binary_cross_entropy, binary_crossentropy,
                                 categorical_cross_entropy, categorical_crossentropy,
                                 sigmoid_binary_cross_entropy, softmax_cross_entropy,
                                 sparse_categorical_crossentropy, sparse_softmax_cross_entropy)
from kerasedu.ops.math import (abs, absolute, add, ceil, clip, divide, exp, expm1, floor, log,
                               log1p, max, maximum, mean, minimum, multiply, negative, power,
                               reciprocal, round, rsqrt, sign, sqrt, square, subtract, sum)
from kerasedu.ops.normalization import batch_norm
from kerasedu.ops.pool import avg_pool2d, global_avg_pool, global_max_pool, max_pool2d
from kerasedu.ops.random import dropout
from kerasedu.ops.rearrange import (broadcast_to, flip, moveaxis, repeat, split, swapaxes, take,
                                    take_along_axis, tile)
from kerasedu.ops.reductions import (argmax, argmin, cumsum, logsumexp, min, moments, prod, std,
                                     top_k, var)
from kerasedu.ops.reshaping import (concatenate, expand_dims, getitem, reshape, squeeze, stack,
                                    transpose)

# Keras's other spellings of the same ops
amax, amin = max, min
true_divide = divide
get_item = getitem
