"""Reference values for Latent's linear discriminant analysis (fixture `lda.json`).

`generate_reference.py` imports this module and calls `write(fixtures_dir)`;
run `python3 Tests/Reference/generate_reference.py --only lda`. Everything comes
from scikit-learn 1.9.1's `LinearDiscriminantAnalysis` (numpy 2.4.6, scipy 1.17.1):
the fixture pins the version it was written with.

Layout of lda.json (compact JSON, floats by repr, deterministic):

    {"generator", "versions",
     "datasets": {name: {"X": matrix, "y": [int labels], "divisor": k or null,
                         "eval_rows": [row indices], "probe": matrix or null, "note"}},
     "cases": [{"name", "operation": "lda",
                "inputs": {"dataset", "solver": "svd"|"eigen", "shrinkage": null|float|"auto",
                           "n_components": null|int, "priors": null|[float], "tol"},
                "outputs": {...}, "note"}],
     "error_cases": [{"name", "inputs": {...as above}, "expected_error", "note"}],
     "release_cases": [...same as cases, for LATENT_RELEASE_CHECKS=1...]}

Matrices are {"rows", "cols", "data"} (row-major) or a recipe (below). When a
dataset has a "divisor", its stored data are integers and X = data / divisor
(Fashion-MNIST pixels k/255, computed as one correctly rounded division).

Outputs (float64; classes sorted as scikit-learn does):
  classes, priors, n_components,
  means and coef (c x d; coef is 1 x d for two classes), scalings (d x m):
      stored in full when d <= 100; otherwise as probes, means_probe = means @ P.T,
      coef_probe = coef @ P.T, scalings_probe = P @ scalings, with P the dataset's
      "probe" matrix (3 x d, fmix32 recipe seed 99).
      scalings: svd -> scikit-learn's scalings_ (all rank columns); eigen -> its
      first min(c - 1, d) columns (scikit-learn keeps all d eigenvectors).
  xbar: svd -> xbar_; eigen -> priors @ means (scikit-learn stores no xbar_ there).
  explained_variance_ratio: scikit-learn's explained_variance_ratio_.
  eigen only: unique_components (per stored scalings column: is its eigenvalue simple?
      degenerate columns are not unique and tests skip them), relative_gaps (each stored
      component's eigenvalue gap to its neighbours over the largest |eigenvalue|: an
      eigenvector's sensitivity to rounding is about eps / gap), eigenvalues_leading (the n_components largest generalized eigenvalues),
      eigenvalue_sum (the sum of all d), explained_variance_ratio_leading =
      eigenvalues_leading / eigenvalue_sum, and trace_negative. scikit-learn reports
      sort(evals / sum)[::-1][:m], which is the leading ratio whenever the sum is positive;
      with Ledoit-Wolf shrinkage the sum can be negative (scikit-learn issue #12662), and
      then it reports the ratios of the most negative eigenvalues instead. Latent reports
      explained_variance_ratio_leading in every case; see Docs/LDA.md.
  intercept (c, or 1 for two classes),
  transform, decision_function (n x c, or n x 1 for two classes), predict_proba,
      predict_log_proba: on the dataset's eval_rows;
  predict: on every row.
Signs: transform and scalings columns are unique only up to sign (compare the
transform up to a per-column sign and give the scalings the same signs).

Wide synthetic data ("class-structured fmix32"), exact in Python and Swift:

    y[i] = i mod c
    X[i, j] = R(seed_noise, n, d)[i, j] + 0.5 * R(seed_means, c, d)[y[i], j]
    X[:, j] = 0.25 for every j with j mod constant_every == constant_offset

R(seed, rows, cols) is the fmix32 recipe matrix of Tests/Reference/README.md
(entries fmix32(i*cols + j + seed*0x9E3779B9) / 2**32 - 0.5, all arithmetic mod 2**32).
Every sum is an exact double (multiples of 2**-33 below 1), so both languages build
the same matrix bit for bit. The constant columns make the within-class std zero
(scikit-learn then divides by 1) and give the Ledoit-Wolf path its non-scalar target.
Such a dataset is stored as
    {"recipe": "lda-class-structured", "seed_noise", "seed_means", "rows", "cols",
     "classes", "mean_scale": 0.5, "constant_every", "constant_offset", "constant_value": 0.25}
"""

