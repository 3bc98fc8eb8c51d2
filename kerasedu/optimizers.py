"""Optimizers: turn gradients into weight updates.

Every optimizer has ``learning_rate`` (readable and settable: callbacks change
it) and ``iterations`` (steps taken). ``apply(grads, variables)`` updates the
variables in place, with no float64 temporaries.

>>> import numpy as np
>>> from kerasedu.autograd import Variable
>>> w = Variable(np.array([1.0, 2.0]))
>>> SGD(learning_rate=0.1).apply([np.array([1.0, 1.0], dtype=np.float32)], [w])
>>> w.numpy()                          # w - 0.1 * g
array([0.9, 1.9], dtype=float32)
"""
from __future__ import annotations

import math
from typing import Callable, Optional, Sequence, Union

import numpy as np

from kerasedu import schedules  # noqa: F401  - keras.optimizers.schedules.ExponentialDecay(...)

# float32's smallest normal number, about 1.2e-38
TINY = np.finfo(np.float32).tiny
# How often the optimizer states are flushed to zero. A state that decays by 0.9 a step
# spends about 150 steps among the subnormal numbers before it reaches 0 by itself; a flush
# every 16 steps cuts that to at most 16, at a sixteenth of the cost of flushing every step.
FLUSH_EVERY = 16


def flush_to_zero(state: np.ndarray, scratch: np.ndarray) -> None:
    """Set to 0, in place, the entries of an optimizer state smaller than float32 holds at full speed.

        state[i] = 0   where |state[i]| < 1.2e-38

    A state that decays every step (Adam's m *= 0.9 where a weight's gradient is 0,
    as for the always-black border pixels of MNIST) reaches numbers below 1.2e-38,
    "subnormal" numbers. Many CPUs (Intel's, for one) compute with them 10-100 times
    slower: Adam's step on MNIST's first Dense kernel took several times longer. TensorFlow and
    XLA (so Keras) run with the CPU's flush-to-zero mode; NumPy cannot switch it on,
    so ``Optimizer.apply`` flushes every state array every ``FLUSH_EVERY`` steps. The numbers
    dropped are below 1.2e-38, far too small to move a weight (tests check the weights bit for bit).

    >>> m = np.array([1e-3, 1e-40, 1e-30, 0.0], dtype=np.float32)
    >>> flush_to_zero(m, np.empty_like(m)); m
    array([1.e-03, 0.e+00, 1.e-30, 0.e+00], dtype=float32)
    """
    np.abs(state, out=scratch)
    state *= scratch >= TINY


