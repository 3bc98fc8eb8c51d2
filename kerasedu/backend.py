"""The few ``keras.backend`` functions tutorials call (the settings live in ``kerasedu.config``).

>>> clear_session()
>>> backend(), floatx(), epsilon()
('numpy', 'float32', 1e-07)
"""
from __future__ import annotations

from kerasedu.config import (backend, epsilon, floatx, image_data_format, set_epsilon,
                             set_floatx, set_image_data_format)
from kerasedu.utils.naming import clear_session as _clear_names

__all__ = ["backend", "clear_session", "epsilon", "floatx", "image_data_format", "set_epsilon",
           "set_floatx", "set_image_data_format"]


def clear_session() -> None:
    """Start naming layers and models afresh ("dense", "sequential", ...), as Keras does."""
    _clear_names()