from __future__ import annotations

import gzip
import json
import platform
import warnings
from pathlib import Path

import numpy as np
import scipy
import scipy.linalg
import sklearn
from sklearn import datasets as sk_datasets
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis, _class_cov, _cov

GENERATOR_NAME = "Tests/Reference/reference_lda.py (via generate_reference.py --only lda)"
FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")
FULL_STORAGE_MAX_FEATURES = 100
PROBE_SEED = 99
PROBE_ROWS = 3

# MARK: - The fmix32 recipe (same definition as generate_reference.py, kept local so that
# this module does not import the script that imports it).

_MASK32 = 0xFFFFFFFF
_GOLDEN = 0x9E3779B9


def recipe_matrix(seed: int, rows: int, cols: int) -> np.ndarray:
    index = np.arange(rows * cols, dtype=np.uint64)
    mask = np.uint64(_MASK32)
    h = (index + np.uint64((seed * _GOLDEN) & _MASK32)) & mask
    h ^= h >> np.uint64(16)
    h = (h * np.uint64(0x85EBCA6B)) & mask
    h ^= h >> np.uint64(13)
    h = (h * np.uint64(0xC2B2AE35)) & mask
    h ^= h >> np.uint64(16)
    return (h.astype(np.float64) / 2.0**32 - 0.5).reshape(rows, cols)


def _check_recipe() -> None:
    """The vectorised recipe agrees with the scalar definition on a few entries."""
    def scalar(seed, cols, i, j):
        h = (i * cols + j + seed * _GOLDEN) & _MASK32
        h ^= h >> 16
        h = (h * 0x85EBCA6B) & _MASK32
        h ^= h >> 13
        h = (h * 0xC2B2AE35) & _MASK32
        h ^= h >> 16
        return h / 2.0**32 - 0.5
    m = recipe_matrix(7, 3, 5)
    for i, j in [(0, 0), (2, 4), (1, 3)]:
        assert m[i, j] == scalar(7, 5, i, j)


def class_structured(seed_noise, seed_means, rows, cols, classes, constant_every=50, constant_offset=7):
    """The wide synthetic data set of the module docstring: (X, y, descriptor)."""
    y = np.arange(rows) % classes
    x = recipe_matrix(seed_noise, rows, cols) + 0.5 * recipe_matrix(seed_means, classes, cols)[y]
    x[:, constant_offset::constant_every] = 0.25
    descriptor = {
        "recipe": "lda-class-structured", "seed_noise": seed_noise, "seed_means": seed_means,
        "rows": rows, "cols": cols, "classes": classes, "mean_scale": 0.5,
        "constant_every": constant_every, "constant_offset": constant_offset, "constant_value": 0.25,
    }
    return x, y, descriptor


# MARK: - JSON helpers


def stored(a) -> dict:
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 1:
        a = a.reshape(-1, 1)
    return {"rows": int(a.shape[0]), "cols": int(a.shape[1]), "data": [float(v) for v in a.reshape(-1)]}


def stored_integers(a) -> dict:
    a = np.asarray(a)
    assert np.all(a == np.round(a))
    return {"rows": int(a.shape[0]), "cols": int(a.shape[1]), "data": [int(v) for v in a.reshape(-1)]}


def floats(v) -> list:
    return [float(x) for x in np.asarray(v, dtype=np.float64).reshape(-1)]


# MARK: - Data sets


def _read_idx(path: Path, offset: int) -> np.ndarray:
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def fashion(classes, per_class, skip=0):
    """The first `per_class` training images (after `skip`) of each class, class by class."""
    images = _read_idx(FASHION_DIR / "train-images-idx3-ubyte.gz", 16).reshape(-1, 784)
    labels = _read_idx(FASHION_DIR / "train-labels-idx1-ubyte.gz", 8)
    rows = []
    for c in classes:
        rows.extend(np.nonzero(labels == c)[0][skip:skip + per_class].tolist())
    rows = np.array(rows)
    pixels = images[rows].astype(np.int64)
    return pixels, labels[rows].astype(np.int64), rows