class Optimizer:
    """Base class. Subclasses write ``update(w, g, slots, lr)`` for one variable.

    Args:
        learning_rate: a float, or a schedule: a function step -> float.
        clipnorm: clip each gradient to this L2 norm.
        clipvalue: clip each gradient entry to [-clipvalue, clipvalue].
        global_clipnorm: clip all gradients together to this L2 norm.
        weight_decay: decoupled weight decay: w -= lr * weight_decay * w.
    """

    slot_names: tuple[str, ...] = ()

    def __init__(self, learning_rate: Union[float, Callable] = 0.001, weight_decay: Optional[float] = None,
                 clipnorm: Optional[float] = None, clipvalue: Optional[float] = None,
                 global_clipnorm: Optional[float] = None, name: Optional[str] = None, **kwargs):
        if "lr" in kwargs:   # the old tf.keras spelling
            learning_rate = kwargs.pop("lr")
        for old in ("decay", "use_ema", "ema_momentum", "loss_scale_factor",
                    "gradient_accumulation_steps", "jit_compile", "ema_overwrite_frequency"):
            kwargs.pop(old, None)
        if kwargs:
            raise TypeError(f"{type(self).__name__}() got unexpected argument(s) {sorted(kwargs)}.")
        self.name = name or type(self).__name__.lower()
        self._learning_rate = learning_rate
        self.weight_decay, self.clipnorm = weight_decay, clipnorm
        self.clipvalue, self.global_clipnorm = clipvalue, global_clipnorm
        self.iterations = 0
        self._slots: dict[int, dict[str, np.ndarray]] = {}   # id(variable) -> its state arrays
        # one scratch array per weight shape: every step reuses it instead of allocating
        # temporaries (large fresh arrays cost page faults, and memory traffic is the bottleneck)
        self._scratch: dict[tuple, np.ndarray] = {}

    # ---- the learning rate ------------------------------------------------
    @property
    def learning_rate(self) -> float:
        """The current learning rate (a schedule is evaluated at ``iterations``)."""
        if callable(self._learning_rate):
            return float(self._learning_rate(self.iterations))
        return float(self._learning_rate)

    @learning_rate.setter
    def learning_rate(self, value: Union[float, Callable]) -> None:
        self._learning_rate = value

    lr = learning_rate

    # ---- applying gradients -------------------------------------------------
    def apply(self, grads: Sequence[Optional[np.ndarray]], variables: Sequence) -> None:
        """One step: update each variable from its gradient (None = skip it)."""
        pairs = [(g, v) for g, v in zip(grads, variables) if g is not None]
        grads = self._clip([g for g, _ in pairs])
        lr = self.learning_rate
        for g, v in zip(grads, (v for _, v in pairs)):
            slots = self._slots.get(id(v))
            if slots is None:        # first step for this variable: make its state
                slots = {name: np.zeros_like(v.data) for name in self.slot_names}
                self._init_slots(slots)
                self._slots[id(v)] = slots
            if self.weight_decay:
                v.data -= (lr * self.weight_decay) * v.data
            self.update(v.data, g, slots, lr)
        self.iterations += 1
        if self.iterations % FLUSH_EVERY == 0:
            for slots in self._slots.values():       # see flush_to_zero: subnormals are slow
                for state in slots.values():
                    flush_to_zero(state, self.scratch(state))

    def apply_gradients(self, grads_and_vars) -> None:
        """The tf.keras form: a list of (gradient, variable) pairs."""
        grads_and_vars = list(grads_and_vars)
        self.apply([g for g, _ in grads_and_vars], [v for _, v in grads_and_vars])

    def _init_slots(self, slots: dict) -> None:
        """Give state arrays a starting value other than zero (Adagrad)."""

    def update(self, w: np.ndarray, g: np.ndarray, slots: dict, lr: float) -> None:
        raise NotImplementedError

    def scratch(self, like: np.ndarray) -> np.ndarray:
        """A reusable float32 array of ``like``'s shape, for the temporaries of ``update``."""
        tmp = self._scratch.get(like.shape)
        if tmp is None:
            tmp = self._scratch[like.shape] = np.empty_like(like)
        return tmp

    def _clip(self, grads: list) -> list:
        if self.clipvalue is not None:
            grads = [np.clip(g, -self.clipvalue, self.clipvalue) for g in grads]
        if self.clipnorm is not None:
            grads = [g * min(1.0, self.clipnorm / (float(np.linalg.norm(g)) + 1e-12)) for g in grads]
        if self.global_clipnorm is not None:
            norm = math.sqrt(sum(float(np.sum(g * g)) for g in grads))
            grads = [g * min(1.0, self.global_clipnorm / (norm + 1e-12)) for g in grads]
        return grads

    # ---- state, for saving and resuming --------------------------------------
    def get_state(self, variables: Sequence) -> dict:
        """iterations and every slot array, in the order of ``variables``."""
        return {"iterations": self.iterations,
                "slots": [{k: a.copy() for k, a in self._slots[id(v)].items()}
                          if id(v) in self._slots else {} for v in variables]}

    def set_state(self, state: dict, variables: Sequence) -> None:
        self.iterations = int(state["iterations"])
        self._slots = {id(v): {k: np.array(a, dtype=np.float32) for k, a in s.items()}
                       for v, s in zip(variables, state["slots"]) if s}

    def get_config(self) -> dict:
        lr = self._learning_rate
        return {"name": self.name, "learning_rate": lr if not callable(lr) else float(lr(0)),
                "weight_decay": self.weight_decay, "clipnorm": self.clipnorm,
                "clipvalue": self.clipvalue, "global_clipnorm": self.global_clipnorm}

    @classmethod
    def from_config(cls, config: dict) -> "Optimizer":
        return cls(**config)


class SGD(Optimizer):
    """Stochastic gradient descent, with optional (Nesterov) momentum.

    momentum = 0:  w -= lr * g
    otherwise:     m = momentum * m - lr * g;  w += m
    nesterov:      m = momentum * m - lr * g;  w += momentum * m - lr * g
    """

    slot_names = ("momentum",)

    def __init__(self, learning_rate=0.01, momentum: float = 0.0, nesterov: bool = False, **kwargs):
        super().__init__(learning_rate, **kwargs)
        if not 0.0 <= momentum <= 1.0:
            raise ValueError(f"SGD: momentum must be in [0, 1], got {momentum}.")
        self.momentum, self.nesterov = float(momentum), bool(nesterov)

    def update(self, w, g, slots, lr):
        if self.momentum == 0.0:
            w -= lr * g
            return
        m = slots["momentum"]
        m *= self.momentum
        m -= lr * g
        if self.nesterov:
            w += self.momentum * m - lr * g
        else:
            w += m

    def get_config(self):
        return {**super().get_config(), "momentum": self.momentum, "nesterov": self.nesterov}


