"""model.summary(): a table of layers, output shapes and parameter counts, as Keras 3 prints it.

    Model: "sequential"
    ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
    ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
    ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
    │ dense (Dense)                   │ (None, 128)            │       100,480 │
    └─────────────────────────────────┴────────────────────────┴───────────────┘
     Total params: 100,480 (392.50 KB)
"""
from __future__ import annotations

from typing import Callable, Optional

from kerasedu.layers.input_layer import InputLayer


def _shape_text(shape) -> str:
    if shape is None:
        return "?"
    if isinstance(shape, list):
        return ", ".join(_shape_text(s) for s in shape)
    inner = ", ".join("None" if d is None else str(d) for d in shape)
    return f"({inner},)" if len(shape) == 1 else f"({inner})"


def format_bytes(n_params: int) -> str:
    """The memory of n float32 parameters: "397.54 KB"."""
    size = n_params * 4.0
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.2f} {unit}"
        size /= 1024.0


def _rows(model) -> list[list[str]]:
    """One row per layer: name (type), output shape, params[, connected to].

    A layer called twice (shared) has one row, listing every call's inputs, as in Keras.
    """
    graph = hasattr(model, "_nodes")
    rows = []
    for layer in model.layers:                 # a graph's layers: each once, in graph order
        nodes = [n for n in model._nodes if n.layer is layer] if graph else []
        if nodes:
            outputs = nodes[0].outputs
            shape = _shape_text([t.shape for t in outputs] if len(outputs) > 1 else outputs[0].shape)
        else:
            shape = _shape_text(layer._inbound_nodes[-1].outputs[0].shape) \
                if model.built and layer._inbound_nodes else "?"
        params = f"{layer.count_params():,}" if layer.built else "0 (unbuilt)"
        row = [f"{layer.name} ({type(layer).__name__})", shape, params]
        if graph:
            parents = [f"{t._keras_history[0].name}[{t._keras_history[1]}][{t._keras_history[2]}]"
                       for node in nodes for t in node.input_tensors]
            row.append("\n".join(parents) if parents else "-")
        rows.append(row)
    return rows


def print_summary(model, line_length: Optional[int] = None, print_fn: Optional[Callable] = None) -> None:
    print_fn = print_fn or print
    rows = _rows(model)
    graph = hasattr(model, "_nodes") and _is_branching(model)
    headers = ["Layer (type)", "Output Shape", "Param #"] + (["Connected to"] if graph else [])
    rows = [r if graph else r[:3] for r in rows]
    widths = [max([len(headers[i])] + [len(line) for r in rows for line in r[i].split("\n")]) + 2
              for i in range(len(headers))]
    widths[0] = max(widths[0], 33)
    widths[1] = max(widths[1], 24)
    widths[2] = max(widths[2], 15)

    def line(cells, left="│", mid="│", right="│"):
        parts = []
        for i, (cell, width) in enumerate(zip(cells, widths)):
            text = f" {cell:>{width - 2}} " if i == 2 else f" {cell:<{width - 2}} "
            parts.append(text)
        return left + mid.join(parts) + right

    def rule(left, mid, right, fill):
        return left + mid.join(fill * w for w in widths) + right

    out = [f'Model: "{model.name}"', rule("┏", "┳", "┓", "━"),
           line(headers, "┃", "┃", "┃"), rule("┡", "╇", "┩", "━")]
    for i, row in enumerate(rows):
        cells = [c.split("\n") for c in row]
        for k in range(max(len(c) for c in cells)):
            out.append(line([c[k] if k < len(c) else "" for c in cells]))
        if i < len(rows) - 1:
            out.append(rule("├", "┼", "┤", "─"))
    out.append(rule("└", "┴", "┘", "─"))
    if model.built or all(layer.built for layer in model.layers):
        trainable = sum(v.data.size for v in model.trainable_weights)
        total = sum(v.data.size for v in model.weights)
        out.append(f" Total params: {total:,} ({format_bytes(total)})")
        out.append(f" Trainable params: {trainable:,} ({format_bytes(trainable)})")
        out.append(f" Non-trainable params: {total - trainable:,} ({format_bytes(total - trainable)})")
        optimizer = getattr(model, "optimizer", None)
        if optimizer is not None and optimizer._slots:
            n_opt = sum(a.size for s in optimizer._slots.values() for a in s.values())
            out.append(f" Optimizer params: {n_opt:,} ({format_bytes(n_opt)})")
    for text in out:
        print_fn(text)


def _is_branching(model) -> bool:
    """Keras adds a "Connected to" column unless the graph is a plain chain."""
    return any(len(n.input_tensors) > 1 for n in model._nodes) or len(model.outputs) > 1 \
        or len({id(n.layer) for n in model._nodes}) != len(model._nodes)