def build_datasets():
    """name -> (X float64, y, json descriptor)."""
    out = {}
    probe_note = f"probe: fmix32 recipe seed {PROBE_SEED}, {PROBE_ROWS} x d"

    def add(name, x, y, x_json, divisor, eval_rows, note):
        d = x.shape[1]
        probe = recipe_matrix(PROBE_SEED, PROBE_ROWS, d) if d > FULL_STORAGE_MAX_FEATURES else None
        out[name] = (x, y, probe, {
            "X": x_json, "y": [int(v) for v in y], "divisor": divisor,
            "eval_rows": [int(i) for i in eval_rows],
            "probe": None if probe is None else {"recipe": "fmix32", "seed": PROBE_SEED, "rows": PROBE_ROWS, "cols": d},
            "note": note + ("" if probe is None else "; " + probe_note),
        })

    x, y = sk_datasets.load_iris(return_X_y=True)
    add("iris", x, y, stored(x), None, range(len(y)), "scikit-learn's iris (150 x 4, 3 classes)")
    keep = y > 0
    add("iris-binary", x[keep], y[keep], stored(x[keep]), None, range(int(keep.sum())),
        "iris without class 0 (100 x 4, labels 1 and 2)")
    x, y = sk_datasets.load_wine(return_X_y=True)
    add("wine", x, y, stored(x), None, range(len(y)), "scikit-learn's wine (178 x 13, 3 classes)")
    x, y = sk_datasets.load_digits(return_X_y=True)
    add("digits", x, y, stored_integers(x), None, range(0, len(y), 18),
        "scikit-learn's digits (1797 x 64, 10 classes; integer pixels; eval rows every 18th)")

    for name, classes, per_class, skip in [
        ("fashion-4x16", [0, 1, 2, 3], 16, 0),
        ("fashion-10x10", list(range(10)), 10, 100),
        ("fashion-binary", [5, 7], 20, 0),
    ]:
        pixels, labels, rows = fashion(classes, per_class, skip)
        x = pixels / 255.0
        add(name, x, labels, stored_integers(pixels), 255, range(len(labels)),
            f"Fashion-MNIST training images (Debian dataset-fashion-mnist), classes {classes}, "
            f"{per_class} per class after skipping {skip}; training rows {rows[:3].tolist()}...; X = pixels / 255")

    for name, args in [
        ("wide-3x48x2000", (11, 12, 48, 2000, 3)),
        ("wide-2x40x1500", (21, 22, 40, 1500, 2)),
        ("wide-4x64x20000", (31, 32, 64, 20000, 4)),
    ]:
        x, y, descriptor = class_structured(*args)
        add(name, x, y, descriptor, None, range(len(y)), "class-structured fmix32 data (module docstring)")
    return out


# MARK: - One case


def eigen_spectrum(x, y, priors, shrinkage):
    """scikit-learn's own generalized eigenvalues (the same calls _solve_eigen makes)."""
    sw = _class_cov(x, y, priors, shrinkage, None)
    st = _cov(x, shrinkage, None)
    evals, _ = scipy.linalg.eigh(st - sw, sw)
    return evals


