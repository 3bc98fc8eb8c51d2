"""``keras.tree``: working with nested structures of tensors (lists, tuples, dicts).

A model's inputs and outputs may be one tensor, a list, or a dict of them, and
layers are called on any of these. A "structure" is such a nesting; its "leaves"
are everything that is not a list, tuple or dict (tensors, numbers, None).
Dicts are read in sorted-key order, as Keras does, so that ``flatten`` and
``pack_sequence_as`` agree on the order whatever order the keys were written in.

>>> flatten({"b": [1, 2], "a": 0})
[0, 1, 2]
>>> map_structure(lambda v: v * 10, {"b": [1, 2], "a": 0})
{'b': [10, 20], 'a': 0}
"""
from __future__ import annotations

from typing import Any, Callable


def is_nested(structure) -> bool:
    """True for a list, tuple or dict (something with leaves inside).

    Args:
        structure: anything.

    >>> is_nested([1]), is_nested(1)
    (True, False)
    """
    return isinstance(structure, (list, tuple, dict))


def _children(structure) -> list:
    """The direct children in flatten order (dicts by sorted key)."""
    if isinstance(structure, dict):
        return [structure[key] for key in sorted(structure)]
    return list(structure)


def _rebuild(structure, children: list):
    """A structure of the same kind as ``structure`` holding ``children`` (flatten order)."""
    if isinstance(structure, dict):
        by_key = dict(zip(sorted(structure), children))
        return type(structure)((key, by_key[key]) for key in structure)   # keep the key order
    if isinstance(structure, tuple) and hasattr(structure, "_fields"):    # a namedtuple
        return type(structure)(*children)
    return type(structure)(children)


def flatten(structure) -> list:
    """The leaves of a nested structure, in order (dicts by sorted key).

    Args:
        structure: a leaf, or a nesting of lists, tuples and dicts.

    >>> flatten([1, (2, {"y": 4, "x": 3})])
    [1, 2, 3, 4]
    """
    if not is_nested(structure):
        return [structure]
    return [leaf for child in _children(structure) for leaf in flatten(child)]


def flatten_with_path(structure) -> list[tuple[tuple, Any]]:
    """The leaves with their paths: the indices and keys that lead to each.

    Args:
        structure: a nested structure.

    >>> flatten_with_path([{"foo": 42}])
    [((0, 'foo'), 42)]
    """
    if not is_nested(structure):
        return [((), structure)]
    keys = sorted(structure) if isinstance(structure, dict) else range(len(structure))
    return [((key,) + path, leaf) for key, child in zip(keys, _children(structure))
            for path, leaf in flatten_with_path(child)]


def map_structure(func: Callable, *structures):
    """``func`` applied to the leaves (one from each structure, which must match),
    in a structure of the same shape.

    Args:
        func: called with one leaf from each structure.
        *structures: one or more structures of the same shape.

    >>> map_structure(lambda a, b: a + b, [1, (2, 3)], [10, (20, 30)])
    [11, (22, 33)]
    """
    if not structures:
        raise ValueError("map_structure needs at least one structure.")
    first = structures[0]
    for other in structures[1:]:
        assert_same_structure(first, other)
    if not is_nested(first):
        return func(*structures)
    columns = zip(*[_children(s) for s in structures])
    return _rebuild(first, [map_structure(func, *column) for column in columns])


def map_structure_up_to(shallow_structure, func: Callable, *structures):
    """Like map_structure, but ``func`` gets the sub-structures found where
    ``shallow_structure`` has its leaves.

    Args:
        shallow_structure: the levels to go down.
        func: called with one sub-structure from each structure.
        *structures: structures at least as deep as shallow_structure.

    >>> map_structure_up_to([None, None], len, [[1, 2], [3]])
    [2, 1]
    """
    if not is_nested(shallow_structure):
        return func(*structures)
    columns = zip(*[_children(s) for s in structures])
    return _rebuild(shallow_structure, [map_structure_up_to(shallow, func, *column)
                                        for shallow, column in zip(_children(shallow_structure), columns)])


def assert_same_structure(a, b, check_types=None) -> None:
    """Raise ValueError unless a and b nest the same way (lists and tuples count as alike).

    Args:
        a, b: two structures.
        check_types: ignored (Keras 3 deprecated it).

    >>> assert_same_structure([1, (2, 3)], ["a", ("b", "c")])
    """
    if is_nested(a) != is_nested(b):
        raise ValueError(f"The two structures don't have the same nested structure: {a!r} and {b!r}.")
    if not is_nested(a):
        return
    if isinstance(a, dict) != isinstance(b, dict) or len(a) != len(b) or (
            isinstance(a, dict) and sorted(a) != sorted(b)):
        raise ValueError(f"The two structures don't have the same nested structure: {a!r} and {b!r}.")
    for x, y in zip(_children(a), _children(b)):
        assert_same_structure(x, y)


def pack_sequence_as(structure, flat_sequence):
    """The leaves of ``flat_sequence`` (in flatten order) put back into ``structure``'s shape.

    Args:
        structure: the shape to rebuild.
        flat_sequence: as many leaves as structure has.

    >>> pack_sequence_as({"b": [None, None], "a": None}, [0, 1, 2])
    {'b': [1, 2], 'a': 0}
    """
    flat_sequence = list(flat_sequence)
    count = len(flatten(structure))
    if count != len(flat_sequence):
        raise ValueError(f"pack_sequence_as: the structure has {count} leaves but the flat "
                         f"sequence has {len(flat_sequence)} items.")
    position = [0]

    def take(structure):
        if not is_nested(structure):
            position[0] += 1
            return flat_sequence[position[0] - 1]
        return _rebuild(structure, [take(child) for child in _children(structure)])
    return take(structure)


def lists_to_tuples(structure):
    """The same structure with every list turned into a tuple.

    Args:
        structure: a nested structure.

    >>> lists_to_tuples([1, [2, 3]])
    (1, (2, 3))
    """
    if not is_nested(structure):
        return structure
    children = [lists_to_tuples(c) for c in _children(structure)]
    return tuple(children) if isinstance(structure, list) else _rebuild(structure, children)


def traverse(func: Callable, structure, top_down: bool = True):
    """Call ``func`` on every sub-structure and leaf; top-down, a non-None result replaces
    that sub-structure (and its inside is not visited).

    Args:
        func: called on each node.
        structure: a nested structure.
        top_down: visit a node before (True) or after (False) its children.

    >>> traverse(lambda x: x * 2 if isinstance(x, int) else None, [1, (2,)])
    [2, (4,)]
    """
    if top_down:
        result = func(structure)
        if result is not None:
            return result
        if not is_nested(structure):
            return structure
        return _rebuild(structure, [traverse(func, c, top_down) for c in _children(structure)])
    rebuilt = structure if not is_nested(structure) else _rebuild(
        structure, [traverse(func, c, top_down) for c in _children(structure)])
    result = func(rebuilt)
    return rebuilt if result is None else result
