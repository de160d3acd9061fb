"""Reference values for Latent's nearest-centroid classifier (sklearn.neighbors.NearestCentroid 1.9.1).

Writes Fixtures/nearest_centroid.json. Run through generate_reference.py (--only nearest_centroid)
or directly. Deterministic: the data are fixed subsets of iris, digits and Fashion-MNIST.

Each data set (training rows, training labels, test rows) is stored once under "datasets" and
named by the cases that use it. Matrices are {"rows", "cols", "data"} (row-major floats) or, for pixel data,
{"rows", "cols", "bytes_base64", "divisor"}: unsigned bytes, each divided by `divisor`
in float64 (k / 255 is correctly rounded in both numpy and Swift, so the inputs are identical).
"""

from __future__ import annotations

import base64
import gzip
import json
import pathlib
import sys
import warnings

import numpy as np
import sklearn
from sklearn.datasets import load_digits, load_iris
from sklearn.metrics import pairwise_distances
from sklearn.neighbors import NearestCentroid

FASHION_DIR = pathlib.Path("/usr/share/datasets/fashion-mnist")
FASHION_NAMES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                 "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def read_idx(path: pathlib.Path) -> np.ndarray:
    """Reads a (gzip-compressed) IDX file of unsigned bytes."""
    data = gzip.decompress(path.read_bytes())
    assert data[0] == 0 and data[1] == 0 and data[2] == 0x08, "expected unsigned-byte IDX"
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def fashion_protocol(classes: list[int], train_per_class: int, test_per_class: int):
    """The first N images of each class from the training file and the first M from the test file."""
    def pick(images, labels, per_class):
        rows = np.concatenate([np.flatnonzero(labels == c)[:per_class] for c in classes])
        return images[rows].reshape(len(rows), -1), labels[rows]
    train = pick(read_idx(FASHION_DIR / "train-images-idx3-ubyte.gz"),
                 read_idx(FASHION_DIR / "train-labels-idx1-ubyte.gz"), train_per_class)
    test = pick(read_idx(FASHION_DIR / "t10k-images-idx3-ubyte.gz"),
                read_idx(FASHION_DIR / "t10k-labels-idx1-ubyte.gz"), test_per_class)
    return train, test


def float_matrix(x: np.ndarray) -> dict:
    return {"rows": int(x.shape[0]), "cols": int(x.shape[1]), "data": [float(v) for v in x.ravel()]}


def byte_matrix(x: np.ndarray, divisor: float) -> dict:
    return {"rows": int(x.shape[0]), "cols": int(x.shape[1]),
            "bytes_base64": base64.b64encode(np.ascontiguousarray(x, dtype=np.uint8).tobytes()).decode(),
            "divisor": divisor}


def labels_json(y) -> list:
    return [v.item() if hasattr(v, "item") else v for v in y]


DATASETS: dict[str, dict] = {}


def case(name, x_train, y_train, x_test, settings, matrix):
    """Fits sklearn's NearestCentroid and records everything Latent must reproduce."""
    priors = settings.get("priors", "uniform")
    model = NearestCentroid(metric=settings.get("metric", "euclidean"),
                            shrink_threshold=settings.get("shrink_threshold"),
                            priors=priors)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(x_train, y_train)
    outputs = {
        "classes": labels_json(model.classes_),
        "centroids": float_matrix(model.centroids_),
        "class_prior": [float(v) for v in model.class_prior_],
        "within_class_std_dev": [float(v) for v in model.within_class_std_dev_],
        "predict_train": labels_json(model.predict(x_train)),
        "predict_test": labels_json(model.predict(x_test)),
        "distances_test": float_matrix(pairwise_distances(x_test, model.centroids_, metric=model.metric)),
    }
    if model.metric == "euclidean":
        decision = model.decision_function(x_test)
        outputs["decision_test"] = float_matrix(decision.reshape(len(x_test), -1))
        outputs["proba_test"] = float_matrix(model.predict_proba(x_test))
        outputs["log_proba_test"] = float_matrix(model.predict_log_proba(x_test))
    dataset = name.split("/")[0]
    if dataset not in DATASETS:
        DATASETS[dataset] = {"X_train": matrix(x_train), "y_train": labels_json(y_train), "X_test": matrix(x_test)}
    return {
        "name": name,
        "dataset": dataset,
        "settings": {"metric": model.metric, "shrink_threshold": settings.get("shrink_threshold"),
                     "priors": priors if isinstance(priors, str) else [float(p) for p in priors]},
        "outputs": outputs,
    }


