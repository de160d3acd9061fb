"""Reference values for Latent's PCA (scikit-learn 1.9.1): writes Fixtures/pca.json.

Run through the generator:

    python3 Tests/Reference/generate_reference.py --only pca

Deterministic: fixed inputs (data sets shipped with scikit-learn, Debian's Fashion-MNIST,
fmix32 recipes), compact JSON, floats by repr. The release case (512 x 100,000) runs
scikit-learn's full SVD and takes about a minute.

Format (see README.md for the shared conventions):

    {"generator", "versions", "probe_seed",
     "datasets": {name: {"X": matrix, "X_heldout": matrix, "note"}},
     "cases": [{"name", "operation": "pca", "inputs": {...}, "outputs": {...}, "note"}],
     "fraction_boundary_cases": [{"name", "dataset", "index", "spectrum_size", "own_boundary_counts",
                                  "fraction", "counts_at_fraction", "ratio_cumsum", "note"}],
     "release_cases": [...same shape as cases...]}

fraction_boundary_cases (see `fraction_boundary_cases`): variance fractions exactly at a value
of the cumulative explained variance ratio; counts are scikit-learn's n_components_ and
own_boundary_counts, counts_at_fraction and ratio_cumsum are keyed by svd_solver.

A matrix is stored ({"rows", "cols", "data"}, with an optional "divisor": divide every
entry by it, as numpy does, to get the input) or an fmix32 recipe with optional
"scaled_columns" ([[column, factor], ...]: multiply that column by factor) and
"constant_columns" ({"start", "step", "value"}: columns start, start+step, ... set to value),
applied in that order.

Case inputs: "dataset", "n_components" (an integer, a fraction in (0, 1), or "all"),
"whiten", "svd_solver" ("full" or "covariance_eigh").
Case outputs (scikit-learn's attributes; "…_probe" = the matrix times P.T, with
P = recipe matrix seed probe_seed, 3 x n_features, when the matrix itself is large):
n_components, components | components_probe, explained_variance, explained_variance_ratio,
singular_values, mean | mean_probe, noise_variance, transform_train (the first
transform_train_rows rows of transform(X)), transform_heldout, inverse_transform_heldout |
inverse_transform_heldout_probe (inverse_transform(transform(X_heldout))), and
all_singular_values (every singular value of the centred X, from numpy's SVD) from which a
test derives how well each component is determined by the data.
"""

from __future__ import annotations

import gzip
import json
import platform
from pathlib import Path

import numpy as np
import scipy
import sklearn
from sklearn.datasets import load_digits, load_iris, load_wine
from sklearn.decomposition import PCA

PROBE_SEED = 99
PROBE_COUNT = 3
FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")

# Outputs larger than these many numbers are stored as probes (or, for the
# training transform, as leading rows) to keep the file below 3 MB.
STORE_LIMIT = 8000
TRANSFORM_LIMIT = 2000


def _g():
    # The generator module holds the recipe and the JSON helpers; imported lazily
    # because it imports this module while it starts.
    import generate_reference
    return generate_reference


# MARK: - Inputs


def _stored_ints(x: np.ndarray, divisor: float | None = None) -> dict:
    """Integer-valued data stored as JSON integers (short), divided by `divisor` on reading."""
    assert np.all(x == np.round(x)), "not integers"
    out = {"rows": int(x.shape[0]), "cols": int(x.shape[1]), "data": [int(v) for v in x.reshape(-1)]}
    if divisor is not None:
        out["divisor"] = divisor
    return out


def _read_ints(spec: dict) -> np.ndarray:
    x = np.asarray(spec["data"], dtype=np.float64).reshape(spec["rows"], spec["cols"])
    return x / spec["divisor"] if "divisor" in spec else x


def _wide_recipe(seed: int, rows: int, cols: int) -> dict:
    """Uniform recipe noise plus ten strong columns and constant columns (see module doc)."""
    return {"recipe": "fmix32", "seed": seed, "rows": rows, "cols": cols,
            "scaled_columns": [[j, 40.0 * (10 - j)] for j in range(10)],
            "constant_columns": {"start": 15, "step": 97, "value": 0.25}}


def _materialise(spec: dict) -> np.ndarray:
    if "recipe" not in spec:
        return _read_ints(spec)
    x = _g().recipe_matrix(spec["seed"], spec["rows"], spec["cols"])
    for column, factor in spec.get("scaled_columns", []):
        x[:, column] *= factor
    constant = spec.get("constant_columns")
    if constant is not None:
        x[:, constant["start"]::constant["step"]] = constant["value"]
    return x


