"""``keras.config``: the library-wide settings (float type, epsilon, image layout, backend).

kerasedu has one backend (NumPy), one float type (float32) and one image layout
(channels_last): the getters answer as Keras's do, and the setters accept those
values and explain why the others are refused.

>>> floatx(), epsilon(), image_data_format(), backend()
('float32', 1e-07, 'channels_last', 'numpy')
"""
from __future__ import annotations

_EPSILON = [1e-7]   # a list, so that the ops that read it see set_epsilon's change


def floatx() -> str:
    """The float type of every computation: kerasedu always uses float32.

    >>> floatx()
    'float32'
    """
    return "float32"


def set_floatx(value: str) -> None:
    """Keras's way to compute in float16 or float64; kerasedu accepts only "float32".

    Args:
        value: the float type's name.

    >>> set_floatx("float32")
    """
    if str(value) != "float32":
        raise ValueError(
            f"set_floatx({value!r}): kerasedu computes in float32 only. Every op and its "
            f"hand-written backward is written (and tested) for float32, which is what "
            f"Keras uses by default too; leave set_floatx out.")


def epsilon() -> float:
    """The small number that keeps logs and divisions finite (1e-7 by default): probabilities
    are clipped to [epsilon, 1 - epsilon] in the crossentropy losses.

    >>> epsilon()
    1e-07
    """
    return _EPSILON[0]


def set_epsilon(value: float) -> None:
    """Change ``epsilon()``.

    Args:
        value: a small positive number.

    >>> set_epsilon(1e-5); epsilon()
    1e-05
    >>> set_epsilon(1e-7)
    """
    value = float(value)
    if not 0.0 <= value < 0.5:
        raise ValueError(f"set_epsilon({value!r}): epsilon should be a small positive number "
                         f"such as 1e-7 (probabilities are clipped to [eps, 1 - eps]).")
    _EPSILON[0] = value


def image_data_format() -> str:
    """Where the channels of an image are: kerasedu uses (batch, height, width, channels).

    >>> image_data_format()
    'channels_last'
    """
    return "channels_last"


def set_image_data_format(data_format: str) -> None:
    """Keras's switch to channels_first; kerasedu accepts only "channels_last".

    Args:
        data_format: "channels_last".

    >>> set_image_data_format("channels_last")
    """
    if data_format != "channels_last":
        raise ValueError(f"set_image_data_format({data_format!r}): kerasedu's image layers take "
                         f"(batch, height, width, channels) only, i.e. 'channels_last'. Transpose "
                         f"channels-first images with np.transpose(x, (0, 2, 3, 1)).")


def backend() -> str:
    """The name of the backend that runs the ops: "numpy".

    >>> backend()
    'numpy'
    """
    return "numpy"
