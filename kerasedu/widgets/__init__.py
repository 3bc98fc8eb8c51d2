"""Interactive tools for Jupyter: live learning curves and a training playground.

    from kerasedu.widgets import LivePlot, Playground
    model.fit(x, y, epochs=10, callbacks=[LivePlot()])
    Playground(dataset="moons")

matplotlib and ipywidgets are imported only when these are used, so
``import kerasedu`` needs NumPy alone.

>>> from kerasedu.widgets import make_moons
>>> x, y = make_moons(10, seed=0)
>>> x.shape
(10, 2)
"""
from kerasedu.widgets.curves import CurvePlot
from kerasedu.widgets.live_plot import LivePlot
from kerasedu.widgets.playground import Playground
from kerasedu.widgets.runs import Run
from kerasedu.widgets.toy_data import load_toy, make_circles, make_moons, make_spirals

__all__ = ["CurvePlot", "LivePlot", "Playground", "Run", "load_toy", "make_circles",
           "make_moons", "make_spirals"]