class Adam(Optimizer):
    """Adam: momentum plus a per-weight step size from the gradient's running variance.

    m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2          (t = iterations + 1)
    w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + epsilon)
    """

    slot_names = ("m", "v")

    def __init__(self, learning_rate=0.001, beta_1: float = 0.9, beta_2: float = 0.999,
                 epsilon: float = 1e-7, amsgrad: bool = False, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.beta_1, self.beta_2, self.epsilon = float(beta_1), float(beta_2), float(epsilon)
        self.amsgrad = bool(amsgrad)
        if self.amsgrad:
            self.slot_names = ("m", "v", "v_hat")

    def update(self, w, g, slots, lr):
        t = self.iterations + 1
        step = lr * math.sqrt(1.0 - self.beta_2 ** t) / (1.0 - self.beta_1 ** t)
        m, v = slots["m"], slots["v"]
        tmp = self.scratch(w)
        np.subtract(g, m, out=tmp)                   # m += (1 - b1) (g - m): m moves toward g
        tmp *= 1.0 - self.beta_1
        m += tmp
        np.square(g, out=tmp)                        # v += (1 - b2) (g^2 - v): v moves toward g^2
        tmp -= v
        tmp *= 1.0 - self.beta_2
        v += tmp
        if self.amsgrad:
            np.maximum(slots["v_hat"], v, out=slots["v_hat"])
            v = slots["v_hat"]
        np.sqrt(v, out=tmp)                          # w -= step * m / (sqrt(v) + eps)
        tmp += self.epsilon
        np.divide(m, tmp, out=tmp)
        tmp *= step
        w -= tmp

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2,
                "epsilon": self.epsilon, "amsgrad": self.amsgrad}


class RMSprop(Optimizer):
    """RMSprop: divide the step by a running root-mean-square of the gradients.

    v = rho v + (1 - rho) g^2;   w -= lr * g / sqrt(v + epsilon)
    (with momentum: s = momentum s + lr g / sqrt(v + eps); w -= s)
    """

    slot_names = ("velocity", "momentum")

    def __init__(self, learning_rate=0.001, rho: float = 0.9, momentum: float = 0.0,
                 epsilon: float = 1e-7, centered: bool = False, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.rho, self.momentum, self.epsilon = float(rho), float(momentum), float(epsilon)
        self.centered = bool(centered)
        if self.centered:
            self.slot_names = ("velocity", "momentum", "average_gradient")

    def update(self, w, g, slots, lr):
        v = slots["velocity"]
        v *= self.rho
        v += (1.0 - self.rho) * np.square(g)
        denom = v
        if self.centered:
            avg = slots["average_gradient"]
            avg *= self.rho
            avg += (1.0 - self.rho) * g
            denom = v - np.square(avg)
        increment = lr * g / np.sqrt(denom + self.epsilon)
        if self.momentum > 0:
            s = slots["momentum"]
            s *= self.momentum
            s += increment
            w -= s
        else:
            w -= increment

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "momentum": self.momentum,
                "epsilon": self.epsilon, "centered": self.centered}


class Adagrad(Optimizer):
    """Adagrad: divide by the root of all squared gradients so far.

    a += g^2;   w -= lr * g / sqrt(a + epsilon),   a starts at 0.1
    """

    slot_names = ("accumulator",)

    def __init__(self, learning_rate=0.001, initial_accumulator_value: float = 0.1,
                 epsilon: float = 1e-7, **kwargs):
        super().__init__(learning_rate, **kwargs)
        self.initial_accumulator_value = float(initial_accumulator_value)
        self.epsilon = float(epsilon)

    def _init_slots(self, slots):
        slots["accumulator"] += self.initial_accumulator_value

    def update(self, w, g, slots, lr):
        a = slots["accumulator"]
        a += np.square(g)
        w -= lr * g / np.sqrt(a + self.epsilon)

    def get_config(self):
        return {**super().get_config(), "initial_accumulator_value": self.initial_accumulator_value,
                "epsilon": self.epsilon}


_BY_NAME = {"sgd": SGD, "adam": Adam, "rmsprop": RMSprop, "adagrad": Adagrad}


def get(identifier: Union[str, Optimizer, dict]) -> Optimizer:
    """An optimizer from a name (any case: 'adam', 'Adam', 'SGD'), an object or a config."""
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, dict):
        cls = _BY_NAME[identifier["class_name"].lower()]
        return cls.from_config(identifier.get("config", {}))
    if isinstance(identifier, str) and identifier.lower() in _BY_NAME:
        return _BY_NAME[identifier.lower()]()
    raise ValueError(f"Unknown optimizer: {identifier!r}. Valid names: "
                     f"{', '.join(sorted(_BY_NAME))}, or an optimizer object such as "
                     f"keras.optimizers.Adam(learning_rate=1e-3).")


def serialize(optimizer: Optimizer) -> dict:
    return {"class_name": type(optimizer).__name__, "config": optimizer.get_config()}


deserialize = get
