"""Reference values on photo-like data (fixture `photo.json`): Fashion-MNIST upscaled.

`generate_reference.py` imports this module and calls `write(fixtures_dir)`; run
`python3 Tests/Reference/generate_reference.py --only photo`. The release cases
(n = 512, d = 100,000) run scikit-learn's full SVDs and take a few minutes.

The photo recipe (Tests/Reference/README.md, "The photo recipe"): integer arithmetic only,
until one final division by 255, so that numpy and Swift build the same pixels bit for bit.

    source   the first `per_class` training images (after `skip`) of each class in `classes`,
             class by class, in file order (Debian's dataset-fashion-mnist, IDX);
             `row` is an image's index in train-images-idx3-ubyte.gz
    upscale  28 x 28 -> H x W by fixed-point bilinear interpolation (corners aligned):
             for output row r: num = r * 27, y0 = num // (H - 1), fy = num % (H - 1),
             y1 = min(y0 + 1, 27); columns likewise with W; with A = H - 1, B = W - 1,
             s = (A - fy) * ((B - fx) * p[y0, x0] + fx * p[y0, x1])
               + fy * ((B - fx) * p[y1, x0] + fx * p[y1, x1])
             v = (2 * s + A * B) // (2 * A * B)          (rounded half up, 0..255)
    exposure h_k = fmix32(4 * row + k + seed * 0x9E3779B9)   (mod 2**32)
             gain g = 192 + h_0 % 129                   (g / 256 in [0.75, 1.25])
             level b = h_1 % 41                          (background level 0..40)
             pixel = min(255, b + ((v * g + 128) >> 8))
    value    pixel / 255 (float64, one correctly rounded division)

Pixels are stored row-major (index r * W + c). The background of every image is its own
level b: thousands of pixels are constant within an image and nearly so within a class,
and neighbouring pixels are almost collinear, which makes the within-class standardized
data ill-conditioned (the stored kappa).

Layout of photo.json (compact JSON, floats by repr, deterministic):

    {"generator", "versions",
     "datasets": {name: {"recipe": "fashion-photo", "classes", "per_class", "skip",
                         "height", "width", "seed", "heldout_skip", "rows", "labels",
                         "heldout_rows", "heldout_labels",
                         "pixel_check": {"images": [i], "pixels": [j], "values": [[...]],
                                         "sums": [sum of every pixel of image i]},
                         "conditioning": {...}, "note"}},
     "cases": [...debug cases...], "release_cases": [...]}

conditioning: kappa = s_max / s_min of the within-class standardized data
sqrt(1/n) * Xc / std (scikit-learn's svd solver's matrix; s_min the smallest singular value
above tol = 1e-4), rank (how many are above), s_max, s_min, and s_below (the largest value
below tol, or null).

Cases: {"name", "operation": "lda" | "pca", "dataset", "inputs", "outputs", "note"}.
The probe P is the fmix32 recipe matrix seed 99, 3 x d (`probe` outputs: X @ P.T or P @ X).
lda outputs: classes, priors, explained_variance_ratio, intercept, scalings_probe
(P @ scalings, first n_components columns), coef_probe (coef @ P.T), transform (of the
training rows, first n_components columns), predict (training rows), predict_heldout,
decision_margin_heldout (per held-out row, best minus second-best decision value);
eigen cases instead explained_variance_ratio_leading (eigenvalues_leading / eigenvalue_sum,
which is what Latent reports; scikit-learn reports other ratios when the sum is negative,
trace_negative), eigenvalues_leading (n_components values), next_eigenvalue_bound (an upper
bound on eigenvalue n_components + 1), eigenvalue_sum, relative_gaps (to the neighbouring
eigenvalues, the last one to next_eigenvalue_bound: lower bounds), shrinkage (the Ledoit-Wolf
weights), sw_conditioning (bounds on the extreme eigenvalues of the shrunk within-class
covariance Sw and kappa_bound >= its condition number), decision_margin (training rows), and
on the debug data set validation (the relative differences from scikit-learn's own eigen
solver, asserted <= 1e-8 by the generator, and the exact next eigenvalue and condition of Sw
from dense eigh, next_eigenvalue and sw_kappa, asserted within the bounds).
pca outputs: n_components, components_probe, explained_variance, explained_variance_ratio,
singular_values, mean_probe, noise_variance, transform (training rows), leading_singular_values.

The Ledoit-Wolf release case is not scikit-learn's (its eigen solver forms d x d matrices):
`ledoit_wolf_reference` computes it from the same definitions in a different way (ARPACK on
an equivalent standard symmetric problem, Woodbury for Sw^-1, explicit traces); the generator validates that
computation against scikit-learn itself on the debug-size data set.
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
import scipy.sparse.linalg
import sklearn
from sklearn.covariance import ledoit_wolf_shrinkage
from sklearn.decomposition import PCA
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis, _class_cov, _cov
from sklearn.preprocessing import StandardScaler

GENERATOR_NAME = "Tests/Reference/reference_photo.py (via generate_reference.py --only photo)"
FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")
PHOTO_CLASSES = [0, 2, 4, 6]  # T-shirt/top, Pullover, Coat, Shirt
PHOTO_SEED = 17
PROBE_SEED = 99
PROBE_ROWS = 3
TOL = 1e-4
# ARPACK's stopping tolerance (relative accuracy of the Ritz values) for the Ledoit-Wolf reference.
ARPACK_TOL = 1e-14

_MASK32 = 0xFFFFFFFF
_GOLDEN = 0x9E3779B9


# MARK: - Recipes


def _fmix32(h: np.ndarray) -> np.ndarray:
    mask = np.uint64(_MASK32)
    h = h.astype(np.uint64) & mask
    h ^= h >> np.uint64(16)
    h = (h * np.uint64(0x85EBCA6B)) & mask
    h ^= h >> np.uint64(13)
    h = (h * np.uint64(0xC2B2AE35)) & mask
    h ^= h >> np.uint64(16)
    return h


def recipe_matrix(seed: int, rows: int, cols: int) -> np.ndarray:
    """The fmix32 recipe matrix of README.md."""
    index = np.arange(rows * cols, dtype=np.uint64) + np.uint64((seed * _GOLDEN) & _MASK32)
    return (_fmix32(index).astype(np.float64) / 2.0**32 - 0.5).reshape(rows, cols)


def _read_idx(name: str, offset: int) -> np.ndarray:
    with gzip.open(FASHION_DIR / name, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


_IMAGES = None


def _training_images():
    global _IMAGES
    if _IMAGES is None:
        _IMAGES = (_read_idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28),
                   _read_idx("train-labels-idx1-ubyte.gz", 8).astype(np.int64))
    return _IMAGES


def source_rows(classes, per_class: int, skip: int) -> tuple[np.ndarray, np.ndarray]:
    """IDX rows of the first `per_class` images after `skip` of each class, class by class."""
    _, labels = _training_images()
    rows = np.concatenate([np.nonzero(labels == c)[0][skip:skip + per_class] for c in classes])
    return rows, labels[rows]


def _axis(size_out: int):
    """Fixed-point bilinear coordinates along one axis: (i0, i1, fraction numerator, denominator)."""
    den = size_out - 1
    num = np.arange(size_out, dtype=np.int64) * 27
    i0 = num // den
    return i0, np.minimum(i0 + 1, 27), num % den, den


def _scalar_pixel(image: np.ndarray, row: int, r: int, c: int, height: int, width: int, seed: int) -> int:
    """One pixel of the recipe with Python ints (the definition, for checking the vectorised code)."""
    a, b = height - 1, width - 1
    y0, fy = divmod(r * 27, a)
    x0, fx = divmod(c * 27, b)
    y1, x1 = min(y0 + 1, 27), min(x0 + 1, 27)
    p = [[int(image[y, x]) for x in (x0, x1)] for y in (y0, y1)]
    s = (a - fy) * ((b - fx) * p[0][0] + fx * p[0][1]) + fy * ((b - fx) * p[1][0] + fx * p[1][1])
    v = (2 * s + a * b) // (2 * a * b)
    h = [int(_fmix32(np.array([(4 * row + k + seed * _GOLDEN) & _MASK32]))[0]) for k in (0, 1)]
    gain, level = 192 + h[0] % 129, h[1] % 41
    return min(255, level + ((v * gain + 128) >> 8))


def photo_pixels(rows: np.ndarray, height: int, width: int, seed: int = PHOTO_SEED) -> np.ndarray:
    """The recipe's integer pixels (uint8, len(rows) x height*width) for these IDX rows."""
    images, _ = _training_images()
    y0, y1, fy, a = _axis(height)
    x0, x1, fx, b = _axis(width)
    fy, fx = fy[:, None], fx[None, :]
    out = np.empty((len(rows), height * width), dtype=np.uint8)
    hashes = _fmix32((4 * rows.astype(np.uint64)[:, None] + np.arange(2, dtype=np.uint64)[None, :]
                      + np.uint64((seed * _GOLDEN) & _MASK32)))
    gains = (192 + hashes[:, 0] % np.uint64(129)).astype(np.int64)
    levels = (hashes[:, 1] % np.uint64(41)).astype(np.int64)
    for i, row in enumerate(rows):
        p = images[row].astype(np.int64)
        top = (b - fx) * p[y0][:, x0] + fx * p[y0][:, x1]
        bottom = (b - fx) * p[y1][:, x0] + fx * p[y1][:, x1]
        s = (a - fy) * top + fy * bottom
        v = (2 * s + a * b) // (2 * a * b)
        pixel = np.minimum(255, levels[i] + ((v * gains[i] + 128) >> 8))
        out[i] = pixel.reshape(-1).astype(np.uint8)
    # The vectorised code against the scalar definition on a few pixels.
    for i in (0, len(rows) - 1):
        for r, c in ((0, 0), (height - 1, width - 1), (height // 3, width // 2), (1, width - 2)):
            assert out[i, r * width + c] == _scalar_pixel(images[rows[i]], int(rows[i]), r, c, height, width, seed)
    return out


def photo_dataset(name: str, per_class: int, height: int, width: int):
    """Training and held-out data (the next `per_class` of each class) and the JSON descriptor."""
    rows, labels = source_rows(PHOTO_CLASSES, per_class, 0)
    held_rows, held_labels = source_rows(PHOTO_CLASSES, per_class, per_class)
    pixels = photo_pixels(rows, height, width)
    held_pixels = photo_pixels(held_rows, height, width)
    n, d = pixels.shape
    images = [0, n // 3, n - 1]
    columns = sorted({0, d // 2 + width // 2, d // 3, d - 1, (height // 2) * width + width // 3})
    check = {"images": images, "pixels": columns,
             "values": [[int(pixels[i, j]) for j in columns] for i in images],
             "sums": [int(pixels[i].astype(np.int64).sum()) for i in images]}
    descriptor = {
        "recipe": "fashion-photo", "classes": PHOTO_CLASSES, "per_class": per_class, "skip": 0,
        "heldout_skip": per_class, "height": height, "width": width, "seed": PHOTO_SEED,
        "rows": [int(r) for r in rows], "labels": [int(v) for v in labels],
        "heldout_rows": [int(r) for r in held_rows], "heldout_labels": [int(v) for v in held_labels],
        "pixel_check": check,
        "note": f"Fashion-MNIST classes {PHOTO_CLASSES}, {per_class} training images per class and the next "
                f"{per_class} held out, upscaled to {height} x {width} = {d} pixels by the photo recipe",
    }
    x = pixels.astype(np.float64) / 255.0
    held = held_pixels.astype(np.float64) / 255.0
    return x, labels, held, held_labels, descriptor


# MARK: - Outputs


def floats(v) -> list:
    return [float(t) for t in np.asarray(v, dtype=np.float64).reshape(-1)]


def stored(a) -> dict:
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 1:
        a = a.reshape(-1, 1)
    return {"rows": int(a.shape[0]), "cols": int(a.shape[1]), "data": floats(a)}


def conditioning(x: np.ndarray, y: np.ndarray) -> dict:
    """kappa of scikit-learn's svd-solver matrix sqrt(1/n) * Xc / std (see the module doc)."""
    xc = x.copy()
    for c in np.unique(y):
        xc[y == c] -= x[y == c].mean(axis=0)
    std = xc.std(axis=0)
    std[std == 0] = 1.0
    s = np.linalg.svd(np.sqrt(1.0 / x.shape[0]) * (xc / std), compute_uv=False)
    rank = int(np.sum(s > TOL))
    below = s[rank] if rank < len(s) else None
    return {"kappa": float(s[0] / s[rank - 1]), "rank": rank, "s_max": float(s[0]), "s_min": float(s[rank - 1]),
            "s_below": None if below is None else float(below), "tol": TOL}


def lda_svd_case(name, dataset, x, y, held, probe):
    model = LinearDiscriminantAnalysis(solver="svd", tol=TOL)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model.fit(x, y)
    m = model._max_components
    outputs = {
        "classes": [int(v) for v in model.classes_], "priors": floats(model.priors_),
        "n_components": int(m),
        "explained_variance_ratio": floats(model.explained_variance_ratio_),
        "intercept": floats(model.intercept_),
        "scalings_probe": stored(probe @ model.scalings_[:, :m]),
        "coef_probe": stored(model.coef_ @ probe.T),
        "transform": stored(model.transform(x)),
        "predict": [int(v) for v in model.predict(x)],
        "predict_heldout": [int(v) for v in model.predict(held)],
        "decision_margin_heldout": _margins(model.decision_function(held)),
    }
    return {"name": name, "operation": "lda", "dataset": dataset,
            "inputs": {"solver": "svd", "shrinkage": None, "tol": TOL}, "outputs": outputs,
            "note": "scikit-learn LinearDiscriminantAnalysis(solver='svd'); transform of the training rows; "
                    "scalings_probe = P @ scalings_; columns unique up to sign"}


def _margins(decision: np.ndarray) -> list:
    """Per row, the gap between the best and second-best decision values (a prediction closer
    than rounding to a tie may legitimately differ)."""
    top = np.sort(decision, axis=1)
    return floats(top[:, -1] - top[:, -2])


# MARK: - Ledoit-Wolf without d x d matrices


def _standardized(z: np.ndarray):
    """StandardScaler's centring and scale (ddof 0; constant features scale 1)."""
    mean = z.mean(axis=0)
    centred = z - mean
    var = (centred ** 2).mean(axis=0)
    scale = np.sqrt(var)
    # StandardScaler's constant test: var below 10 eps times the mean squared (with its upper bound).
    eps = np.finfo(np.float64).eps
    upper = (z.shape[0] * eps * var + (z.shape[0] * mean * eps) ** 2)
    constant = var <= upper
    scale[constant | (scale == 0)] = 1.0
    return centred, scale


def _ledoit_wolf_weight(z: np.ndarray) -> float:
    """ledoit_wolf_shrinkage of a standardized m x p matrix from its m x m Gram matrix.

    With the rows centred (ledoit_wolf_shrinkage centres them) and K = Z Z^T, r = diag K:
    sum(X2^T X2) = sum(r^2), sum((X^T X)^2) = ||K||_F^2, trace(S) = sum(r) / m.
    """
    m, p = z.shape
    z = z - z.mean(axis=0)
    k = z @ z.T
    r = np.diag(k)
    mu = r.sum() / (m * p)
    delta_ = np.sum(k * k) / m**2
    beta_ = np.sum(r * r)
    beta = (beta_ / m - delta_) / (p * m)
    delta = (delta_ - 2.0 * mu * r.sum() / m + p * mu**2) / p
    beta = min(beta, delta)
    return 0.0 if beta == 0 else beta / delta


def _shrunk_parts(z: np.ndarray):
    """Ledoit-Wolf covariance of z as a diagonal plus a low-rank part: (diag, rows, weight).

    scikit-learn: S = scale * ((1 - w) S_std + w mu I) * scale with S_std the biased covariance
    of the standardized data and mu = trace(S_std) / p, so S = diag + rows^T rows with
    diag = w mu scale^2 and rows = sqrt((1 - w) / m) (z - mean).
    """
    m, p = z.shape
    centred, scale = _standardized(z)
    standardized = centred / scale
    w = _ledoit_wolf_weight(standardized)
    mu = np.sum(standardized ** 2) / (m * p)
    return w * mu * scale**2, np.sqrt((1.0 - w) / m) * centred, w


def ledoit_wolf_reference(x: np.ndarray, y: np.ndarray, components: int):
    """scikit-learn's eigen solver with shrinkage='auto', without d x d matrices.

    Sw = sum_k p_k cov_k = Dw + Uw^T Uw and St = cov = Dt + Ut^T Ut (diagonal plus low rank,
    `_shrunk_parts`), Sb = St - Sw.

    The generalized problem Sb v = lambda Sw v becomes a standard symmetric one, exactly.
    With V = Uw Dw^-1/2 (n x d), Sw = Dw^1/2 (I + V^T V) Dw^1/2. From the eigendecomposition
    V V^T = P diag(g) P^T (n x n), any function of I + V^T V acts as
    f(I + V^T V) x = f(1) x + V^T P diag((f(1 + g) - f(1)) / g) P^T V x (the identity on the
    orthogonal complement of the row space of V), so
        W = (I + V^T V)^-1/2 = I - V^T P diag(1 / (r (1 + r))) P^T V,  r = sqrt(1 + g),
    (the stable form of ((1 + g)^-1/2 - 1) / g, -1/2 at g = 0), applied in O(n d). With
    A = W Dw^-1/2 Sb Dw^-1/2 W (symmetric) and v = Dw^-1/2 W z:
        Sb v = lambda Sw v  <=>  A z = lambda z,   v^T Sw v = z^T z,
    so unit eigenvectors z of A give Sw-normalized v, as scipy's eigh returns them. ARPACK
    (eigsh, standard mode, which='LA') finds the `components` largest eigenpairs of A; the
    residuals are checked on the original problem.

    The next eigenvalue lies in the bulk of the spectrum, among many close ones, where a Krylov
    method converges slowly; its gap is bounded instead. With the biased covariances C_k of the
    classes, C_t of all data and the between-class scatter C_b = sum_k p_k (mu_k - mu)(mu_k - mu)^T,
    C_t = C_b + sum_k p_k C_k, Ut^T Ut = (1 - w_t) C_t and Uw^T Uw = sum_k p_k (1 - w_k) C_k, so
        Sb = (1 - w_t) C_b + R,  R = Db + sum_k p_k (w_k - w_t) C_k.
    (1 - w_t) C_b is positive semidefinite of rank <= c - 1 = components, so by Weyl's inequality
    lambda_{components+1}(Sb, Sw) <= lambda_1(R, Sw); and v^T R v / v^T Sw v is a ratio of sums
    (over pixels j: db_j v_j^2 / dw_j v_j^2; over classes: p_k (w_k - w_t) v^T C_k v /
    p_k (1 - w_k) v^T C_k v) with positive denominators, at most the largest termwise ratio:
        lambda_{components+1} <= max(max_j db_j / dw_j, max_k (w_k - w_t) / (1 - w_k)).

    The condition number of Sw is bounded the same way: Dw <= Sw <= Dw + ||Uw||^2 I, and Sw is
    Dw plus a rank-n positive semidefinite term, so min dw <= lambda_min(Sw) <= (n+1)-th smallest
    dw and lambda_max(Sw) <= max dw + lambda_max(Uw Uw^T); kappa_bound = that over min dw.

    trace(Sw^-1 Sb), the sum of all d eigenvalues, by the explicit traces of Woodbury's terms
    with K = I + Uw Dw^-1 Uw^T (Cholesky): Sw^-1 = Dw^-1 - Dw^-1 Uw^T K^-1 Uw Dw^-1. coef =
    M Sw^-1 and intercept = -1/2 diag(M Sw^-1 M^T) + log p, as scikit-learn (E E^T = Sw^-1
    for the Sw-normalized eigenvectors E).
    """
    classes = np.unique(y)
    n, d = x.shape
    priors = np.array([np.mean(y == c) for c in classes])
    means = np.array([x[y == c].mean(axis=0) for c in classes])
    dw = np.zeros(d)
    uw = []
    weights = []
    for k, c in enumerate(classes):
        diag, rows, w = _shrunk_parts(x[y == c])
        dw += priors[k] * diag
        uw.append(np.sqrt(priors[k]) * rows)
        weights.append(w)
    uw = np.concatenate(uw)
    dt, ut, wt = _shrunk_parts(x)
    db = dt - dw
    inv_dw = 1.0 / dw
    g = (uw * inv_dw) @ uw.T
    chol = scipy.linalg.cho_factor(np.eye(len(uw)) + g, lower=True)

    def sw_inverse(v):
        v = v.reshape(d, -1)
        t = inv_dw[:, None] * v
        return (t - inv_dw[:, None] * (uw.T @ scipy.linalg.cho_solve(chol, uw @ t))).reshape(v.shape)

    def sw(v):
        v = v.reshape(d, -1)
        return dw[:, None] * v + uw.T @ (uw @ v)

    def sb(v):
        v = v.reshape(d, -1)
        return db[:, None] * v + ut.T @ (ut @ v) - uw.T @ (uw @ v)

    # The standard symmetric operator A = W Dw^-1/2 Sb Dw^-1/2 W (see the docstring).
    root_inv_dw = np.sqrt(inv_dw)
    v_rows = uw * root_inv_dw
    gamma, p_vecs = np.linalg.eigh(v_rows @ v_rows.T)
    gamma = np.maximum(gamma, 0.0)
    r = np.sqrt(1.0 + gamma)
    w_weights = 1.0 / (r * (1.0 + r))

    def w_apply(v):
        v = v.reshape(d, -1)
        return v - v_rows.T @ (p_vecs @ (w_weights[:, None] * (p_vecs.T @ (v_rows @ v))))

    def a_apply(z):
        shape = z.shape
        t = root_inv_dw[:, None] * w_apply(z)
        return w_apply(root_inv_dw[:, None] * sb(t)).reshape(shape)

    op = scipy.sparse.linalg.LinearOperator((d, d), matvec=a_apply, matmat=a_apply, dtype=np.float64)
    v0 = recipe_matrix(5, 1, d)[0] + 1.0
    evals, z = scipy.sparse.linalg.eigsh(op, k=components, which="LA", v0=v0, tol=ARPACK_TOL,
                                         ncv=max(8 * components, 24), maxiter=10_000)
    order = np.argsort(evals)[::-1]
    evals, z = evals[order], z[:, order]
    evecs = root_inv_dw[:, None] * w_apply(z)
    # Residual check on the original problem: ||Sb v - lambda Sw v|| / (|lambda| ||Sw v||).
    residual = sb(evecs) - sw(evecs) * evals
    relative_residual = np.linalg.norm(residual, axis=0) / (np.abs(evals) * np.linalg.norm(sw(evecs), axis=0))
    assert np.all(relative_residual <= 1e-9), ("residual", relative_residual)

    # trace(Sw^-1 Sb) = trace(Sw^-1 Db) + trace(Sw^-1 Ut^T Ut) - trace(Sw^-1 Uw^T Uw), each
    # by Woodbury: trace(Sw^-1 A) = trace(Dw^-1 A) - trace(K^-1 Uw Dw^-1 A Dw^-1 Uw^T).
    kinv = scipy.linalg.cho_solve(chol, np.eye(len(uw)))
    t_db = np.sum(db * inv_dw) - np.sum(kinv * ((uw * (db * inv_dw**2)) @ uw.T))
    cross = (uw * inv_dw) @ ut.T
    t_ut = np.sum(ut * ut * inv_dw) - np.sum(kinv * (cross @ cross.T))
    t_uw = np.trace(g) - np.sum(kinv * (g @ g))
    total = t_db + t_ut - t_uw

    assert max(weights) < 1.0
    next_bound = max(float(np.max(db * inv_dw)), max((w - wt) / (1.0 - w) for w in weights))
    assert next_bound < evals[-1], ("the eigenvalue bound does not separate", next_bound, evals)
    sorted_dw = np.sort(dw)
    sw_bounds = {"lambda_min_lower": float(sorted_dw[0]), "lambda_min_upper": float(sorted_dw[min(n, d - 1)]),
                 "lambda_max_upper": float(sorted_dw[-1] + np.linalg.eigvalsh(uw @ uw.T)[-1])}
    sw_bounds["kappa_bound"] = sw_bounds["lambda_max_upper"] / sw_bounds["lambda_min_lower"]

    coef = sw_inverse(means.T).T
    intercept = -0.5 * np.sum(means * coef, axis=1) + np.log(priors)
    return {
        "classes": classes, "priors": priors, "eigenvalues": evals, "scalings": evecs[:, :components],
        "eigenvalue_sum": float(total), "coef": coef, "intercept": intercept,
        "shrinkage": {"classes": floats(weights), "total": float(wt)},
        "residuals": relative_residual, "next_eigenvalue_bound": next_bound, "sw_bounds": sw_bounds,
    }


def _predict(coef, intercept, classes, x):
    return classes[np.argmax(x @ coef.T + intercept, axis=1)]


def lda_ledoit_wolf_case(name, dataset, x, y, held, probe, validate=False):
    m = len(np.unique(y)) - 1
    ref = ledoit_wolf_reference(x, y, m)
    evals = ref["eigenvalues"]
    scale = abs(evals[0])
    # The last gap is to the bound on the next eigenvalue: a lower bound on the true gap.
    bounded = np.append(evals, ref["next_eigenvalue_bound"])
    gaps = [float(min(abs(bounded[i] - bounded[j]) for j in (i - 1, i + 1) if 0 <= j <= m) / scale)
            for i in range(m)]
    leading = evals[:m]
    transform = x @ ref["scalings"]
    decision = x @ ref["coef"].T + ref["intercept"]
    outputs = {
        "classes": [int(v) for v in ref["classes"]], "priors": floats(ref["priors"]), "n_components": m,
        "eigenvalues_leading": floats(evals), "next_eigenvalue_bound": ref["next_eigenvalue_bound"],
        "eigenvalue_sum": ref["eigenvalue_sum"], "sw_conditioning": ref["sw_bounds"],
        "explained_variance_ratio_leading": floats(leading / ref["eigenvalue_sum"]),
        "relative_gaps": gaps, "shrinkage": ref["shrinkage"],
        "intercept": floats(ref["intercept"]),
        "scalings_probe": stored(probe @ ref["scalings"]),
        "coef_probe": stored(ref["coef"] @ probe.T),
        "transform": stored(transform),
        "predict": [int(v) for v in _predict(ref["coef"], ref["intercept"], ref["classes"], x)],
        "decision_margin": _margins(decision),
        "predict_heldout": [int(v) for v in _predict(ref["coef"], ref["intercept"], ref["classes"], held)],
        "decision_margin_heldout": _margins(held @ ref["coef"].T + ref["intercept"]),
    }
    outputs["trace_negative"] = ref["eigenvalue_sum"] < 0
    note = ("eigen solver, shrinkage='auto' (Ledoit-Wolf), from reference_photo.ledoit_wolf_reference (ARPACK on "
            "the equivalent standard problem, Woodbury); next_eigenvalue_bound bounds eigenvalue n_components + 1 "
            "from above (relative_gaps use it); sw_conditioning bounds the condition of Sw; explained_variance_ratio = eigenvalues_leading / eigenvalue_sum; scalings "
            "Sw-normalized, unique up to sign; transform = X @ scalings")
    if validate:
        note += "; validated against scikit-learn's own eigen solver on this data set (see validation)"
        outputs["validation"] = _validate_ledoit_wolf(x, y, ref, m)
    return {"name": name, "operation": "lda", "dataset": dataset,
            "inputs": {"solver": "eigen", "shrinkage": "auto", "tol": TOL}, "outputs": outputs, "note": note}


def _validate_ledoit_wolf(x, y, ref, m) -> dict:
    """The low-rank computation against scikit-learn's eigen solver (d x d) on the same data."""
    model = LinearDiscriminantAnalysis(solver="eigen", shrinkage="auto").fit(x, y)
    sw = _class_cov(x, y, model.priors_, "auto", None)
    evals = np.sort(scipy.linalg.eigh(_cov(x, "auto", None) - sw, sw, eigvals_only=True))[::-1]
    # The shrinkage weights against scikit-learn's on the standardized class data.
    for k, c in enumerate(np.unique(y)):
        z = x[y == c]
        w = ledoit_wolf_shrinkage(StandardScaler().fit_transform(z))
        assert abs(w - ref["shrinkage"]["classes"][k]) <= 1e-12, (w, ref["shrinkage"]["classes"][k])
    ours = ref["scalings"]
    theirs = model.scalings_[:, :m]
    signs = np.sign(np.sum(ours * theirs, axis=0))
    errors = {
        "eigenvalues_leading": float(np.max(np.abs(evals[:m] - ref["eigenvalues"])) / abs(evals[0])),
        "eigenvalue_sum": float(abs(np.sum(evals) - ref["eigenvalue_sum"]) / np.sum(np.abs(evals))),
        "scalings": float(np.max(np.abs(ours * signs - theirs)) / np.max(np.abs(theirs))),
        "coef": float(np.max(np.abs(ref["coef"] - model.coef_)) / np.max(np.abs(model.coef_))),
        "intercept": float(np.max(np.abs(ref["intercept"] - model.intercept_)) / max(1.0, np.max(np.abs(model.intercept_)))),
        "predict": int(np.sum(model.predict(x) != _predict(ref["coef"], ref["intercept"], ref["classes"], x))),
    }
    for key, error in errors.items():
        assert error <= (0 if key == "predict" else 1e-8), (key, error)
    # The bounds against the exact values: the next eigenvalue and the condition of Sw.
    assert evals[m] <= ref["next_eigenvalue_bound"], (evals[m], ref["next_eigenvalue_bound"])
    sw_evals = scipy.linalg.eigvalsh(sw)
    bounds = ref["sw_bounds"]
    assert bounds["lambda_min_lower"] <= sw_evals[0] * (1 + 1e-12), (bounds, sw_evals[0])
    assert sw_evals[0] <= bounds["lambda_min_upper"] * (1 + 1e-12), (bounds, sw_evals[0])
    assert sw_evals[-1] <= bounds["lambda_max_upper"] * (1 + 1e-12), (bounds, sw_evals[-1])
    errors["next_eigenvalue"] = float(evals[m])
    errors["sw_kappa"] = float(sw_evals[-1] / sw_evals[0])
    return errors


def pca_case(name, dataset, x, probe, k=3):
    model = PCA(n_components=k, svd_solver="full").fit(x)
    outputs = {
        "n_components": k,
        "components_probe": stored(model.components_ @ probe.T),
        "explained_variance": floats(model.explained_variance_),
        "explained_variance_ratio": floats(model.explained_variance_ratio_),
        "singular_values": floats(model.singular_values_),
        "mean_probe": floats(probe @ model.mean_),
        "noise_variance": float(model.noise_variance_),
        "transform": stored(model.transform(x)),
        "leading_singular_values": floats(np.linalg.svd(x - model.mean_, compute_uv=False)[:k + 1]),
    }
    return {"name": name, "operation": "pca", "dataset": dataset,
            "inputs": {"n_components": k, "svd_solver": "full", "whiten": False}, "outputs": outputs,
            "note": "scikit-learn PCA(svd_solver='full'); components_probe = components_ @ P.T; transform of the "
                    "training rows; leading_singular_values holds one more value than kept (the gap)"}


def write(fixtures_dir: Path) -> Path:
    datasets, cases, releases = {}, [], []
    for name, per_class, height, width, target in [("photo-4x32-40x50", 32, 40, 50, cases),
                                                    ("photo-4x128-250x400", 128, 250, 400, releases)]:
        x, y, held, _, descriptor = photo_dataset(name, per_class, height, width)
        descriptor["conditioning"] = conditioning(x, y)
        datasets[name] = descriptor
        probe = recipe_matrix(PROBE_SEED, PROBE_ROWS, x.shape[1])
        target.append(lda_svd_case(f"{name}/lda-svd", name, x, y, held, probe))
        target.append(lda_ledoit_wolf_case(f"{name}/lda-eigen-auto", name, x, y, held, probe,
                                           validate=target is cases))
        target.append(pca_case(f"{name}/pca-k3-full", name, x, probe))
    payload = {
        "generator": GENERATOR_NAME,
        "versions": {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__,
                     "scikit-learn": sklearn.__version__},
        "probe_seed": PROBE_SEED,
        "datasets": datasets,
        "cases": cases,
        "release_cases": releases,
    }
    fixtures_dir.mkdir(parents=True, exist_ok=True)
    path = fixtures_dir / "photo.json"
    text = json.dumps(payload, indent=None, separators=(",", ":"), allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path
