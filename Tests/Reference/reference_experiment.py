"""Reference values for the image-embedding experiment (`latent experiment`) on Fashion-MNIST.

Writes Fixtures/experiment.json: for two class sets and two training sizes (16 and 128 images per
class, the first N of each class in the training file; 128 test images per class, the first of
each class in the test file; pixels / 255), every method of the experiment fitted with
scikit-learn 1.9.1 on the training images, then NearestCentroid (Euclidean) on the projected
training images, then precision_recall_fscore_support (zero_division=0) on the training and the
test images. Methods: raw, lda2/lda3 (LinearDiscriminantAnalysis(solver="svd")),
lda2-shrinkage/lda3-shrinkage (solver="eigen", shrinkage="auto"), pca2/pca3 (PCA, svd_solver="full").

Labels are the class names; classes are ordered as scikit-learn sorts them.
"""

from __future__ import annotations

import json
import pathlib
import sys
import warnings

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.metrics import precision_recall_fscore_support
from sklearn.neighbors import NearestCentroid

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from reference_nearest_centroid import FASHION_NAMES, fashion_protocol  # noqa: E402

CLASS_SETS = [[0, 2, 4, 6], [5, 7, 8, 9]]
TRAIN_SIZES = [16, 128]
TEST_SIZE = 128
METHODS = ["raw", "lda2", "lda3", "lda2-shrinkage", "lda3-shrinkage", "pca2", "pca3"]


def projection(method: str):
    if method == "raw":
        return None
    k = int(method[3])
    if method.startswith("lda"):
        if method.endswith("shrinkage"):
            return LinearDiscriminantAnalysis(solver="eigen", shrinkage="auto", n_components=k)
        return LinearDiscriminantAnalysis(solver="svd", n_components=k)
    return PCA(n_components=k, svd_solver="full")


def scores(truth, predicted, classes):
    p, r, f, s = precision_recall_fscore_support(truth, predicted, labels=classes, zero_division=0)
    return {"precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist()}


def write(fixtures_dir: pathlib.Path) -> pathlib.Path:
    cases = []
    for class_set in CLASS_SETS:
        for train_size in TRAIN_SIZES:
            (xtr, ytr), (xte, yte) = fashion_protocol(class_set, train_size, TEST_SIZE)
            xtr, xte = xtr / 255.0, xte / 255.0
            ytr = np.array(FASHION_NAMES)[ytr]
            yte = np.array(FASHION_NAMES)[yte]
            for method in METHODS:
                model = projection(method)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    if model is None:
                        ptr, pte = xtr, xte
                    elif method.startswith("lda"):
                        model.fit(xtr, ytr)
                        ptr, pte = model.transform(xtr), model.transform(xte)
                    else:
                        model.fit(xtr)
                        ptr, pte = model.transform(xtr), model.transform(xte)
                    nc = NearestCentroid().fit(ptr, ytr)
                    pred_train, pred_test = nc.predict(ptr), nc.predict(pte)
                classes = [str(c) for c in nc.classes_]
                cases.append({
                    "classes": [FASHION_NAMES[c] for c in class_set],
                    "sorted_classes": classes,
                    "train_per_class": train_size,
                    "test_per_class": TEST_SIZE,
                    "method": method,
                    "predict_train": [str(v) for v in pred_train],
                    "predict_test": [str(v) for v in pred_test],
                    "train": scores(ytr, pred_train, classes),
                    "test": scores(yte, pred_test, classes),
                })
    document = {
        "generator": "Tests/Reference/reference_experiment.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "sklearn": sklearn.__version__},
        "cases": cases,
    }
    path = fixtures_dir / "experiment.json"
    path.write_text(json.dumps(document, separators=(",", ":")))
    return path


if __name__ == "__main__":
    out = write(pathlib.Path(__file__).resolve().parent / "Fixtures")
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
