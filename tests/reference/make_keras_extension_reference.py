"""Record what real Keras computes for the extension API, for tests/layers/test_extension_keras.py.

Not run by the tests (Keras is not a test dependency). Run with Keras 3.15 on JAX (CPU):

    KERAS_BACKEND=jax python tests/reference/make_keras_extension_reference.py

It writes tests/reference/keras_extension_reference.json: Conv2DTranspose and
UpSampling2D outputs, regularizer penalties, constraint projections, and three
short fits (add_loss, kernel/bias/activity regularizers, constraints). The cases
are in extension_cases.py, which the tests read too.
"""
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
import extension_cases as cases  # noqa: E402

OUT = Path(__file__).with_name("keras_extension_reference.json")


def main() -> None:
    result = {
        "conv_transpose": {n: cases.run_conv_transpose_case(keras, n).tolist() for n in cases.CONV_TRANSPOSE_CASES},
        "upsampling": {n: cases.run_upsampling_case(keras, n).tolist() for n in cases.UPSAMPLING_CASES},
        "regularizers": {n: cases.run_regularizer_case(keras, n) for n in cases.REGULARIZER_CASES},
        "constraints": {n: cases.run_constraint_case(keras, n).tolist() for n in cases.CONSTRAINT_CASES},
        "fit": {n: cases.run_fit_case(keras, n) for n in cases.FIT_CASES},
        "string_regularizers": {name: keras.regularizers.get(name).get_config()
                                for name in ("l1", "l2", "l1_l2")
                                if _known(name)},
        "keras_version": keras.__version__,
    }
    OUT.write_text(json.dumps(result))
    print(f"wrote {OUT} (Keras {keras.__version__}, backend {keras.backend.backend()})")


def _known(name: str) -> bool:
    try:
        keras.regularizers.get(name)
        return True
    except ValueError:
        return False


if __name__ == "__main__":
    main()
