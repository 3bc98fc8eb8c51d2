"""cifar100.load_data on a small hand-made archive in the upstream layout.

The mirror beside the project has no cifar-100-python.tar.gz, so the test builds one:
``cifar-100-python/train`` and ``test``, pickled dicts (protocol 2, as upstream) with
b"data" (N, 3072) planes and both b"fine_labels" and b"coarse_labels".
"""
import hashlib
import io
import pickle
import tarfile

import numpy as np
import pytest

from kerasedu.datasets import cifar100

pytestmark = pytest.mark.filterwarnings("ignore::kerasedu.utils.file_utils.MirrorCopyWarning")


def _batch(n: int, first_label: int) -> dict:
    data = (np.arange(n * 3072) % 251).astype(np.uint8).reshape(n, 3072)
    fine = [(first_label + i) % 100 for i in range(n)]
    return {b"data": data, b"fine_labels": fine, b"coarse_labels": [f // 5 for f in fine]}


@pytest.fixture
def mirror(tmp_path, monkeypatch):
    folder = tmp_path / "mirror"
    folder.mkdir()
    archive = folder / "cifar-100-python.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, batch in (("train", _batch(6, 97)), ("test", _batch(2, 10)),
                            ("meta", {b"fine_label_names": [b"apple"] * 100})):
            payload = pickle.dumps(batch, protocol=2)
            info = tarfile.TarInfo(f"cifar-100-python/{name}")
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
    sha = hashlib.sha256(archive.read_bytes()).hexdigest()
    (folder / "SHA256SUMS").write_text(f"{sha}  cifar-100-python.tar.gz\n")
    monkeypatch.setenv("KERASEDU_DATA_MIRROR", str(folder))


def test_fine_and_coarse_labels(mirror):
    (x_train, y_train), (x_test, y_test) = cifar100.load_data()
    assert x_train.shape == (6, 32, 32, 3) and x_test.shape == (2, 32, 32, 3)
    assert x_train.dtype == np.uint8 and y_train.dtype == np.uint8
    assert y_train.shape == (6, 1) and y_train[:, 0].tolist() == [97, 98, 99, 0, 1, 2]
    # channels last: pixel (0, 0) of image 0 is the first number of each colour plane
    planes = _batch(6, 97)[b"data"][0].reshape(3, 32, 32)
    assert x_train[0, 0, 0].tolist() == planes[:, 0, 0].tolist()
    (_, coarse_train), (_, coarse_test) = cifar100.load_data(label_mode="coarse")
    assert coarse_train[:, 0].tolist() == [19, 19, 19, 0, 0, 0] and coarse_test[:, 0].tolist() == [2, 2]


def test_a_wrong_label_mode_is_named(mirror):
    with pytest.raises(ValueError, match="label_mode"):
        cifar100.load_data(label_mode="medium")
