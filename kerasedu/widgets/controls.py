"""The playground's knobs: one ipywidget per training setting.

``make_controls`` returns a dict name -> widget, so code and tests can set
them directly: ``controls["epochs"].value = 3``. ``read_settings`` turns the
widgets back into a plain dict of values, which is what a run records.
"""
from __future__ import annotations

from typing import Any

TOY_DATASETS = ("moons", "circles", "spirals")
IMAGE_DATASETS = ("mnist", "fashion_mnist")

LEARNING_RATES = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0]

# Starting values that train well in a few seconds on each kind of data.
DEFAULTS = {
    "image": dict(hidden_layers=1, units=64, activation="relu", dropout=0.0, optimizer="adam",
                  learning_rate=0.001, epochs=5, batch_size=64, train_size=5000, seed=0),
    "toy": dict(hidden_layers=2, units=8, activation="tanh", dropout=0.0, optimizer="adam",
                learning_rate=0.03, epochs=100, batch_size=32, noise=0.15, seed=0),
}


def defaults_for(dataset: str) -> dict:
    """The starting settings for a dataset.

    >>> defaults_for("moons")["activation"]
    'tanh'
    """
    if dataset in TOY_DATASETS:
        return dict(DEFAULTS["toy"])
    if dataset in IMAGE_DATASETS:
        return dict(DEFAULTS["image"])
    raise ValueError(f"Playground: unknown dataset {dataset!r}. Choose one of "
                     f"{list(IMAGE_DATASETS) + list(TOY_DATASETS)}.")


def make_controls(dataset: str, **overrides: Any) -> dict:
    """One widget per setting, starting at the defaults (or ``overrides``).

    >>> controls = make_controls("moons", epochs=7)
    >>> controls["epochs"].value
    7
    """
    import ipywidgets as w

    values = defaults_for(dataset)
    unknown = set(overrides) - set(values)
    if unknown:
        raise ValueError(f"Playground: unknown setting(s) {sorted(unknown)}; the settings are "
                         f"{sorted(values)}.")
    values.update(overrides)
    style = {"description_width": "105px"}
    layout = w.Layout(width="330px")
    toy = dataset in TOY_DATASETS

    def options(default, choices):      # keep a custom starting value among the choices
        return sorted(set(choices) | {default}, key=lambda v: (isinstance(v, str), v))

    controls = {
        "hidden_layers": w.IntSlider(values["hidden_layers"], min=0, max=6,
                                     description="hidden layers"),
        "units": w.IntSlider(values["units"], min=1, max=256, description="units per layer"),
        "activation": w.Dropdown(options=options(values["activation"], ["relu", "tanh", "sigmoid",
                                                                        "elu", "gelu", "linear"]),
                                 value=values["activation"], description="activation"),
        "dropout": w.FloatSlider(values["dropout"], min=0.0, max=0.7, step=0.05,
                                 description="dropout"),
        "optimizer": w.Dropdown(options=options(values["optimizer"], ["adam", "sgd", "rmsprop",
                                                                      "adagrad"]),
                                value=values["optimizer"], description="optimizer"),
        # a list, as in TensorFlow Playground: steps of about 3x, and the value you
        # pick is exactly the value used (a log slider would round 0.03 to 0.0316)
        "learning_rate": w.Dropdown(options=options(values["learning_rate"], LEARNING_RATES),
                                    value=values["learning_rate"], description="learning rate"),
        "epochs": w.IntSlider(values["epochs"], min=1, max=500 if toy else 50,
                              description="epochs"),
        "batch_size": w.Dropdown(options=options(values["batch_size"], [8, 16, 32, 64, 128, 256]),
                                 value=values["batch_size"], description="batch size"),
    }
    if toy:
        controls["noise"] = w.FloatSlider(values["noise"], min=0.0, max=0.5, step=0.01,
                                          description="noise")
    else:
        controls["train_size"] = w.Dropdown(
            options=options(values["train_size"], [1000, 2000, 5000, 10000, 20000, 55000]),
            value=values["train_size"], description="train images")
    controls["seed"] = w.IntText(values["seed"], description="seed")
    for name, control in controls.items():
        control.style = style
        control.layout = layout
        control.add_class(f"kerasedu-control-{name}")     # for browser tests and stylesheets
    return controls


def read_settings(controls: dict) -> dict:
    """The current value of every control, as plain Python numbers and strings."""
    return {name: control.value for name, control in controls.items()}


def describe_change(name: str, old: Any, new: Any) -> str:
    """'learning_rate 0.001 -> 0.01', numbers written short.

    >>> describe_change("learning_rate", 0.001, 0.0316227766)
    'learning_rate 0.001 -> 0.0316'
    """
    def short(v):
        return f"{v:.3g}" if isinstance(v, float) else str(v)
    return f"{name} {short(old)} -> {short(new)}"