def write(fixtures_dir: pathlib.Path) -> pathlib.Path:
    cases = []

    iris = load_iris()
    names = np.array(iris.target_names)[iris.target]
    order = np.random.default_rng(3).permutation(len(names))
    train, test = order[:100], order[100:]
    for settings in [{}, {"metric": "manhattan"}, {"shrink_threshold": 0.2}, {"priors": "empirical"},
                     {"priors": [0.5, 0.3, 0.2]}, {"metric": "manhattan", "shrink_threshold": 0.5, "priors": "empirical"}]:
        label = "-".join(f"{k}={v}" for k, v in settings.items()) or "default"
        cases.append(case(f"iris/{label}", iris.data[train], names[train], iris.data[test], settings, float_matrix))

    digits = load_digits()
    x, y = digits.data[:400], digits.target[:400]
    for settings in [{}, {"metric": "manhattan"}, {"shrink_threshold": 1.0}, {"priors": "empirical", "shrink_threshold": 0.5}]:
        label = "-".join(f"{k}={v}" for k, v in settings.items()) or "default"
        cases.append(case(f"digits/{label}", x[:300], y[:300], x[300:], settings, lambda m: byte_matrix(m, 1.0)))
    two = np.isin(digits.target, [3, 8])
    x2, y2 = digits.data[two][:200], digits.target[two][:200]
    cases.append(case("digits-3-vs-8/default", x2[:150], y2[:150], x2[150:], {}, lambda m: byte_matrix(m, 1.0)))
    cases.append(case("digits-3-vs-8/priors=[0.7, 0.3]", x2[:150], y2[:150], x2[150:], {"priors": [0.7, 0.3]},
                      lambda m: byte_matrix(m, 1.0)))

    (xtr, ytr), (xte, _) = fashion_protocol([0, 2, 4, 6], 16, 128)
    ytr_names = np.array(FASHION_NAMES)[ytr]
    for settings in [{}, {"shrink_threshold": 0.5}, {"metric": "manhattan"}, {"priors": "empirical"}]:
        label = "-".join(f"{k}={v}" for k, v in settings.items()) or "default"
        cases.append(case(f"fashion-mnist-0246-16x128/{label}", xtr / 255.0, ytr_names, xte / 255.0, settings,
                          lambda m: byte_matrix(np.rint(m * 255), 255.0)))

    error_cases = [
        {"name": "one-class", "inputs": {"X_train": float_matrix(np.eye(3)), "y_train": [1, 1, 1]},
         "expected_error": "tooFewClasses"},
        {"name": "all-features-constant", "inputs": {"X_train": float_matrix(np.ones((4, 3))), "y_train": [0, 0, 1, 1]},
         "expected_error": "degenerateData"},
    ]
    for error in error_cases:
        x_bad = np.array(error["inputs"]["X_train"]["data"]).reshape(error["inputs"]["X_train"]["rows"], -1)
        try:
            NearestCentroid().fit(x_bad, error["inputs"]["y_train"])
            raise AssertionError(f"sklearn accepted {error['name']}")
        except ValueError:
            pass

    document = {
        "generator": "Tests/Reference/reference_nearest_centroid.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "sklearn": sklearn.__version__},
        "datasets": DATASETS,
        "cases": cases,
        "error_cases": error_cases,
    }
    path = fixtures_dir / "nearest_centroid.json"
    path.write_text(json.dumps(document, separators=(",", ":")))
    return path


if __name__ == "__main__":
    out = write(pathlib.Path(__file__).resolve().parent / "Fixtures")
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
