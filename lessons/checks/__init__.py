"""Self-checking exercises for the lessons: no grading server needed.

Each lesson has its own module here (``checks/lesson_02.py``) with one function
per exercise. A check prints a clear verdict and, when the answer is not right
yet, a hint; it never raises, so a learner can try again in the same cell.

    from checks import lesson_02 as check
    check.exercise_1(model)
"""
from __future__ import annotations

from typing import Callable


def verdict(ok: bool, success: str, hint: str) -> bool:
    """Print "Correct! ..." or "Not yet: ... Hint: ..."; return ok."""
    if ok:
        print(f"✅ Correct! {success}")
    else:
        print(f"❌ Not yet. Hint: {hint}")
    return bool(ok)


def safely(check: Callable[[], bool], hint: str) -> bool:
    """Run a check; an exception in the learner's object counts as 'not yet' with the hint."""
    try:
        return check()
    except Exception as error:  # the learner's object may be anything: never crash the lesson
        print(f"❌ Not yet: {type(error).__name__}: {str(error).rstrip('.')}. Hint: {hint}")
        return False


def describe(layer) -> str:
    """'Dense(8, relu)', 'Flatten', ...: a layer in a few characters, for hints."""
    name = type(layer).__name__
    if name == "Embedding":
        return f"Embedding({layer.input_dim}, {layer.output_dim}, mask_zero={layer.mask_zero})"
    if hasattr(layer, "units"):
        activation = getattr(getattr(layer, "activation", None), "__name__", "?")
        return f"{name}({layer.units}, {activation})"
    return name
