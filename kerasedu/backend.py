"""The few ``keras.backend`` functions tutorials call.

>>> clear_session()
>>> floatx(), epsilon()
('float32', 1e-07)
"""
from __future__ import annotations

from kerasedu.utils.naming import clear_session as _clear_names


def clear_session() -> None:
    """Start naming layers and models afresh ("dense", "sequential", ...), as Keras does."""
    _clear_names()


def floatx() -> str:
    """The float type of every computation: kerasedu always uses float32."""
    return "float32"


def epsilon() -> float:
    """The small number that keeps logs and divisions finite (Keras: 1e-7)."""
    return 1e-7
