"""plot_model: a picture of a model's layer graph, drawn with matplotlib boxes and arrows.

Keras draws this with graphviz; we walk the graph ourselves (the same Nodes
that ``Model(inputs, outputs)`` walks, see models/functional.py), place each
layer on a row by its depth, and draw one box per layer call and one arrow
per tensor passed on. No extra program needed.
"""
from __future__ import annotations

from typing import Any, Optional

from kerasedu.layers.symbolic import flatten
from kerasedu.plots._figure import new_figure

_COLORS = {"InputLayer": "#d8f0d8", "Dense": "#dbe8f8", "Conv2D": "#f8e3cc",
           "MaxPooling2D": "#f3f0c8", "Dropout": "#eeeeee", "BatchNormalization": "#eadcf4"}


def model_graph(model) -> tuple[list[dict], list[tuple[int, int]]]:
    """The layer calls of a model, in an order where inputs come first, and their links.

    Returns:
        ``(nodes, edges)``: each node a dict with "name", "class" and "shape"
        (the output shape, None if unknown), each edge ``(from, to)`` indices.

    >>> import kerasedu as keras
    >>> x = keras.Input(shape=(4,), name="x")
    >>> model = keras.Model(x, keras.layers.Dense(2, name="out")(x))
    >>> nodes, edges = model_graph(model)
    >>> [n["name"] for n in nodes], edges
    (['x', 'out'], [(0, 1)])
    """
    outputs = getattr(model, "outputs", None)
    if not outputs:          # a Sequential with no input shape yet: a chain with no shapes
        nodes = [{"name": l.name, "class": type(l).__name__, "shape": None} for l in model.layers]
        return nodes, [(i, i + 1) for i in range(len(nodes) - 1)]
    input_ids = {id(t) for t in flatten(model.inputs)}
    order, index = [], {}                 # graph nodes in order; id(node) -> position

    def visit(tensor):
        layer, node_index, _ = tensor._keras_history
        node = layer._inbound_nodes[node_index]
        if id(node) in index:
            return
        if id(tensor) not in input_ids:   # stop at the model's inputs
            for parent in node.input_tensors:
                visit(parent)
        index[id(node)] = len(order)
        order.append(node)

    for tensor in flatten(outputs):
        visit(tensor)
    nodes, edges = [], []
    for node in order:
        shapes = [t.shape for t in node.outputs]
        nodes.append({"name": node.layer.name, "class": type(node.layer).__name__,
                      "shape": shapes[0] if len(shapes) == 1 else shapes})
        if not any(id(t) in input_ids for t in node.outputs):
            for parent in node.input_tensors:
                player, pindex, _ = parent._keras_history
                edges.append((index[id(player._inbound_nodes[pindex])], index[id(node)]))
    return nodes, edges


def plot_model(model, show_shapes: bool = True, title: Optional[str] = None) -> Any:
    """Draw the model as boxes (layers) and arrows (tensors), inputs at the top.

    Works for Sequential models (a column of boxes) and Functional models with
    several inputs, branches and merges (boxes side by side on a row).

    Args:
        model: a Sequential or Functional model.
        show_shapes: write each layer's output shape in its box.
        title: a title (default: the model's name).

    Returns:
        The matplotlib Figure: one FancyBboxPatch per layer call, one
        FancyArrowPatch per link.

    >>> import kerasedu as keras
    >>> model = keras.Sequential([keras.Input(shape=(4,), name="x"),
    ...                           keras.layers.Dense(2, name="out")])
    >>> fig = plot_model(model)
    >>> [t.get_text().splitlines() for t in fig.axes[0].texts]
    [['x (InputLayer)', '(None, 4)'], ['out (Dense)', '(None, 2)']]
    """
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    nodes, edges = model_graph(model)
    if not nodes:
        raise ValueError(f"plot_model: model '{model.name}' has no layers to draw.")
    positions = _layout(len(nodes), edges)
    width = max(x for x, _ in positions) - min(x for x, _ in positions) + 1
    depth = max(y for _, y in positions) + 1
    fig = new_figure((max(3.2, 2.6 * width), 0.35 + 0.95 * depth))
    ax = fig.add_subplot()
    ax.set_axis_off()
    box_w, box_h = 2.2, 0.62                      # in data units: columns are 2.6 apart
    for node, (x, y) in zip(nodes, positions):
        cx, cy = 2.6 * x, -y
        box = FancyBboxPatch((cx - box_w / 2, cy - box_h / 2), box_w, box_h,
                             boxstyle="round,pad=0.02,rounding_size=0.1", linewidth=1.0,
                             facecolor=_COLORS.get(node["class"], "#e4eef4"), edgecolor="#445")
        ax.add_patch(box)
        text = f"{node['name']} ({node['class']})"
        if show_shapes and node["shape"] is not None:
            text += "\n" + _shape_text(node["shape"])
        ax.text(cx, cy, text, ha="center", va="center", fontsize=8, family="monospace")
    for a, b in edges:
        (xa, ya), (xb, yb) = positions[a], positions[b]
        # an arrow that skips rows (a skip connection) bends, so it does not cross the boxes
        bend = 0.35 if yb - ya > 1 and xa == xb else 0.0
        ax.add_patch(FancyArrowPatch((2.6 * xa, -ya - box_h / 2), (2.6 * xb, -yb + box_h / 2),
                                     arrowstyle="-|>", mutation_scale=10, color="#334",
                                     connectionstyle=f"arc3,rad={bend}", shrinkA=1, shrinkB=1))
    xs = [2.6 * x for x, _ in positions]
    ax.set_xlim(min(xs) - 1.3, max(xs) + 1.3)
    ax.set_ylim(-depth + 0.45, 0.5)
    ax.set_title(title if title is not None else model.name, fontsize=10)
    return fig


def _layout(n: int, edges: list[tuple[int, int]]) -> list[tuple[float, int]]:
    """(column, row) for each node: row = longest path from an input, columns centred.

    Within a row, nodes are sorted by the mean column of their parents, which
    keeps most arrows from crossing (the "barycentre" rule of graph drawing).
    """
    parents: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        parents[b].append(a)
    row = [0] * n
    for i in range(n):                    # nodes come in dependency order: parents first
        row[i] = max((row[p] + 1 for p in parents[i]), default=0)
    column = [0.0] * n
    for r in range(max(row) + 1):
        members = [i for i in range(n) if row[i] == r]
        members.sort(key=lambda i: (sum(column[p] for p in parents[i]) / len(parents[i])
                                    if parents[i] else 0.0, i))
        for k, i in enumerate(members):
            column[i] = k - (len(members) - 1) / 2.0
    return [(column[i], row[i]) for i in range(n)]


def _shape_text(shape) -> str:
    if isinstance(shape, list):
        return ", ".join(_shape_text(s) for s in shape)
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"