def _split(x: np.ndarray, step: int, offset: int) -> tuple[np.ndarray, np.ndarray]:
    held = np.arange(x.shape[0]) % step == offset
    return x[~held], x[held]


def _fashion(path: str, count: int) -> np.ndarray:
    with gzip.open(FASHION_DIR / path, "rb") as f:
        header = f.read(16)
        assert int.from_bytes(header[:4], "big") == 2051, "not an IDX image file"
        pixels = f.read(count * 784)
    return np.frombuffer(pixels, dtype=np.uint8).reshape(count, 784).astype(np.float64)


def datasets() -> dict:
    out = {}
    iris_fit, iris_held = _split(load_iris().data, 30, 7)
    out["iris"] = {"X": _g().stored(iris_fit), "X_heldout": _g().stored(iris_held),
                   "note": "sklearn load_iris().data; rows i % 30 == 7 held out."}
    wine_fit, wine_held = _split(load_wine().data, 35, 3)
    out["wine"] = {"X": _g().stored(wine_fit), "X_heldout": _g().stored(wine_held),
                   "note": "sklearn load_wine().data (feature scales from 0.1 to 1,680: eigenvalues span 7 decades); "
                           "rows i % 35 == 3 held out."}
    digits_fit, digits_held = _split(load_digits().data, 300, 11)
    out["digits"] = {"X": _stored_ints(digits_fit), "X_heldout": _stored_ints(digits_held),
                     "note": "sklearn load_digits().data, integers 0..16 (three pixels are constant, so the "
                             "last components have zero variance); rows i % 300 == 11 held out."}
    out["fashion"] = {"X": _stored_ints(_fashion("train-images-idx3-ubyte.gz", 200), 255.0),
                      "X_heldout": _stored_ints(_fashion("t10k-images-idx3-ubyte.gz", 5), 255.0),
                      "note": "Fashion-MNIST (Debian dataset-fashion-mnist): the first 200 training images and "
                              "the first 5 test images, pixels / 255."}
    out["wide-small"] = {"X": _wide_recipe(21, 30, 2000), "X_heldout": _wide_recipe(22, 4, 2000),
                         "note": "30 x 2,000: recipe noise, columns 0..9 scaled by 40*(10-j), constant columns."}
    iris_all = load_iris().data
    out["iris-all"] = {"X": _g().stored(iris_all), "X_heldout": _g().stored(iris_all[:2]),
                       "note": "sklearn load_iris().data, all 150 rows (for the fraction boundary cases); "
                               "X_heldout is its first two rows."}
    out["wide-fraction"] = {"X": _wide_recipe(25, 16, 800), "X_heldout": _wide_recipe(26, 2, 800),
                            "note": "16 x 800: recipe noise, columns 0..9 scaled by 40*(10-j), constant columns "
                                    "(for the fraction boundary cases)."}
    out["wide-large"] = {"X": _wide_recipe(23, 40, 20_000), "X_heldout": _wide_recipe(24, 3, 20_000),
                         "note": "40 x 20,000: recipe noise, columns 0..9 scaled by 40*(10-j), constant columns."}
    for name, entry in out.items():
        for key in ("X", "X_heldout"):
            assert np.isfinite(_materialise(entry[key])).all(), name
    return out


# MARK: - Outputs


def _probe(cols: int) -> np.ndarray:
    return _g().recipe_matrix(PROBE_SEED, PROBE_COUNT, cols)


def _matrix_or_probe(outputs: dict, key: str, m: np.ndarray, probe: np.ndarray, limit: int = STORE_LIMIT) -> None:
    g = _g()
    if m.size <= limit:
        outputs[key] = g.stored(m)
    else:
        outputs[key + "_probe"] = g.stored(m @ probe.T)


def _check_sign_margins(components: np.ndarray, spectrum: np.ndarray, name: str) -> None:
    """svd_flip decides each sign by the largest-|value| entry; make sure that decision is robust.

    Every entry within 1e-5 (relative) of the largest |value| must have the same sign, so an
    implementation that is off by rounding (or Float) still flips the same way. Components whose
    eigenvalue is (numerically) repeated or zero are not unique anyway and are skipped.
    """
    lam = spectrum ** 2
    for i, row in enumerate(components):
        gaps = np.abs(lam[:len(components)] - lam[i])
        gaps[i] = np.inf
        if lam[i] <= 1e-10 * lam[0] or gaps.min() <= 1e-6 * lam[0]:
            continue
        top = np.abs(row).max()
        near = row[np.abs(row) >= top * (1 - 1e-5)]
        assert np.all(near > 0) or np.all(near < 0), f"{name}: component {i}: sign decision is a near tie"


