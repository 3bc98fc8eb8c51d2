"""Record what real Keras's sequence layers compute, for tests/layers/test_sequence_layers_keras.py.

Not run by the tests (Keras is not a test dependency). It was run once with
Keras 3.15.1 on the JAX backend (CPU):

    python -m venv /tmp/kvenv && /tmp/kvenv/bin/pip install keras jax
    KERAS_BACKEND=jax /tmp/kvenv/bin/python tests/reference/make_keras_sequence_reference.py

and wrote tests/reference/keras_sequence_reference.json. Weights and inputs come from
the fixed formula ``arr``; the cases are listed in sequence_cases.py, which the tests
read too.
"""
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
import sequence_cases  # noqa: E402

OUT = Path(__file__).with_name("keras_sequence_reference.json")


def main() -> None:
    result = {"layers": {}, "training": {}}
    for name in sequence_cases.LAYER_CASES:
        outputs = sequence_cases.run_layer_case(keras, name)
        result["layers"][name] = [np.asarray(o).tolist() for o in outputs]
    for name in sequence_cases.TRAINING_CASES:
        result["training"][name] = [w.tolist() for w in sequence_cases.run_training_case(keras, name)]
    result["initial_state"] = [o.tolist() for o in sequence_cases.run_initial_state_case(keras)]
    result["conv1d"] = {name: sequence_cases.run_conv1d_case(keras, name).tolist()
                        for name in sequence_cases.CONV1D_CASES}
    result["keras_version"] = keras.__version__
    OUT.write_text(json.dumps(result))
    print(f"wrote {OUT} (Keras {keras.__version__}, backend {keras.backend.backend()})")


if __name__ == "__main__":
    main()