def run_case(name, dataset, data, solver, shrinkage=None, n_components=None, priors=None, tol=1e-4):
    x, y, probe, descriptor = data
    model = LinearDiscriminantAnalysis(solver=solver, shrinkage=shrinkage, n_components=n_components,
                                       priors=priors, tol=tol)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model.fit(x, y)
    c = len(model.classes_)
    d = x.shape[1]
    m = model._max_components
    rows = np.array(descriptor["eval_rows"])
    xe = x[rows]
    scalings = model.scalings_ if solver == "svd" else model.scalings_[:, :min(c - 1, d)]
    xbar = model.xbar_ if solver == "svd" else model.priors_ @ model.means_
    decision = model.decision_function(xe)
    outputs = {
        "classes": [int(v) for v in model.classes_],
        "priors": floats(model.priors_),
        "n_components": int(m),
        "xbar": floats(xbar),
        "explained_variance_ratio": floats(model.explained_variance_ratio_),
        "intercept": floats(model.intercept_),
        "transform": stored(model.transform(xe)),
        "decision_function": stored(decision if decision.ndim == 2 else decision[:, None]),
        "predict_proba": stored(model.predict_proba(xe)),
        "predict_log_proba": stored(model.predict_log_proba(xe)),
        "predict": [int(v) for v in model.predict(x)],
    }
    if probe is None:
        outputs.update({"means": stored(model.means_), "coef": stored(model.coef_), "scalings": stored(scalings)})
    else:
        outputs.update({"means_probe": stored(model.means_ @ probe.T), "coef_probe": stored(model.coef_ @ probe.T),
                        "scalings_probe": stored(probe @ scalings)})
    note = f"LinearDiscriminantAnalysis(solver={solver!r}, shrinkage={shrinkage!r}, n_components={n_components!r}, priors={priors!r})"
    if solver == "eigen":
        evals = eigen_spectrum(x, y, model.priors_, shrinkage)
        total = float(np.sum(evals))
        leading = np.sort(evals)[::-1][:m]
        expected = np.sort(evals / np.sum(evals))[::-1][:m]
        assert np.allclose(expected, model.explained_variance_ratio_, rtol=1e-12, atol=0), name
        # A component is unique (up to sign) when its eigenvalue is simple: relative gap > 1e-8 to
        # both neighbours. Degenerate ones (e.g. digits with shrinkage, where constant pixels give a
        # repeated eigenvalue) are left out of the scalings and transform comparisons.
        descending = np.sort(evals)[::-1]
        scale = max(abs(descending[0]), 1e-300)
        unique, relative_gaps = [], []
        for i in range(min(c - 1, d)):
            gaps = [abs(descending[i] - descending[j]) for j in (i - 1, i + 1) if 0 <= j < len(descending)]
            relative_gaps.append(float(min(gaps) / scale))
            unique.append(bool(min(gaps) > 1e-8 * scale))
        outputs.update({
            "unique_components": unique, "relative_gaps": relative_gaps,
            "eigenvalues_leading": floats(leading), "eigenvalue_sum": total,
            "explained_variance_ratio_leading": floats(leading / total), "trace_negative": total < 0,
        })
        if total < 0:
            note += "; the eigenvalue sum is negative, so explained_variance_ratio differs from the leading ratio"
    inputs = {"dataset": dataset, "solver": solver, "shrinkage": shrinkage, "n_components": n_components,
              "priors": priors, "tol": tol}
    return {"name": name, "operation": "lda", "inputs": inputs, "outputs": outputs, "note": note}


def cases_for(all_data):
    specs = {
        "iris": [("svd", {}), ("svd-1-component", {"n_components": 1}),
                 ("svd-priors", {"priors": [0.5, 0.3, 0.2]}),
                 ("eigen-none", {"solver": "eigen"}), ("eigen-0.3", {"solver": "eigen", "shrinkage": 0.3}),
                 ("eigen-auto", {"solver": "eigen", "shrinkage": "auto"}),
                 ("eigen-auto-priors", {"solver": "eigen", "shrinkage": "auto", "priors": [0.2, 0.3, 0.5]}),
                 ("eigen-0.3-1-component", {"solver": "eigen", "shrinkage": 0.3, "n_components": 1})],
        "iris-binary": [("svd", {}), ("eigen-auto", {"solver": "eigen", "shrinkage": "auto"}),
                        ("eigen-0.3", {"solver": "eigen", "shrinkage": 0.3})],
        "wine": [("svd", {}), ("svd-1-component", {"n_components": 1}), ("eigen-none", {"solver": "eigen"}),
                 ("eigen-0.3", {"solver": "eigen", "shrinkage": 0.3}),
                 ("eigen-auto", {"solver": "eigen", "shrinkage": "auto"})],
        "digits": [("svd", {}), ("eigen-0.3", {"solver": "eigen", "shrinkage": 0.3}),
                   ("eigen-auto", {"solver": "eigen", "shrinkage": "auto"})],
        "fashion-4x16": [("svd", {}), ("svd-2-components", {"n_components": 2}),
                         ("svd-priors", {"priors": [0.1, 0.2, 0.3, 0.4]}),
                         ("eigen-0.3", {"solver": "eigen", "shrinkage": 0.3}),
                         ("eigen-auto", {"solver": "eigen", "shrinkage": "auto"}),
                         ("eigen-auto-priors", {"solver": "eigen", "shrinkage": "auto", "priors": [0.4, 0.3, 0.2, 0.1]})],
        "fashion-10x10": [("svd", {}), ("eigen-0.3", {"solver": "eigen", "shrinkage": 0.3}),
                          ("eigen-auto", {"solver": "eigen", "shrinkage": "auto"})],
        "fashion-binary": [("svd", {}), ("eigen-0.7", {"solver": "eigen", "shrinkage": 0.7}),
                           ("eigen-auto", {"solver": "eigen", "shrinkage": "auto"})],
        "wide-3x48x2000": [("svd", {}), ("eigen-0.3", {"solver": "eigen", "shrinkage": 0.3}),
                           ("eigen-auto", {"solver": "eigen", "shrinkage": "auto"})],
        "wide-2x40x1500": [("svd", {}), ("eigen-auto", {"solver": "eigen", "shrinkage": "auto"})],
        "wide-4x64x20000": [("svd", {}), ("svd-2-components", {"n_components": 2})],
    }
    cases = []
    for dataset, entries in specs.items():
        for suffix, settings in entries:
            settings = {"solver": "svd", **settings}
            cases.append(run_case(f"{dataset}/{suffix}", dataset, all_data[dataset], **settings))
    return cases