def pca_case(name: str, dataset: str, data: dict, n_components, whiten: bool, solver: str, note: str) -> dict:
    g = _g()
    x = _materialise(data[dataset]["X"])
    held = _materialise(data[dataset]["X_heldout"])
    n, d = x.shape
    param = None if n_components == "all" else n_components
    pca = PCA(n_components=param, whiten=whiten, svd_solver=solver).fit(x)
    k = int(pca.n_components_)
    assert pca.components_.shape == (k, d)
    spectrum = np.linalg.svd(x - x.mean(axis=0), compute_uv=False)
    _check_sign_margins(pca.components_, spectrum, name)

    probe = _probe(d)
    outputs = {"n_components": k}
    _matrix_or_probe(outputs, "components", pca.components_, probe)
    outputs["explained_variance"] = g.vector(pca.explained_variance_)
    outputs["explained_variance_ratio"] = g.vector(pca.explained_variance_ratio_)
    outputs["singular_values"] = g.vector(pca.singular_values_)
    if d <= STORE_LIMIT:
        outputs["mean"] = g.vector(pca.mean_)
    else:
        outputs["mean_probe"] = g.vector(probe @ pca.mean_)
    outputs["noise_variance"] = float(pca.noise_variance_)
    train = pca.transform(x)
    rows = n if train.size <= TRANSFORM_LIMIT else max(5, TRANSFORM_LIMIT // k)
    outputs["transform_train_rows"] = rows
    outputs["transform_train"] = g.stored(train[:rows])
    transformed = pca.transform(held)
    outputs["transform_heldout"] = g.stored(transformed)
    _matrix_or_probe(outputs, "inverse_transform_heldout", pca.inverse_transform(transformed), probe,
                     limit=TRANSFORM_LIMIT)
    outputs["all_singular_values"] = g.vector(spectrum)
    inputs = {"dataset": dataset, "n_components": n_components, "whiten": whiten, "svd_solver": solver}
    return g.case(name, "pca", inputs, outputs, note)


def cases(data: dict) -> list:
    full = "scikit-learn PCA(svd_solver='full'): exact SVD of the centred data, svd_flip on the components."
    cov = ("scikit-learn PCA(svd_solver='covariance_eigh'): eigh of the d x d covariance (squares the condition "
           "number, like Latent's .covariance solver).")
    spec = [
        ("iris", 2, False, "full"), ("iris", 2, True, "full"), ("iris", 0.95, False, "full"),
        ("iris", "all", False, "full"), ("iris", 2, False, "covariance_eigh"),
        ("iris", "all", True, "covariance_eigh"),
        ("wine", 3, False, "full"), ("wine", 0.9999, False, "full"), ("wine", "all", True, "full"),
        ("wine", "all", False, "covariance_eigh"), ("wine", 5, True, "covariance_eigh"),
        ("digits", 10, False, "full"), ("digits", 0.95, True, "full"), ("digits", "all", False, "full"),
        ("digits", 10, False, "covariance_eigh"), ("digits", 0.95, False, "covariance_eigh"),
        ("fashion", 10, False, "full"), ("fashion", 10, True, "full"), ("fashion", 0.95, False, "full"),
        ("fashion", "all", False, "full"),
        ("wide-small", 5, False, "full"), ("wide-small", 9, True, "full"), ("wide-small", 0.95, False, "full"),
        ("wide-small", "all", False, "full"),
        ("wide-large", 5, False, "full"), ("wide-large", 0.95, True, "full"), ("wide-large", "all", False, "full"),
    ]
    out = []
    for dataset, k, whiten, solver in spec:
        label = "all" if k == "all" else (f"fraction{k}" if isinstance(k, float) else f"k{k}")
        name = f"pca/{dataset}-{label}{'-whiten' if whiten else ''}-{solver}"
        out.append(pca_case(name, dataset, data, k, whiten, solver, full if solver == "full" else cov))
    return out


FRACTION_SOLVERS = ("full", "covariance_eigh")


def fraction_boundary_cases(data: dict) -> list:
    """Variance fractions exactly at a boundary of the cumulative explained variance ratio.

    scikit-learn keeps `searchsorted(cumsum(ratios), f, side="right") + 1` components, so with
    f = cumsum(ratios)[j] taken from a fit with every component it keeps j + 2: the running
    sum at j is not above f. Whether another implementation keeps j + 1 or j + 2 for the same
    f depends on the last bit of its own running sum (scikit-learn's two solvers disagree on
    iris), so a case stores, per scikit-learn solver, the count for f taken from that solver's
    own ratios (`own_boundary_counts`: the protocol of the issue), and the counts both solvers
    give for the full solver's f (`counts_at_fraction`).
    """
    g = _g()
    out = []
    for dataset, index in [("iris-all", 2), ("wide-fraction", 8)]:
        x = _materialise(data[dataset]["X"])
        m = min(x.shape)
        cumsums, own = {}, {}
        for solver in FRACTION_SOLVERS:
            ratios = PCA(svd_solver=solver).fit(x).explained_variance_ratio_
            assert len(ratios) == m
            cumsum = np.cumsum(ratios)
            # The next running sum is strictly larger, so the rule keeps index + 2 (not more).
            assert index + 1 < m and cumsum[index + 1] > cumsum[index], (dataset, solver)
            f = float(cumsum[index])
            own[solver] = int(PCA(n_components=f, svd_solver=solver).fit(x).n_components_)
            assert own[solver] == index + 2, (dataset, solver, own[solver])
            cumsums[solver] = g.vector(cumsum)
        fraction = cumsums["full"][index]
        at_fraction = {solver: int(PCA(n_components=fraction, svd_solver=solver).fit(x).n_components_)
                       for solver in FRACTION_SOLVERS}
        note = (f"f = cumsum(explained_variance_ratio_)[{index}] of a fit with all {m} components; refitting with "
                f"n_components=f keeps {index + 2} (own_boundary_counts, per solver, f from that solver's own "
                "ratios). fraction is the full solver's f; counts_at_fraction are both solvers' counts for it "
                "(they differ when their running sums differ in the last bit).")
        out.append({"name": f"pca/fraction-boundary-{dataset}-index{index}", "dataset": dataset, "index": index,
                    "spectrum_size": m, "own_boundary_counts": own, "fraction": fraction,
                    "counts_at_fraction": at_fraction, "ratio_cumsum": cumsums, "note": note})
    return out


def release_cases() -> list:
    """n = 512, d = 100,000 plain recipe data, 2 components, scikit-learn's full SVD (about a minute)."""
    g = _g()
    seed, n, d = 31, 512, 100_000
    x = g.recipe_matrix(seed, n, d)
    pca = PCA(n_components=2, svd_solver="full").fit(x)
    probe = _probe(d)
    outputs = {
        "n_components": 2,
        "components_probe": g.stored(pca.components_ @ probe.T),
        "explained_variance": g.vector(pca.explained_variance_),
        "explained_variance_ratio": g.vector(pca.explained_variance_ratio_),
        "singular_values": g.vector(pca.singular_values_),
        "mean_probe": g.vector(probe @ pca.mean_),
        "noise_variance": float(pca.noise_variance_),
        "transform_train_rows": n,
        "transform_train": g.stored(pca.transform(x)),
        "leading_singular_values": g.vector(np.linalg.svd(x - pca.mean_, compute_uv=False)[:3]),
    }
    note = ("Plain fmix32 recipe (uniform noise): the spectrum is flat, the gap between the first two singular "
            "values is 0.036 of 97.75 (relative 3.6e-4), so component directions are determined to about "
            "eps * s0 / gap: 3e-14 in Double, 2e-4 in Float.")
    inputs = {"X": g.recipe(seed, n, d), "n_components": 2, "whiten": False, "svd_solver": "full"}
    return [g.case(f"pca/release-recipe-{n}x{d}-k2-full", "pca", inputs, outputs, note)]


def write(fixtures_dir: Path) -> Path:
    g = _g()
    data = datasets()
    payload = {
        "generator": "Tests/Reference/reference_pca.py",
        "versions": {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__,
                     "scikit-learn": sklearn.__version__},
        "probe_seed": PROBE_SEED,
        "datasets": data,
        "cases": cases(data),
        "fraction_boundary_cases": fraction_boundary_cases(data),
        "release_cases": release_cases(),
    }
    names = [c["name"] for c in payload["cases"] + payload["release_cases"]]
    assert len(names) == len(set(names)), "duplicate case names"
    fixtures_dir.mkdir(parents=True, exist_ok=True)
    path = fixtures_dir / "pca.json"
    text = json.dumps(payload, indent=None, separators=(",", ":"), allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path
