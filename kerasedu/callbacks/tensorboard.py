"""TensorBoard: write the training curves (and weight histograms) for TensorBoard.

The event files are written with the ``tensorboard`` package's own writer
(``EventFileWriter`` and the ``*_pb`` summary helpers), which needs NumPy and
protobuf but not TensorFlow. Look at them with::

    tensorboard --logdir logs

Layout, as Keras: ``<log_dir>/train`` holds ``epoch_loss``, ``epoch_accuracy``,
``epoch_learning_rate``, ... (step = epoch, 0-based) and ``<log_dir>/validation``
holds the ``val_`` values under the same names (``epoch_loss``), so TensorBoard
draws training and validation curves in one chart.
"""
from __future__ import annotations

import os
import struct
import time
import warnings
import zlib
from typing import Optional, Union

import numpy as np

from kerasedu.callbacks.callback import Callback

_INSTALL_HINT = ("The TensorBoard callback needs the `tensorboard` package to write its event "
                 "files. Install it with `pip install tensorboard` (or `pip install "
                 "kerasedu[lessons]`), then restart the Python kernel.")


def _import_tensorboard():
    """The pieces of the ``tensorboard`` package we use, or a clear ImportError."""
    try:
        from tensorboard.compat.proto import event_pb2, summary_pb2
        from tensorboard.plugins.histogram.summary_v2 import histogram_pb
        from tensorboard.plugins.image import metadata as image_metadata
        from tensorboard.plugins.scalar.summary_v2 import scalar_pb
        from tensorboard.summary.writer.event_file_writer import EventFileWriter
        from tensorboard.util import tensor_util
    except ImportError as error:
        raise ImportError(_INSTALL_HINT) from error
    return dict(event_pb2=event_pb2, summary_pb2=summary_pb2, histogram_pb=histogram_pb,
                image_metadata=image_metadata, scalar_pb=scalar_pb,
                EventFileWriter=EventFileWriter, tensor_util=tensor_util)


