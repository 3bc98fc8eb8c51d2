"""CallbackList: calls one hook on every callback, in order."""
from __future__ import annotations

from typing import Iterable, Optional

from kerasedu.callbacks.callback import Callback
from kerasedu.callbacks.history import History
from kerasedu.callbacks.progbar_logger import ProgbarLogger

_HOOKS = [f"on_{phase}_{when}" for phase in ("train", "test", "predict") for when in ("begin", "end")]
_HOOKS += [f"on_{phase}_batch_{when}" for phase in ("train", "test", "predict") for when in ("begin", "end")]
_HOOKS += ["on_epoch_begin", "on_epoch_end"]
# Callback.on_train_batch_begin calls on_batch_begin: overriding either one counts
_OLD_NAMES = {"on_train_batch_begin": "on_batch_begin", "on_train_batch_end": "on_batch_end"}


class CallbackList(Callback):
    """The user's callbacks, then History, then the progress bar (as Keras orders them)."""

    def __init__(self, callbacks: Optional[Iterable[Callback]] = None, add_history: bool = False,
                 add_progbar: bool = False, model=None, **params):
        super().__init__()
        self.callbacks = list(callbacks or [])
        for cb in self.callbacks:
            if not isinstance(cb, Callback):
                raise TypeError(f"callbacks must be keras.callbacks.Callback objects, got "
                                f"{type(cb).__name__}. Did you pass the class instead of an "
                                f"instance, e.g. EarlyStopping instead of EarlyStopping()?")
        self.history = next((cb for cb in self.callbacks if isinstance(cb, History)), None)
        if self.history is None and add_history:
            self.history = History()
            self.callbacks.append(self.history)
        if add_progbar and not any(isinstance(cb, ProgbarLogger) for cb in self.callbacks):
            self.callbacks.append(ProgbarLogger())
        if model is not None:
            self.set_model(model)
        self.set_params(params)
        self._active: dict = {}     # hook name -> the callbacks that do something there

    def _doing(self, name: str) -> list:
        """The callbacks whose ``name`` hook is not the base class's do-nothing one
        (fit calls the batch hooks thousands of times; most callbacks skip them)."""
        active = self._active.get(name)
        if active is None:
            names = [name] + ([_OLD_NAMES[name]] if name in _OLD_NAMES else [])
            active = [cb for cb in self.callbacks
                      if any(getattr(getattr(cb, n), "__func__", None) is not getattr(Callback, n)
                             for n in names)]
            self._active[name] = active
        return active

    def set_model(self, model) -> None:
        super().set_model(model)
        for cb in self.callbacks:
            cb.set_model(model)

    def set_params(self, params: dict) -> None:
        super().set_params(params)
        for cb in self.callbacks:
            cb.set_params(params)


def _make_hook(name: str):
    """A hook that forwards to every callback, always passing ``logs`` (Keras does too)."""
    takes_index = "batch" in name or "epoch" in name

    def hook(self, *args, logs=None):
        for cb in self._doing(name):
            if takes_index:
                getattr(cb, name)(args[0], logs)
            else:
                getattr(cb, name)(logs)
    hook.__name__ = name
    return hook


for _name in _HOOKS:
    setattr(CallbackList, _name, _make_hook(_name))