def error_cases_for(all_data):
    """Settings scikit-learn rejects on these data: the within-class covariance is singular."""
    out = []
    for dataset in ["digits", "fashion-4x16"]:
        x, y, _, _ = all_data[dataset]
        try:
            LinearDiscriminantAnalysis(solver="eigen").fit(x, y)
        except np.linalg.LinAlgError:
            pass
        else:
            raise AssertionError(f"{dataset}: scikit-learn accepted solver='eigen' without shrinkage")
        out.append({"name": f"{dataset}/eigen-none", "inputs": {"dataset": dataset, "solver": "eigen", "shrinkage": None,
                                                                "n_components": None, "priors": None, "tol": 1e-4},
                    "expected_error": "singular-within-class-covariance",
                    "note": "constant features make the within-class covariance singular; scikit-learn raises LinAlgError"})
    return out


def release_cases():
    """n = 512, d = 100,000, c = 4: scikit-learn's svd solver, small outputs only."""
    x, y, descriptor = class_structured(41, 42, 512, 100_000, 4)
    model = LinearDiscriminantAnalysis(solver="svd").fit(x, y)
    probe = recipe_matrix(PROBE_SEED, 1, x.shape[1])
    dataset = {"X": descriptor, "y": [int(v) for v in y], "divisor": None, "eval_rows": list(range(len(y))),
               "probe": {"recipe": "fmix32", "seed": PROBE_SEED, "rows": 1, "cols": x.shape[1]},
               "note": "class-structured fmix32 data, 512 x 100,000, 4 classes"}
    outputs = {
        "classes": [int(v) for v in model.classes_],
        "explained_variance_ratio": floats(model.explained_variance_ratio_),
        "transform": stored(model.transform(x)),
        "predict": [int(v) for v in model.predict(x)],
        "scalings_probe": stored(probe @ model.scalings_),
        "intercept": floats(model.intercept_),
        "coef_probe": stored(model.coef_ @ probe.T),
    }
    return {"wide-4x512x100000": dataset}, [{
        "name": "wide-4x512x100000/svd", "operation": "lda",
        "inputs": {"dataset": "wide-4x512x100000", "solver": "svd", "shrinkage": None, "n_components": None,
                   "priors": None, "tol": 1e-4},
        "outputs": outputs,
        "note": "scikit-learn's svd solver at n = 512, d = 100,000; transform on all rows, scalings_probe = p @ scalings_",
    }]


def write(fixtures_dir: Path) -> Path:
    _check_recipe()
    all_data = build_datasets()
    release_data, releases = release_cases()
    payload = {
        "generator": GENERATOR_NAME,
        "versions": {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__,
                     "scikit-learn": sklearn.__version__},
        "datasets": {**{name: data[3] for name, data in all_data.items()}, **release_data},
        "cases": cases_for(all_data),
        "error_cases": error_cases_for(all_data),
        "release_cases": releases,
    }
    fixtures_dir.mkdir(parents=True, exist_ok=True)
    path = fixtures_dir / "lda.json"
    text = json.dumps(payload, indent=None, separators=(",", ":"), allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path
