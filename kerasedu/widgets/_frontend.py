"""Is anyone looking? Telling a Jupyter kernel apart from a plain script."""
from __future__ import annotations


def in_notebook() -> bool:
    """True inside a Jupyter kernel (JupyterLab, classic notebook, VS Code, nbval).

    A script or a terminal IPython has no kernel, so there is no page to show
    live pictures on.

    >>> in_notebook()        # under pytest: no kernel
    False
    """
    try:
        from IPython import get_ipython
    except ImportError:          # IPython not installed: certainly a script
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None
