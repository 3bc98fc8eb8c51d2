"""Small classic datasets, as in ``keras.datasets``.

>>> from kerasedu.datasets import mnist
>>> (x_train, y_train), (x_test, y_test) = mnist.load_data()  # doctest: +SKIP

The first call downloads the data and checks its hash; later calls read the
copy in ``~/.kerasedu/datasets`` (``$KERASEDU_HOME`` moves it). A checked
copy in Keras's own cache (``~/.keras/datasets``) is used as it is.

Offline, or a whole classroom? Set ``KERASEDU_DATA_MIRROR`` to a folder or an
http(s) URL that holds the files under their upstream names (``mnist.npz``,
``imdb.npz``, ``fashion-mnist/train-images-idx3-ubyte.gz``,
``cifar-10-python.tar.gz``, ...). A teacher can serve their own cache with
``python -m kerasedu.datasets serve``, after filling it with
``python -m kerasedu.datasets download``.
"""
from kerasedu.datasets import boston_housing, cifar10, cifar100, fashion_mnist, imdb, mnist, reuters

__all__ = ["boston_housing", "cifar10", "cifar100", "fashion_mnist", "imdb", "mnist", "reuters"]