class TensorBoard(Callback):
    """Log losses, metrics, the learning rate and weight histograms for TensorBoard.

    Args:
        log_dir: the folder of this run's logs (``train/`` and ``validation/`` go inside).
        histogram_freq: every how many epochs to write weight histograms
            (tag ``<layer>/<weight>/histogram``); 0 = never.
        write_graph: write the model's architecture (TensorBoard's Graphs tab,
            "conceptual graph").
        write_images: also write each weight as a small grey image (scaled from
            its min to its max), with ``histogram_freq``.
        write_steps_per_second: log training steps per second.
        update_freq: "epoch"; or "batch" / an integer N to also write
            ``batch_<key>`` every N batches (step = batches seen, from 1).
        profile_batch: profiling is not available in kerasedu; must be 0.
        embeddings_freq, embeddings_metadata: not supported (a warning if set).

    >>> import numpy as np, tempfile, os, kerasedu as keras
    >>> model = keras.Sequential([keras.layers.Dense(1, input_shape=(2,))])
    >>> model.compile(optimizer="sgd", loss="mse")
    >>> log_dir = tempfile.mkdtemp()
    >>> _ = model.fit(np.ones((8, 2)), np.ones((8, 1)), epochs=2, verbose=0,
    ...               validation_split=0.25, callbacks=[TensorBoard(log_dir)])
    >>> sorted(os.listdir(log_dir))
    ['train', 'validation']
    """

    def __init__(self, log_dir: Union[str, os.PathLike] = "logs", histogram_freq: int = 0,
                 write_graph: bool = True, write_images: bool = False,
                 write_steps_per_second: bool = False, update_freq: Union[str, int] = "epoch",
                 profile_batch: int = 0, embeddings_freq: int = 0, embeddings_metadata=None):
        super().__init__()
        self._tb = _import_tensorboard()      # fail now, not in the middle of fit()
        if update_freq == "batch":
            update_freq = 1
        if update_freq != "epoch" and (not isinstance(update_freq, int) or update_freq <= 0):
            raise ValueError(f"update_freq must be 'epoch', 'batch' or a positive integer, "
                             f"got {update_freq!r}.")
        if profile_batch:
            raise ValueError(f"Profiling is not available in kerasedu. Received: "
                             f"profile_batch={profile_batch} (must be 0)")
        if embeddings_freq or embeddings_metadata:
            warnings.warn("kerasedu's TensorBoard callback does not write embeddings "
                          "(embeddings_freq / embeddings_metadata are ignored).", stacklevel=2)
        self.log_dir = os.fspath(log_dir)
        self.histogram_freq = histogram_freq
        self.write_graph = write_graph
        self.write_images = write_images
        self.write_steps_per_second = write_steps_per_second
        self.update_freq = update_freq
        self._writers: dict = {}
        self._global_train_batch = 0
        self._graph_written = False

    # ---- writing events ------------------------------------------------------
    def _writer(self, run: str):
        """One event file per run folder ("train" / "validation"), made when first needed."""
        if run not in self._writers:
            self._writers[run] = self._tb["EventFileWriter"](os.path.join(self.log_dir, run))
        return self._writers[run]

    def _write(self, run: str, summary, step: int) -> None:
        event = self._tb["event_pb2"].Event(wall_time=time.time(), step=int(step), summary=summary)
        self._writer(run).add_event(event)

    def _scalar(self, run: str, tag: str, value, step: int) -> None:
        """One point of the curve ``tag``. A metric with several thresholds logs a list:
        each value gets its own curve, tag/0, tag/1, ... (TensorBoard groups them by tag)."""
        values = np.asarray(value, dtype=np.float32)
        if values.size == 1:
            self._write(run, self._tb["scalar_pb"](tag, values.reshape(())), step)
            return
        for i, one in enumerate(values.ravel()):
            self._write(run, self._tb["scalar_pb"](f"{tag}/{i}", one), step)

    def _close_writers(self) -> None:
        for writer in self._writers.values():
            writer.close()
        self._writers = {}

    # ---- training ----------------------------------------------------------------
    def on_train_begin(self, logs: Optional[dict] = None) -> None:
        self._global_train_batch = 0
        if self.write_graph and not self._graph_written:
            self._write_model_config()
            self._graph_written = True

    def on_train_batch_begin(self, batch: int, logs: Optional[dict] = None) -> None:
        self._global_train_batch += 1
        self._batch_start = time.time()

    def on_train_batch_end(self, batch: int, logs: Optional[dict] = None) -> None:
        if self.update_freq == "epoch" or self._global_train_batch % self.update_freq:
            return
        step = self._global_train_batch
        for name, value in (logs or {}).items():
            self._scalar("train", "batch_" + name, value, step)
        if self.write_steps_per_second:
            elapsed = max(time.time() - self._batch_start, 1e-9)
            self._scalar("train", "batch_steps_per_second", 1.0 / elapsed, step)

    def on_epoch_begin(self, epoch: int, logs: Optional[dict] = None) -> None:
        self._epoch_start = time.time()
        self._epoch_start_iterations = getattr(self.model.optimizer, "iterations", 0)

    def on_epoch_end(self, epoch: int, logs: Optional[dict] = None) -> None:
        logs = logs or {}
        train = {k: v for k, v in logs.items() if not k.startswith("val_")}
        if getattr(self.model, "optimizer", None) is not None:
            train["learning_rate"] = float(self.model.optimizer.learning_rate)
        if self.write_steps_per_second:
            steps = self.model.optimizer.iterations - self._epoch_start_iterations
            train["steps_per_second"] = steps / max(time.time() - self._epoch_start, 1e-9)
        for name, value in train.items():
            self._scalar("train", "epoch_" + name, value, epoch)
        for name, value in logs.items():
            if name.startswith("val_"):       # same chart as the training curve
                self._scalar("validation", "epoch_" + name[len("val_"):], value, epoch)
        if self.histogram_freq and epoch % self.histogram_freq == 0:
            self._log_weights(epoch)
        for writer in self._writers.values():
            writer.flush()                    # visible in TensorBoard while training goes on

    def on_test_end(self, logs: Optional[dict] = None) -> None:
        """Each evaluation (validation included) against the optimizer's step count."""
        optimizer = getattr(self.model, "optimizer", None)
        if optimizer is None or not logs:
            return
        for name, value in logs.items():
            self._scalar("validation", f"evaluation_{name}_vs_iterations", value,
                         optimizer.iterations)
        self._writer("validation").flush()   # evaluate() alone has no epoch end to flush

    def on_train_end(self, logs: Optional[dict] = None) -> None:
        self._close_writers()

    # ---- weights and architecture --------------------------------------------------
    def _log_weights(self, epoch: int) -> None:
        for layer in self.model.layers:
            for weight in layer.weights:
                tag = getattr(weight, "path", weight.name).replace(":", "_")
                self._write("train", self._tb["histogram_pb"](tag + "/histogram", weight.data),
                            epoch)
                if self.write_images:
                    self._log_weight_as_image(weight.data, tag + "/image", epoch)

    def _log_weight_as_image(self, weight: np.ndarray, tag: str, epoch: int) -> None:
        """A weight as grey images, shaped as Keras does (kernels: one image per filter)."""
        w = np.squeeze(weight)
        if w.ndim == 1:                                   # bias: a column
            images = w.reshape(1, -1, 1)
        elif w.ndim == 2:                                 # Dense kernel: wide, not tall
            images = (w.T if w.shape[0] > w.shape[1] else w)[None]
        elif w.ndim == 3:                                 # (kh, kw, filters): one per filter
            images = np.transpose(w, (2, 0, 1))[:3]
        else:
            return                                        # no picture for 4-D kernels
        tb = self._tb
        height, width = images.shape[1:]
        encoded = [str(width).encode(), str(height).encode()] + [_png(_to_uint8(i)) for i in images]
        summary = tb["summary_pb2"].Summary()
        summary.value.add(tag=tag, metadata=tb["image_metadata"].create_summary_metadata(
            display_name=None, description=None),
            tensor=tb["tensor_util"].make_tensor_proto(encoded, dtype=np.object_))
        self._write("train", summary, epoch)

    def _write_model_config(self) -> None:
        """The model's JSON config, which TensorBoard's Graphs tab draws ("keras" tag)."""
        try:
            json_string = self.model.to_json()
        except Exception as error:            # a drawing is not worth stopping training
            warnings.warn(f"Model failed to serialize as JSON. Ignoring... {error}")
            return
        tb = self._tb
        metadata = tb["summary_pb2"].SummaryMetadata(
            plugin_data=tb["summary_pb2"].SummaryMetadata.PluginData(
                plugin_name="graph_keras_model", content=b"1"))
        summary = tb["summary_pb2"].Summary()
        summary.value.add(tag="keras", metadata=metadata,
                          tensor=tb["tensor_util"].make_tensor_proto(json_string, dtype=np.object_))
        self._write("train", summary, 0)


def _to_uint8(image: np.ndarray) -> np.ndarray:
    """Scale to 0..255 from the image's own min..max (a constant image is mid-grey)."""
    low, high = float(image.min()), float(image.max())
    if high == low:
        return np.full(image.shape, 128, dtype=np.uint8)
    return np.round((image - low) * (255.0 / (high - low))).astype(np.uint8)


def _png(gray: np.ndarray) -> bytes:
    """A minimal PNG file: signature, header, zlib-compressed rows (filter byte 0), end."""
    height, width = gray.shape
    rows = b"".join(b"\x00" + gray[r].tobytes() for r in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)   # 8-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))
