"""``keras.random``: random tensors and random ops, seeded and repeatable.

>>> import kerasedu as keras
>>> keras.utils.set_random_seed(7); a = keras.random.normal((3,)).data
>>> keras.utils.set_random_seed(7); b = keras.random.normal((3,)).data
>>> bool((a == b).all())
True
"""
from kerasedu.random.random_ops import (beta, binomial, categorical, dropout, gamma, normal, randint,
                                        shuffle, truncated_normal, uniform)
from kerasedu.random.seed_generator import SeedGenerator

__all__ = ["SeedGenerator", "beta", "binomial", "categorical", "dropout", "gamma", "normal",
           "randint", "shuffle", "truncated_normal", "uniform"]
