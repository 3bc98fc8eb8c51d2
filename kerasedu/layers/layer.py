"""The Layer base class: the shape every Keras layer has.

A layer does three things, each in its own method:

* ``__init__`` stores the configuration (``Dense(units=10)``) and makes no weights;
* ``build(input_shape)`` makes the weights, once the input size is known;
* ``call(inputs)`` computes the output with ops from ``kerasedu.ops``.

``layer(x)`` (``__call__``) glues them: build on first use, check the input,
then either compute (``x`` holds numbers) or record a graph node (``x`` is a
symbolic ``Input``). Gradients need no code here: the ops record themselves.

Example, a custom layer:
    >>> import numpy as np
    >>> from kerasedu import ops
    >>> class Scale(Layer):
    ...     def build(self, input_shape):
    ...         self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones")
    ...     def call(self, x):
    ...         return ops.multiply(x, self.w)
    >>> Scale()(np.ones((2, 3))).shape
    (2, 3)
"""
from __future__ import annotations

import inspect
from typing import Any, Optional

import numpy as np

from kerasedu import constraints, initializers, ops, regularizers
from kerasedu.autograd import Tensor, Variable, no_grad
from kerasedu.layers.symbolic import KerasTensor, Node, flatten, is_symbolic, map_structure
from kerasedu.utils.naming import to_snake_case, unique_name

# Bumped whenever any layer's ``trainable`` changes, so that fit's cached list of
# trainable weights knows when to look again (a callback may unfreeze layers mid-fit).
TRAINABLE_CHANGES = [0]

# The ``training`` flag of the model call in progress: layers called without an
# explicit ``training=`` (e.g. inside a custom layer) read it from here. Each layer
# call pushes its flag before call() and pops it after.
_TRAINING_CONTEXT: list[bool] = [False]

# Whether any layer ever called add_loss: until one does, the outermost call skips
# walking the layers to clear their losses (a saving on every batch of plain models).
_LOSSES_USED = [False]


