"""In a real notebook kernel, every plot shows exactly once, however the learner writes the cell."""
import nbformat
import pytest
from nbclient import NotebookClient

CELLS = {
    "setup": "import matplotlib.pyplot as plt\nfrom kerasedu import plots\nh = {'loss': [1.0, 0.5], 'val_loss': [1.1, 0.7]}",
    "as the cell's value": "plots.plot_history(h)",
    "assigned": "fig = plots.plot_history(h)",
    "then plt.show()": "plots.plot_history(h)\nplt.show()",
    "two plots, one changed later": ("fig = plots.plot_history(h)\nfig.suptitle('changed')\n"
                                     "plots.plot_confusion_matrix([0, 1, 1], [0, 1, 0])"),
    "no plot": "x = 1",
}
EXPECTED_IMAGES = [0, 1, 1, 1, 2, 0]


@pytest.fixture(scope="module")
def executed():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS.values()])
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    return nb


def test_each_figure_is_shown_exactly_once(executed):
    images = [sum("image/png" in o.get("data", {}) for o in cell.outputs) for cell in executed.cells]
    assert images == EXPECTED_IMAGES, dict(zip(CELLS, images))


def test_a_change_after_creation_is_in_the_picture(executed):
    import base64
    import io

    from PIL import Image
    pictures = [o["data"]["image/png"] for o in executed.cells[4].outputs if "image/png" in o.get("data", {})]
    plain = [o["data"]["image/png"] for o in executed.cells[2].outputs if "image/png" in o.get("data", {})]
    # the suptitle adds a line at the top: that picture differs from the plain one
    assert pictures[0] != plain[0]
    assert Image.open(io.BytesIO(base64.b64decode(pictures[0]))).size[0] > 0
