"""TerminateOnNaN stops training at the first NaN/Inf batch loss."""
import numpy as np
import pytest

import kerasedu as keras
from kerasedu.callbacks import LambdaCallback
from kerasedu.callbacks.terminate_on_nan import TerminateOnNaN

from callback_helpers import make_model


@pytest.mark.filterwarnings("ignore::RuntimeWarning")     # overflow is the point of the test
def test_a_diverging_fit_is_stopped_in_the_middle_of_the_epoch(capsys):
    x = np.full((64, 4), 100.0, dtype=np.float32)
    y = np.zeros((64, 1), dtype=np.float32)
    model = make_model(keras.optimizers.SGD(learning_rate=1e6))       # far too large: diverges
    batches = []
    count = LambdaCallback(on_train_batch_end=lambda batch, logs: batches.append(logs["loss"]))
    history = model.fit(x, y, batch_size=4, epochs=3, verbose=0,
                        callbacks=[TerminateOnNaN(), count])
    assert len(history.epoch) == 1                        # stopped during the first epoch
    assert 1 < len(batches) < 16
    assert not np.isfinite(batches[-1]) and all(np.isfinite(batches[:-1]))
    assert f"Batch {len(batches) - 1}: Invalid loss, terminating training" in capsys.readouterr().out


def test_finite_losses_change_nothing():
    model = make_model()
    callback = TerminateOnNaN()
    callback.set_model(model)
    model.stop_training = False
    for batch, loss in enumerate([1.0, 0.5, 1e30]):
        callback.on_train_batch_end(batch, {"loss": loss})
    callback.on_train_batch_end(3, {})                   # no loss in the logs: nothing to check
    assert model.stop_training is False


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_raise_error_option(bad):
    callback = TerminateOnNaN(raise_error=True)
    callback.set_model(make_model())
    with pytest.raises(RuntimeError, match="NaN or Inf loss encountered at batch 7"):
        callback.on_train_batch_end(7, {"loss": bad})