class Layer:
    """Base class of all layers (and of Model).

    Args:
        trainable: whether ``fit`` updates the layer's weights.
        name: a unique name; by default the class name in snake_case
            ("dense", "dense_1", ...).
        dtype: only "float32" is supported (the compute type of kerasedu).
        input_shape: the shape of one sample, without the batch axis, for the
            first layer of a Sequential model (``Dense(10, input_shape=(784,))``).
        activity_regularizer: a penalty on the layer's output (see kerasedu/regularizers.py),
            added to ``layer.losses`` at each call, divided by the batch size.

    Layers with weights list them in ``_weight_options`` ({"kernel": "kernel", ...}):
    for each prefix the layer then takes ``<prefix>_regularizer`` and
    ``<prefix>_constraint`` (``Dense(4, kernel_regularizer="l2")``), which
    ``add_weight`` attaches to the weight of that name.
    """

    # prefix of the regularizer/constraint arguments -> name of the weight they apply to
    _weight_options: dict = {}

    # Set True in layers whose input is integer ids (Embedding): other layers
    # convert integer and boolean input to float32 first.
    _accepts_integer_input = False
    # (input_spec, shapes) last accepted by _check_input: the same shapes again need no check
    _accepted_input: tuple = (None, None)

    def __init__(self, trainable: bool = True, name: Optional[str] = None,
                 dtype: Any = None, **kwargs):
        input_shape = kwargs.pop("input_shape", None)
        input_dim = kwargs.pop("input_dim", None)
        batch_input_shape = kwargs.pop("batch_input_shape", None)
        kwargs.pop("batch_size", None)
        kwargs.pop("autocast", None)
        self.activity_regularizer = regularizers.get(kwargs.pop("activity_regularizer", None))
        self._weight_rules = {}                     # weight name -> (regularizer, constraint)
        for prefix, weight_name in self._weight_options.items():
            regularizer = regularizers.get(kwargs.pop(f"{prefix}_regularizer", None))
            constraint = constraints.get(kwargs.pop(f"{prefix}_constraint", None))
            setattr(self, f"{prefix}_regularizer", regularizer)
            setattr(self, f"{prefix}_constraint", constraint)
            self._weight_rules[weight_name] = (regularizer, constraint)
        if kwargs:
            raise TypeError(f"{type(self).__name__}() got unexpected keyword argument(s) "
                            f"{sorted(kwargs)}. Check the spelling against the Keras docs.")
        if dtype not in (None, "float32", np.float32) and not self._accepts_integer_input:
            raise ValueError(f"{type(self).__name__}: kerasedu computes in float32 only, "
                             f"got dtype={dtype!r}. Leave dtype out.")
        object.__setattr__(self, "_layers", [])      # sub-layers, tracked by __setattr__
        self._variables: list[Variable] = []
        self._losses: list[Tensor] = []             # from add_loss during the last call
        self._trainable = bool(trainable)
        self.name = name or unique_name(to_snake_case(type(self).__name__))
        self.built = False
        self._inbound_nodes: list[Node] = []
        self.input_spec = None                      # optional dict, see _check_input
        # the sample shape given by input_shape= / input_dim=, with the batch axis
        self._batch_input_shape = None
        if batch_input_shape is not None:
            self._batch_input_shape = tuple(batch_input_shape)
        elif input_shape is not None:
            self._batch_input_shape = (None,) + tuple(input_shape)
        elif input_dim is not None:
            self._batch_input_shape = (None, int(input_dim))
        signature = inspect.signature(self.call).parameters
        self._call_takes_training = "training" in signature
        self._call_takes_mask = "mask" in signature
        self._makes_mask = hasattr(type(self), "compute_mask")
        self.supports_masking = False

    # ---- sub-layers are tracked so that their weights belong to us -----------
    def __setattr__(self, name: str, value: Any) -> None:
        layers = self.__dict__.get("_layers")
        if layers is not None and name != "_layers":
            items = value if isinstance(value, (list, tuple)) else [value]
            for item in items:
                if isinstance(item, Layer) and item is not self and all(item is not l for l in layers):
                    layers.append(item)
        object.__setattr__(self, name, value)

    # ---- the three methods a layer writes ---------------------------------
    def build(self, input_shape) -> None:
        """Make the weights, now that the input shape is known. Default: none."""
        self.built = True

    def call(self, inputs, *args, **kwargs):
        """The forward computation. Override it."""
        raise NotImplementedError(f"Layer {type(self).__name__} has no call() method.")

    def compute_output_shape(self, input_shape):
        """The output shape for an input shape (None = any size).

        By default it is found by running ``call`` on zeros twice, once with 2
        and once with 3 in place of each None: output sizes that change are None.
        """
        outputs = []
        for size in (2, 3):
            def zeros(shape, _s=size):
                return Tensor(np.zeros(tuple(_s if d is None else d for d in shape), np.float32))
            dummy = _map_shapes(zeros, input_shape)
            with no_grad():
                outputs.append(self._call_with_context(dummy, {}, training=False))
        return _merge_shapes(outputs[0], outputs[1])

    # ---- weights -----------------------------------------------------------
    def add_weight(self, shape=None, initializer=None, dtype=None, trainable: bool = True,
                   autocast: bool = True, regularizer=None, constraint=None, aggregation="none",
                   overwrite_with_gradient: bool = False, name: Optional[str] = None,
                   **kwargs) -> Variable:
        """Create a weight, remember it, and return it (Keras 3's arguments).

        Args:
            shape: the weight's shape, e.g. (in, units); () for a scalar.
            initializer: a name ("zeros", "glorot_uniform", ...), an object or a
                function (shape, dtype) -> array. Default: glorot_uniform for floats,
                zeros for integers (as Keras 3).
            dtype: "float32" (default) or an integer type for counters.
            trainable: whether fit updates it.
            regularizer: a penalty on it, added to ``layer.losses``.
            constraint: a projection applied after each optimizer step.
            name: its name ("kernel"); the path is "<layer>/<name>".

        >>> layer = Layer()
        >>> layer.add_weight(shape=(2, 3), initializer="zeros", name="kernel").shape
        (2, 3)
        """
        kwargs.pop("use_resource", None)     # tf.keras 2 arguments with no meaning here
        kwargs.pop("synchronization", None)
        if kwargs:
            raise TypeError(f"add_weight() got unexpected keyword argument(s) {sorted(kwargs)} "
                            f"in layer '{self.name}'. Keras 3's arguments are shape, initializer, "
                            f"dtype, trainable, regularizer, constraint and name.")
        shape = tuple(int(d) for d in (shape or ()))
        dtype = np.dtype("float32" if dtype is None else getattr(dtype, "name", dtype))
        if initializer is None:
            initializer = "glorot_uniform" if dtype.kind == "f" else "zeros"   # Keras's defaults
        init = initializers.get(initializer)
        value = np.asarray(init(shape, dtype="float32"))
        value = value.astype(np.float32 if dtype.kind == "f" else dtype)
        variable = Variable(value, name=name or f"variable_{len(self._variables)}",
                            trainable=trainable)
        variable.path = f"{self.name}/{variable.name}"
        rule_regularizer, rule_constraint = self._weight_rules.get(variable.name, (None, None))
        variable.regularizer = regularizers.get(regularizer) or rule_regularizer
        variable.constraint = constraints.get(constraint) or rule_constraint
        if not self.trainable:
            variable.requires_grad = False
        self._variables.append(variable)
        return variable

    def add_variable(self, shape, initializer=None, dtype=None, trainable: bool = True,
                     autocast: bool = True, regularizer=None, constraint=None,
                     name: Optional[str] = None) -> Variable:
        """Keras 3's other name for ``add_weight``."""
        return self.add_weight(shape=shape, initializer=initializer, dtype=dtype,
                               trainable=trainable, regularizer=regularizer,
                               constraint=constraint, name=name)

    # ---- losses a layer adds (add_loss, regularizers) ------------------------
    def add_loss(self, loss) -> None:
        """Add a scalar to the training loss, from inside ``call()``.

        fit minimises ``compiled loss + sum(model.losses)``. The list is emptied at
        the start of each outermost call, so it holds the losses of the last call.

        >>> from kerasedu import ops
        >>> class Penalty(Layer):
        ...     def call(self, x):
        ...         self.add_loss(ops.multiply(ops.sum(x), 0.1))
        ...         return x
        >>> layer = Penalty()
        >>> _ = layer(np.ones((2, 3)))
        >>> [round(float(l), 4) for l in layer.losses]
        [0.6]
        """
        _LOSSES_USED[0] = True
        for value in (loss if isinstance(loss, (list, tuple)) else [loss]):
            self._losses.append(value if isinstance(value, Tensor) else Tensor(value))

    @property
    def losses(self) -> list[Tensor]:
        """This layer's and its sub-layers' add_loss values, then the weight penalties."""
        losses = self._added_losses()
        for v in self.trainable_weights:
            if v.regularizer is not None:
                losses.append(v.regularizer(v))
        return losses

    def _added_losses(self) -> list[Tensor]:
        """The add_loss values of this layer and every layer inside it."""
        losses = list(self._losses)
        for layer in _all_sublayers(self):
            losses.extend(layer._losses)
        return losses

    def _clear_losses(self) -> None:
        self._losses.clear()
        for layer in _all_sublayers(self):
            layer._losses.clear()

    @property
    def weights(self) -> list[Variable]:
        """All weights: this layer's trainable, then non-trainable, then sub-layers'."""
        own = [v for v in self._variables if v.trainable] + [v for v in self._variables if not v.trainable]
        result, seen = [], set()
        for v in own + [w for layer in self._layers for w in layer.weights]:
            if id(v) not in seen:   # a shared sub-layer's weights count once
                seen.add(id(v))
                result.append(v)
        return result

    @property
    def trainable_weights(self) -> list[Variable]:
        """The weights ``fit`` updates."""
        if not self.trainable:
            return []
        own = [v for v in self._variables if v.trainable]
        return _unique(own + [w for layer in self._layers for w in layer.trainable_weights])

    @property
    def non_trainable_weights(self) -> list[Variable]:
        """The weights ``fit`` leaves alone (frozen, or statistics like moving_mean)."""
        trainable = {id(v) for v in self.trainable_weights}
        return [v for v in self.weights if id(v) not in trainable]

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights
    variables = weights

    @property
    def trainable(self) -> bool:
        return self._trainable

    @trainable.setter
    def trainable(self, value: bool) -> None:
        """Freeze (False) or unfreeze this layer and every layer inside it."""
        self._trainable = bool(value)
        TRAINABLE_CHANGES[0] += 1
        for v in self._variables:
            v.requires_grad = bool(value) and v.trainable
        for layer in self._layers:
            layer.trainable = value

    def get_weights(self) -> list[np.ndarray]:
        """Copies of the weights as NumPy arrays, in ``weights`` order."""
        return [np.array(v.data) for v in self.weights]

    def set_weights(self, weights) -> None:
        """Load weights (in ``weights`` order, e.g. from ``get_weights`` or real Keras)."""
        mine = self.weights
        if len(weights) != len(mine):
            raise ValueError(
                f"Layer '{self.name}' expects {len(mine)} weight arrays "
                f"({[v.path for v in mine]}), but received {len(weights)}.")
        for variable, value in zip(mine, weights):
            value = np.asarray(value)
            if value.shape != variable.shape:
                raise ValueError(
                    f"Layer '{self.name}' weight '{variable.path}' has shape {variable.shape}, "
                    f"but the array given has shape {value.shape}.")
        for variable, value in zip(mine, weights):
            variable.assign(value)

    def count_params(self) -> int:
        """The number of numbers in all weights."""
        if not self.built:
            raise ValueError(f"Layer '{self.name}' is not built yet, so it has no weights to "
                             "count. Call it on data or give the model an input shape first.")
        return int(sum(v.data.size for v in self.weights))

    # ---- configuration (for saving and for cloning) -----------------------
    def get_config(self) -> dict:
        """The arguments that recreate this layer: ``type(layer)(**layer.get_config())``."""
        config = {"name": self.name, "trainable": self.trainable, "dtype": "float32"}
        for prefix in self._weight_options:
            config[f"{prefix}_regularizer"] = regularizers.serialize(getattr(self, f"{prefix}_regularizer"))
            config[f"{prefix}_constraint"] = constraints.serialize(getattr(self, f"{prefix}_constraint"))
        if self._weight_options or self.activity_regularizer is not None:
            config["activity_regularizer"] = regularizers.serialize(self.activity_regularizer)
        if self._batch_input_shape is not None:
            config["batch_input_shape"] = list(self._batch_input_shape)
        return config

    @classmethod
    def from_config(cls, config: dict) -> "Layer":
        return cls(**config)

    # ---- calling a layer ----------------------------------------------------
    def __call__(self, inputs, *args, training: Optional[bool] = None, **kwargs):
        if isinstance(inputs, Tensor):                 # the common case, kept cheap: fit calls it a lot
            if not self._accepts_integer_input and inputs.data.dtype.kind in "iub":
                inputs = Tensor(inputs.data.astype(np.float32))
        elif isinstance(inputs, np.ndarray):           # one array of data, e.g. a batch from fit
            inputs = self._to_tensor(inputs)
        elif is_symbolic(inputs):
            return self._symbolic_call(inputs, args, kwargs)
        else:
            inputs = map_structure(self._to_tensor, inputs)
        if args or kwargs:                             # layer(targets, logits), layer(x, mask=m)
            if is_symbolic(list(args) + list(kwargs.values())):
                return self._symbolic_call(inputs, args, kwargs)
            args = tuple(self._to_tensor(a) if isinstance(a, np.ndarray) else a for a in args)
        if not self.built:
            if self.input_spec is not None:
                self._check_input(inputs)        # a wrong rank is explained before build() sees it
            self._build_for(map_structure(lambda t: (None,) + tuple(t.shape[1:]), inputs))
        if self.input_spec is not None:
            self._check_input(inputs)
        return self._call_with_context(inputs, kwargs, training, *args)

    def _call_with_context(self, inputs, kwargs, training, *args):
        """Run call() with the training flag set for the layers inside, and pass masks on."""
        if training is None:
            training = _TRAINING_CONTEXT[-1]
        if len(_TRAINING_CONTEXT) == 1 and _LOSSES_USED[0]:
            self._clear_losses()                  # the outermost call: a new list of losses
        if self._call_takes_training:
            kwargs["training"] = training
        if self._call_takes_mask and "mask" not in kwargs:
            masks = [getattr(t, "_keras_mask", None) for t in flatten(inputs)]
            kwargs["mask"] = masks[0] if len(masks) == 1 else (None if all(m is None for m in masks) else masks)
        _TRAINING_CONTEXT.append(bool(training))   # the layers inside call() see this flag
        try:
            outputs = self.call(inputs, *args, **kwargs)
        finally:
            _TRAINING_CONTEXT.pop()
        if self.activity_regularizer is not None:
            self._add_activity_loss(outputs)
        if (self.supports_masking or self._makes_mask) and isinstance(outputs, Tensor):
            # Embedding(mask_zero=True) makes a mask; layers that support masking pass it on
            if self._makes_mask:
                mask = self.compute_mask(inputs, kwargs.get("mask"))
            else:
                mask = getattr(inputs, "_keras_mask", None)
            if mask is not None:
                outputs._keras_mask = mask
        return outputs

    def _add_activity_loss(self, outputs) -> None:
        """The activity penalty of each output, divided by its batch size (as Keras 3)."""
        for output in flatten(outputs):
            if isinstance(output, Tensor):
                loss = self.activity_regularizer(output)
                if output.ndim > 0 and output.shape[0]:
                    loss = ops.divide(loss, np.float32(output.shape[0]))
                self.add_loss(loss)

    def _to_tensor(self, x) -> Tensor:
        """Wrap arrays as Tensors; give layers that expect floats float32."""
        t = x if isinstance(x, Tensor) else Tensor(_as_numeric(x, self.name))
        if not self._accepts_integer_input and t.dtype.kind in "iub":
            t = Tensor(t.data.astype(np.float32))
        return t

    def _build_for(self, input_shape) -> None:
        """Run build() once with the right shape and remember that it ran."""
        if not self.built:
            self.build(input_shape if _is_shape_structure(input_shape) else tuple(input_shape))
            self.built = True
            self._built_input_shape = input_shape

    def _symbolic_call(self, inputs, args, kwargs):
        """Called on KerasTensors: build, work out the output shape, record a Node."""
        if isinstance(inputs, Tensor):     # layer(data, symbolic) cannot make a graph
            raise TypeError(f"Layer '{self.name}' was called on data and on symbolic tensors at "
                            f"once; in the Functional API every tensor argument must come from "
                            f"keras.Input or a layer.")
        shapes = map_structure(lambda t: t.shape, inputs)
        several = is_symbolic(list(args) + list(kwargs.values()))
        if not self.built:
            self._check_input(inputs)            # a wrong rank is explained before build() sees it
        if several:
            self._build_for_several(inputs, args)
        else:
            self._build_for(shapes)
        self._check_input(inputs)
        if several and type(self).compute_output_shape is Layer.compute_output_shape:
            out_shape = self._traced_output_shape(inputs, args, kwargs)   # every tensor is needed
        else:
            out_shape = self.compute_output_shape(shapes)
        if _LOSSES_USED[0]:
            self._clear_losses()       # losses of the shape trace on zeros are not real losses
        if _is_shape_structure(out_shape):
            outputs = [KerasTensor(s, name=f"{self.name}_output_{i}") for i, s in enumerate(out_shape)]
        else:
            outputs = [KerasTensor(out_shape, name=f"{self.name}_output")]
        Node(self, inputs, outputs, dict(kwargs), extra_args=args)
        return outputs if _is_shape_structure(out_shape) else outputs[0]

    def _build_for_several(self, inputs, args) -> None:
        """Build a layer called with several tensors, ``call(self, targets, logits)``, as Keras:
        a build() of its own gets each shape by the argument's name (``logits_shape``)."""
        if self.built:
            return
        if type(self).build is not Layer.build:
            names = [p for p in inspect.signature(self.call).parameters][:1 + len(args)]
            shapes = [map_structure(lambda t: t.shape, a) for a in (inputs,) + tuple(args)]
            build_params = inspect.signature(self.build).parameters
            if all(f"{n}_shape" in build_params for n in names):
                self.build(**{f"{n}_shape": s for n, s in zip(names, shapes)})
            else:
                self.build(shapes[0])
        self.built = True

    def _traced_output_shape(self, inputs, args, kwargs):
        """Output shapes found by running call() on zeros, twice (2, then 3 for each None)."""
        outputs = []
        for size in (2, 3):
            def zeros(t, _s=size):
                if not isinstance(t, KerasTensor):
                    return t
                return Tensor(np.zeros(tuple(_s if d is None else d for d in t.shape), t.dtype))
            with no_grad():
                outputs.append(self._call_with_context(
                    map_structure(zeros, inputs), {k: map_structure(zeros, v) for k, v in kwargs.items()},
                    False, *[map_structure(zeros, a) for a in args]))
        return _merge_shapes(outputs[0], outputs[1])

    def _check_input(self, inputs) -> None:
        """Compare input shapes with ``self.input_spec`` and explain a mismatch.

        The spec is a dict: "ndim" or "min_ndim" (rank, batch included), "axes"
        ({axis: size}), and optionally "hint" (text added to the message) or
        "error" (a function (layer, shape) -> exception for a wrong rank).
        """
        spec = self.input_spec
        if spec is None:
            return
        tensors = [inputs] if isinstance(inputs, (Tensor, KerasTensor)) else flatten(inputs)
        shapes = [t.shape for t in tensors]
        if self._accepted_input[0] is spec and self._accepted_input[1] == shapes:
            return                               # fit calls with one batch shape: checked once
        for i, t in enumerate(tensors):
            shape = tuple(t.shape)
            wrong_rank = (("ndim" in spec and len(shape) != spec["ndim"])
                          or ("min_ndim" in spec and len(shape) < spec["min_ndim"]))
            if wrong_rank and "error" in spec:   # a layer's own explanation, e.g. image layers
                raise spec["error"](self, shape)
            if "min_ndim" in spec and len(shape) < spec["min_ndim"]:
                raise ValueError(
                    f"Input {i} of layer '{self.name}' ({type(self).__name__}) is incompatible: "
                    f"expected at least {spec['min_ndim']} dimensions (batch included), but "
                    f"received shape {_shape_str(shape)}. {spec.get('hint', '')}".rstrip())
            if "ndim" in spec and len(shape) != spec["ndim"]:
                hint = spec.get("hint", "")
                if len(shape) > spec["ndim"] and not hint:
                    hint = "Did you forget Flatten() before this layer?"
                raise ValueError(
                    f"Input {i} of layer '{self.name}' ({type(self).__name__}) is incompatible: "
                    f"expected {spec['ndim']} dimensions (batch included), but received shape "
                    f"{_shape_str(shape)}. {hint}".rstrip())
            for axis, size in spec.get("axes", {}).items():
                if len(shape) >= abs(axis) and shape[axis] is not None and shape[axis] != size:
                    flat = int(np.prod([d or 1 for d in shape[1:]]))
                    hint = (" Did you forget Flatten() before this layer?"
                            if len(shape) > 2 and flat == size else "")
                    raise ValueError(
                        f"Input {i} of layer '{self.name}' ({type(self).__name__}) is incompatible: "
                        f"expected axis {axis} of the input to have size {size} (the layer was "
                        f"built for it), but received shape {_shape_str(shape)}. Check the shape "
                        f"of the data, or of the layer before this one.{hint}")
        self._accepted_input = (spec, shapes)

    # ---- graph properties (Functional API) ----------------------------------
    @property
    def input(self):
        return self._node_attr("call_inputs")

    @property
    def output(self):
        outputs = self._node_attr("outputs")
        return outputs[0] if len(outputs) == 1 else outputs

    def _node_attr(self, attr):
        if not self._inbound_nodes:
            raise AttributeError(f"Layer '{self.name}' has never been called on a symbolic "
                                 "input, so it has no input/output tensors.")
        return getattr(self._inbound_nodes[0], attr)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"


