"""Automatic layer and model names: "dense", "dense_1", "dense_2", ..."""
from __future__ import annotations

import re

_name_counts: dict[str, int] = {}


def to_snake_case(name: str) -> str:
    """"BatchNormalization" -> "batch_normalization", "Conv2D" -> "conv2d".

    >>> to_snake_case("MaxPooling2D")
    'max_pooling2d'
    """
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


def unique_name(base: str) -> str:
    """The first free name: base, base_1, base_2, ... (per Python session)."""
    count = _name_counts.get(base, 0)
    _name_counts[base] = count + 1
    return base if count == 0 else f"{base}_{count}"


def clear_session() -> None:
    """Forget the names handed out, so the next Dense is "dense" again (as Keras)."""
    _name_counts.clear()
