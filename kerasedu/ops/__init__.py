"""Coarse ops on float32 arrays, each with its backward beside its forward.

Layers are written with these; ``Tensor`` operators (+, *, @) call them too.
"""
from kerasedu.autograd import Tensor, as_tensor, no_grad
from kerasedu.ops.activations import elu, gelu, leaky_relu, linear, relu, sigmoid, softmax, tanh
from kerasedu.ops.conv import conv2d
from kerasedu.ops.convert import convert_to_numpy, convert_to_tensor
from kerasedu.ops.embedding import embedding
from kerasedu.ops.linalg import dense, matmul
from kerasedu.ops.losses import (binary_cross_entropy, categorical_cross_entropy,
                                 sigmoid_binary_cross_entropy, softmax_cross_entropy,
                                 sparse_softmax_cross_entropy)
from kerasedu.ops.math import (abs, add, clip, divide, exp, log, max, maximum, mean, multiply,
                               negative, power, sqrt, square, subtract, sum)
from kerasedu.ops.normalization import batch_norm, moments
from kerasedu.ops.pool import avg_pool2d, global_avg_pool, global_max_pool, max_pool2d
from kerasedu.ops.random import dropout
from kerasedu.ops.reshaping import (concatenate, expand_dims, getitem, reshape, squeeze, stack,
                                transpose)