def _all_sublayers(layer: Layer) -> list:
    """Every layer inside ``layer`` (not itself), each once, depth first."""
    found, stack, seen = [], list(reversed(layer._layers)), {id(layer)}
    while stack:
        sub = stack.pop()
        if id(sub) in seen:
            continue
        seen.add(id(sub))
        found.append(sub)
        stack.extend(reversed(sub._layers))
    return found


def _unique(items: list) -> list:
    seen, out = set(), []
    for item in items:
        if id(item) not in seen:
            seen.add(id(item))
            out.append(item)
    return out


def _is_shape_structure(shape) -> bool:
    """True for a list/dict of shapes, False for one shape (a tuple of ints/None)."""
    if isinstance(shape, dict):
        return True
    return isinstance(shape, (list, tuple)) and len(shape) > 0 and isinstance(shape[0], (list, tuple))


def _map_shapes(fn, shapes):
    """Apply fn to one shape, or to each shape of a list/dict of shapes."""
    if isinstance(shapes, dict):
        return {key: _map_shapes(fn, s) for key, s in shapes.items()}
    if _is_shape_structure(shapes):
        return [_map_shapes(fn, s) for s in shapes]
    return fn(shapes)


def _merge_shapes(a, b):
    """Compare two traced outputs: equal sizes stay, differing sizes become None."""
    if isinstance(a, (list, tuple)):
        return [_merge_shapes(x, y) for x, y in zip(a, b)]
    return tuple(None if i == 0 or p != q else p
                 for i, (p, q) in enumerate(zip(a.shape, b.shape)))


def _shape_str(shape) -> str:
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def _as_numeric(x, layer_name: str) -> np.ndarray:
    array = np.asarray(x)
    if array.dtype.kind not in "biuf":
        raise TypeError(
            f"Layer '{layer_name}' received input of type {array.dtype} (e.g. strings or "
            f"mixed objects); it needs numbers. Convert the data to a numeric NumPy array, "
            f"e.g. np.asarray(x, dtype='float32'), or pad lists of ids with pad_sequences().")
    return array
