#!/usr/bin/env python3
"""Generate the reference values (JSON fixtures) that Latent's Swift tests read.

Run from any directory:

    python3 Tests/Reference/generate_reference.py              # every fixture
    python3 Tests/Reference/generate_reference.py --only linear_algebra

The output is deterministic: fixed seeds, plain Python floats written with
their shortest round-trip representation, and a fixed key order, so running
the script twice gives byte-identical files. The Swift tests never run Python;
regenerate and commit the fixtures when this script changes.

Conventions shared by every fixture (see README.md):
  * everything is float64; matrices are row-major, rows are samples;
  * a stored matrix is {"rows": R, "cols": C, "data": [row-major flat list]};
  * a large input that is not stored is a recipe,
    {"recipe": "fmix32", "seed": S, "rows": R, "cols": C}, which Swift
    regenerates bit for bit (see `recipe_matrix`);
  * a vector is a plain list.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

import numpy as np
import scipy
import scipy.linalg

SCRIPT_DIR = Path(__file__).resolve().parent
FIXTURES_DIR = SCRIPT_DIR / "Fixtures"
GENERATOR_NAME = "Tests/Reference/generate_reference.py"


# MARK: - The fmix32 recipe

_MASK32 = 0xFFFFFFFF
_GOLDEN = 0x9E3779B9


def _fmix32_scalar(h: int) -> int:
    """The 32-bit MurmurHash3 finalizer on a Python int (reference version)."""
    h &= _MASK32
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & _MASK32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & _MASK32
    h ^= h >> 16
    return h


def recipe_value(seed: int, rows: int, cols: int, i: int, j: int) -> float:
    """One entry of a recipe matrix, computed with Python ints (slow, exact)."""
    del rows  # part of the definition's signature; the value does not depend on it
    h = _fmix32_scalar((i * cols + j + seed * _GOLDEN) & _MASK32)
    return h / 2.0**32 - 0.5


def _fmix32_array(h: np.ndarray) -> np.ndarray:
    """fmix32 on a uint64 array holding 32-bit values; products fit in 64 bits."""
    mask = np.uint64(_MASK32)
    h = h & mask
    h ^= h >> np.uint64(16)
    h = (h * np.uint64(0x85EBCA6B)) & mask
    h ^= h >> np.uint64(13)
    h = (h * np.uint64(0xC2B2AE35)) & mask
    h ^= h >> np.uint64(16)
    return h


def recipe_matrix(seed: int, rows: int, cols: int) -> np.ndarray:
    """The rows×cols recipe matrix: entries fmix32(i*cols + j + seed*0x9E3779B9) / 2**32 - 0.5.

    All arithmetic is modulo 2**32. Every value is an exact double in [-0.5, 0.5).
    """
    index = np.arange(rows * cols, dtype=np.uint64)
    offset = np.uint64((seed * _GOLDEN) & _MASK32)
    hashed = _fmix32_array(index + offset)
    values = hashed.astype(np.float64) / 2.0**32 - 0.5
    return values.reshape(rows, cols)


def _check_recipe() -> None:
    """The vectorised recipe must agree with the scalar definition, bit for bit."""
    for seed, rows, cols in [(7, 3, 5), (11, 64, 20_000), (99, 1, 20_000), (0, 2, 2)]:
        m = recipe_matrix(seed, rows, cols)
        probes = [(0, 0), (rows - 1, cols - 1), (rows // 2, cols // 3), (0, cols - 1)]
        for i, j in probes:
            expected = recipe_value(seed, rows, cols, i, j)
            assert m[i, j] == expected, (seed, rows, cols, i, j, m[i, j], expected)
    # Large seeds wrap modulo 2**32 in both versions.
    big = recipe_matrix(2**40 + 3, 2, 3)
    assert big[1, 2] == recipe_value(2**40 + 3, 2, 3, 1, 2)


# MARK: - JSON encoding helpers


def stored(a: np.ndarray) -> dict:
    """A stored matrix: {"rows", "cols", "data"} with row-major data."""
    a = np.asarray(a, dtype=np.float64)
    assert a.ndim == 2, a.shape
    return {"rows": int(a.shape[0]), "cols": int(a.shape[1]), "data": a.reshape(-1).tolist()}


def recipe(seed: int, rows: int, cols: int) -> dict:
    return {"recipe": "fmix32", "seed": seed, "rows": rows, "cols": cols}


def vector(v: np.ndarray) -> list:
    v = np.asarray(v, dtype=np.float64)
    assert v.ndim == 1, v.shape
    return v.tolist()


def case(name: str, operation: str, inputs: dict, outputs: dict, note: str) -> dict:
    return {"name": name, "operation": operation, "inputs": inputs, "outputs": outputs, "note": note}


def write_json(filename: str, payload: dict) -> Path:
    FIXTURES_DIR.mkdir(parents=True, exist_ok=True)
    path = FIXTURES_DIR / filename
    text = json.dumps(payload, indent=None, separators=(",", ":"), allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def versions() -> dict:
    return {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__}


# MARK: - Matrix builders (all seeded)


INPUT_DECIMALS = 5


def normal(rng: np.random.Generator, shape) -> np.ndarray:
    """Standard normal draws rounded to 5 decimals.

    The rounding only shortens the stored JSON (each value prints as ~8 characters
    instead of ~20); the values are still generic doubles, so every operation on
    them rounds as it would on real data. Outputs are computed from the rounded
    values and stored at full precision.
    """
    return np.round(rng.standard_normal(shape), INPUT_DECIMALS)


def gaussian(seed: int, rows: int, cols: int) -> np.ndarray:
    return normal(np.random.default_rng(seed), (rows, cols))


def gaussian_vector(seed: int, n: int) -> np.ndarray:
    return normal(np.random.default_rng(seed), n)


def small_integers(seed: int, rows: int, cols: int, bound: int = 2) -> np.ndarray:
    """Integers in [-bound, bound] stored as doubles: products and sums are exact."""
    return np.random.default_rng(seed).integers(-bound, bound + 1, size=(rows, cols)).astype(np.float64)


def random_symmetric(seed: int, n: int) -> np.ndarray:
    g = gaussian(seed, n, n)
    return (g + g.T) / 2.0


def random_spd(seed: int, n: int) -> np.ndarray:
    """M M.T + n I: symmetric positive definite and well conditioned."""
    m = gaussian(seed, n, n)
    a = m @ m.T + n * np.eye(n)
    return (a + a.T) / 2.0  # exactly symmetric


def random_orthogonal(seed: int, n: int) -> np.ndarray:
    q, r = np.linalg.qr(gaussian(seed, n, n))
    return q * np.sign(np.diag(r))


def hilbert(n: int) -> np.ndarray:
    i = np.arange(n, dtype=np.float64)
    return 1.0 / (i[:, None] + i[None, :] + 1.0)


def prescribed_singular_values(seed: int, n: int, largest: float, smallest: float):
    """U diag(s) V.T with random orthogonal U, V and s log-spaced from largest to smallest."""
    s = np.logspace(np.log10(largest), np.log10(smallest), n)
    u = random_orthogonal(seed, n)
    v = random_orthogonal(seed + 1, n)
    return (u * s) @ v.T, s


# MARK: - Sign conventions


def flip_columns_largest_positive(vectors: np.ndarray) -> np.ndarray:
    """Per-column signs (+1/-1) that make each column's largest-|value| entry positive.

    Ties go to the first such entry (numpy argmax), as in scikit-learn's svd_flip.
    """
    idx = np.argmax(np.abs(vectors), axis=0)
    signs = np.sign(vectors[idx, np.arange(vectors.shape[1])])
    signs[signs == 0] = 1.0
    return signs


SIGN_NOTE = (
    "Sign convention: each column of {which} was negated if needed so that its largest-|value| entry "
    "is positive (first such entry on ties, like scikit-learn's svd_flip){paired}. LAPACK does not "
    "fix signs: apply the same rule or compare up to a per-vector sign."
)
SVD_SIGN_NOTE = SIGN_NOTE.format(which="U", paired=", with the matching row of Vt negated too")
EIGEN_SIGN_NOTE = SIGN_NOTE.format(which="eigenvectors", paired="")


# MARK: - linear_algebra.json


def gemm_cases() -> list:
    cases = []
    m, k, n = 7, 5, 9
    alpha = 1.5
    seed = 100
    for transpose_a in (False, True):
        for transpose_b in (False, True):
            for beta in (0.0, -0.5):
                seed += 1
                rng = np.random.default_rng(seed)
                op_a = normal(rng, (m, k))
                op_b = normal(rng, (k, n))
                a = op_a.T.copy() if transpose_a else op_a
                b = op_b.T.copy() if transpose_b else op_b
                c0 = normal(rng, (m, n)) if beta != 0.0 else None
                c = alpha * (op_a @ op_b)
                if c0 is not None:
                    c = c + beta * c0
                flags = ("t" if transpose_a else "n") + ("t" if transpose_b else "n")
                name = f"gemm/{flags}-{m}x{k}x{n}-beta{'0' if beta == 0.0 else '-0.5'}"
                cases.append(case(
                    name, "gemm",
                    {"A": stored(a), "B": stored(b), "transpose_a": transpose_a,
                     "transpose_b": transpose_b, "alpha": alpha, "beta": beta,
                     "C0": stored(c0) if c0 is not None else None},
                    {"C": stored(c)},
                    f"C = alpha*op(A)@op(B) + beta*C0 with op(A) {m}x{k}, op(B) {k}x{n}; A is stored as "
                    f"{a.shape[0]}x{a.shape[1]}, B as {b.shape[0]}x{b.shape[1]}. C0 is null when beta = 0.",
                ))
    # One larger product so that blocked kernels are exercised.
    rng = np.random.default_rng(120)
    a = normal(rng, (40, 24))
    b = normal(rng, (32, 24))
    c0 = normal(rng, (40, 32))
    cases.append(case(
        "gemm/nt-40x24x32-beta-0.5", "gemm",
        {"A": stored(a), "B": stored(b), "transpose_a": False, "transpose_b": True,
         "alpha": alpha, "beta": -0.5, "C0": stored(c0)},
        {"C": stored(alpha * (a @ b.T) - 0.5 * c0)},
        "Larger product, A@B.T.",
    ))
    return cases


def gemv_cases() -> list:
    cases = []
    for seed, (rows, cols), transpose in [(130, (7, 5), False), (131, (7, 5), True),
                                          (132, (40, 25), False), (133, (40, 25), True)]:
        rng = np.random.default_rng(seed)
        a = normal(rng, (rows, cols))
        x = normal(rng, rows if transpose else cols)
        y = (a.T if transpose else a) @ x
        cases.append(case(
            f"gemv/{'t' if transpose else 'n'}-{rows}x{cols}", "gemv",
            {"A": stored(a), "x": vector(x), "transpose": transpose},
            {"y": vector(y)},
            "y = op(A)@x, op = transpose when \"transpose\" is true.",
        ))
    return cases


# Shared inputs for gram / statistics / svd.
WIDE_RECIPE = (11, 64, 20_000)
PROBE_SEED = 99


def shape_inputs() -> list:
    """(label, JSON input, numpy array, is_recipe) for the square, tall, wide and wide-recipe shapes."""
    square = gaussian(201, 50, 50)
    tall = gaussian(202, 200, 30)
    wide = gaussian(203, 20, 300)
    seed, rows, cols = WIDE_RECIPE
    wide_recipe = recipe_matrix(seed, rows, cols)
    return [
        ("square-50x50", stored(square), square, False),
        ("tall-200x30", stored(tall), tall, False),
        ("wide-20x300", stored(wide), wide, False),
        (f"wide-recipe-{rows}x{cols}", recipe(seed, rows, cols), wide_recipe, True),
    ]


def rank_deficient() -> np.ndarray:
    """40×30 of rank 10: the product of 40×10 and 10×30 Gaussian factors."""
    return gaussian(210, 40, 10) @ gaussian(211, 10, 30)


def gram_cases() -> list:
    cases = []
    inputs = []
    for label, x_json, x, is_recipe in shape_inputs():
        if label in ("tall-200x30", "wide-20x300"):
            # Their 200x200 XXt and 300x300 XtX at full precision would take 2.5 MB; with small
            # integer inputs every entry is an exact, short integer.
            x = small_integers(205 if label.startswith("tall") else 206, *x.shape)
            label, x_json = label + "-integers", stored(x)
        inputs.append((label, x_json, x, is_recipe))
    deficient = rank_deficient()
    inputs.append(("rank-deficient-40x30-rank10", stored(deficient), deficient, False))
    for label, x_json, x, _ in inputs:
        xtx = x.T @ x if x.shape[1] <= 2000 else None
        note = ("XXt = X@X.T, XtX = X.T@X (null when cols > 2000). Both are symmetric; compare the full "
                "matrix (a syrk-based implementation must mirror its triangle).")
        if label.endswith("-integers"):
            note += (" X holds integers in [-2, 2], so every product and partial sum is an integer far "
                     "below 2**53: the result is exact in any summation order (compare exactly).")
        cases.append(case(
            f"gram/{label}", "gram",
            {"X": x_json},
            {"XXt": stored(x @ x.T), "XtX": stored(xtx) if xtx is not None else None},
            note,
        ))
    return cases


def statistics_cases() -> list:
    cases = []
    for k, (label, x_json, x, is_recipe) in enumerate(shape_inputs()):
        v = gaussian_vector(220 + k, x.shape[1])
        outputs = {
            "column_means": vector(x.mean(axis=0)),
            "row_norms": vector(np.linalg.norm(x, axis=1)),
            "centered": None if is_recipe else stored(x - v),
        }
        note = ("column_means = X.mean(axis=0); row_norms = Euclidean norm of each row; "
                "centered = X - v (v subtracted from every row).")
        if is_recipe:
            note += (" X is a recipe: v and centered are null (not stored, to keep the file small); "
                     "only column_means and row_norms are checked.")
        cases.append(case(
            f"statistics/{label}", "statistics",
            {"X": x_json, "v": None if is_recipe else vector(v)},
            outputs,
            note,
        ))
    return cases


def svd_outputs(a: np.ndarray, keep: int | None = None, probe: np.ndarray | None = None) -> dict:
    """SVD outputs with the sign convention applied; U/Vt cut to `keep` vectors if given."""
    u, s, vt = np.linalg.svd(a, full_matrices=False)
    signs = flip_columns_largest_positive(u)
    u = u * signs
    vt = vt * signs[:, None]
    rank = int(np.linalg.matrix_rank(a))
    if keep is not None:
        u, vt = u[:, :keep], vt[:keep, :]
    # Sanity: the factorisation reproduces A.
    k = u.shape[1]
    recon = (u * s[:k]) @ vt
    if keep is None:
        assert np.allclose(recon, a, rtol=0, atol=1e-12 * max(1.0, np.abs(a).max())), "svd reconstruction"
    out = {"singular_values": vector(s), "U": stored(u), "rank": rank}
    if probe is None:
        out["Vt"] = stored(vt)
    else:
        out["Vt"] = None
        out["Vt_probe"] = vector(vt @ probe)
    return out


def svd_cases() -> list:
    cases = []
    sign_note = SVD_SIGN_NOTE
    for label, x_json, x, is_recipe in shape_inputs():
        if is_recipe:
            n = x.shape[1]
            probe = recipe_matrix(PROBE_SEED, 1, n)[0]
            outputs = svd_outputs(x, probe=probe)
            note = (f"Thin SVD, k = min(m, n). Vt ({x.shape[0]}x{n}) is not stored: Vt_probe = Vt @ p with "
                    f"p = row 0 of recipe matrix seed {PROBE_SEED}, rows 1, cols {n}. Align your signs "
                    "with U first (or apply the sign convention below), then compare Vt @ p. " + sign_note)
        else:
            outputs = svd_outputs(x)
            note = "Thin SVD, k = min(m, n): A = U @ diag(singular_values) @ Vt. " + sign_note
        cases.append(case(f"svd/{label}", "svd", {"A": x_json}, outputs, note))

    deficient = rank_deficient()
    rank = int(np.linalg.matrix_rank(deficient))
    assert rank == 10, rank
    cases.append(case(
        "svd/rank-deficient-40x30-rank10", "svd", {"A": stored(deficient)},
        svd_outputs(deficient, keep=rank),
        "All min(m,n) = 30 singular values are stored (the last 20 are rounding noise, ~1e-15 relative "
        "to the largest: compare them with an absolute tolerance); U (40x10) and Vt (10x30) hold only "
        "the first `rank` = 10 vectors, the rest span an arbitrary basis of the null space. " + sign_note,
    ))

    ill, s_true = prescribed_singular_values(230, 12, 1.0, 1e-8)
    outputs = svd_outputs(ill)
    outputs["prescribed_singular_values"] = vector(s_true)
    cases.append(case(
        "svd/ill-conditioned-12x12-1-to-1e-8", "svd", {"A": stored(ill)}, outputs,
        "A = U0 diag(s) V0.T with s log-spaced from 1 to 1e-8 (prescribed_singular_values; A is rounded, "
        "so the computed singular values differ from them by ~1e-16 absolute). The singular values are "
        "accurate to ~1e-16 absolute (so ~1e-8 relative for the smallest); the singular vectors of the "
        "small values are accurate to ~eps/gap. " + sign_note,
    ))
    return cases


def eigh_outputs(a: np.ndarray, b: np.ndarray | None = None) -> dict:
    """Eigenvalues descending, eigenvectors as columns in the same order, sign convention applied."""
    if b is None:
        w, v = np.linalg.eigh(a)
    else:
        w, v = scipy.linalg.eigh(a, b)
    w, v = w[::-1].copy(), v[:, ::-1].copy()
    v = v * flip_columns_largest_positive(v)
    if b is None:
        assert np.allclose(a @ v, v * w, atol=1e-10 * max(1.0, np.abs(w).max()))
    else:
        assert np.allclose(a @ v, (b @ v) * w, atol=1e-9 * max(1.0, np.abs(w).max()))
        assert np.allclose(v.T @ b @ v, np.eye(len(w)), atol=1e-10)
    return {"eigenvalues": vector(w), "eigenvectors": stored(v)}


def eigh_cases() -> list:
    cases = []
    sign_note = EIGEN_SIGN_NOTE
    base = "Eigenvalues in DESCENDING order (numpy's reversed); eigenvectors are the columns, same order. "
    for seed, n in [(240, 6), (241, 40)]:
        a = random_symmetric(seed, n)
        cases.append(case(f"eigh/random-symmetric-{n}x{n}", "eigh", {"A": stored(a)},
                          eigh_outputs(a), base + sign_note))

    q = random_orthogonal(242, 6)
    lam = np.array([5.0, 2.0, 2.0, 2.0, -1.0, 0.5])
    a = (q * lam) @ q.T
    a = (a + a.T) / 2.0
    outputs = eigh_outputs(a)
    outputs["repeated_eigenvalue"] = True
    cases.append(case(
        "eigh/repeated-eigenvalue-6x6", "eigh", {"A": stored(a)}, outputs,
        base + "A = Q diag(5, 2, 2, 2, -1, 0.5) Q.T: eigenvalue 2 has multiplicity 3, so the eigenvectors "
        "of that eigenspace (columns 1, 2, 3, 0-based) are NOT unique; any orthonormal basis of it is correct. Compare "
        "the eigenvalues, the eigenvectors of the simple eigenvalues (up to sign), and for the repeated "
        "one the projector V V.T of those columns or the residual A v - lambda v. " + sign_note,
    ))

    h = hilbert(8)
    cases.append(case(
        "eigh/hilbert-8x8", "eigh", {"A": stored(h)}, eigh_outputs(h),
        base + "Hilbert matrix H[i][j] = 1/(i+j+1), condition ~1.5e10: the smallest eigenvalues (~1e-10) "
        "are accurate to ~1e-16 absolute only, not 1e-9 relative. " + sign_note,
    ))
    return cases


def eigh_generalized_cases() -> list:
    cases = []
    for seed, n in [(250, 5), (251, 30)]:
        a = random_symmetric(seed, n)
        b = random_spd(seed + 100, n)
        cases.append(case(
            f"eigh_generalized/random-{n}x{n}", "eigh_generalized",
            {"A": stored(a), "B": stored(b)}, eigh_outputs(a, b),
            "A v = lambda B v, scipy.linalg.eigh(A, B); eigenvalues DESCENDING, eigenvectors as columns in "
            "the same order, B-normalised (v.T B v = 1). B = M M.T + n I. "
            + EIGEN_SIGN_NOTE,
        ))
    return cases


def cholesky_cases() -> list:
    cases = []
    for seed, n in [(260, 5), (261, 30)]:
        a = random_spd(seed, n)
        cases.append(case(f"cholesky/spd-{n}x{n}", "cholesky", {"A": stored(a)},
                          {"L": stored(np.linalg.cholesky(a))},
                          "A = L L.T, L lower triangular with a positive diagonal (unique). A = M M.T + n I."))
    h = hilbert(8)
    cases.append(case("cholesky/hilbert-8x8", "cholesky", {"A": stored(h)},
                      {"L": stored(np.linalg.cholesky(h))},
                      "Hilbert 8x8 (condition ~1.5e10). L is unique but its last rows are sensitive: "
                      "numpy's L differs from the exact factor by ~1e-8 relative, so compare L with ~1e-6 "
                      "and check L L.T = A tightly (~1e-15 relative)."))
    return cases


def qr_cases() -> list:
    cases = []
    for seed, (m, n) in [(270, (200, 30)), (271, (30, 30))]:
        a = gaussian(seed, m, n)
        q, r = np.linalg.qr(a, mode="reduced")
        signs = np.where(np.diag(r) < 0, -1.0, 1.0)
        q, r = q * signs, r * signs[:, None]
        assert np.allclose(q @ r, a, atol=1e-12)
        cases.append(case(
            f"qr/{m}x{n}", "qr", {"A": stored(a)}, {"Q": stored(q), "R": stored(r)},
            "numpy.linalg.qr(A, mode='reduced'): Q m x n with orthonormal columns, R n x n upper "
            "triangular; then normalised so diag(R) >= 0 (Q columns and R rows with a negative diagonal "
            "were negated). LAPACK's geqrf may return negative diagonals: apply the same normalisation.",
        ))
    return cases


def lq_cases() -> list:
    cases = []
    for seed, (m, n) in [(280, (30, 200)), (281, (20, 20))]:
        a = gaussian(seed, m, n)
        q_t, r_t = np.linalg.qr(a.T, mode="reduced")
        lower, q = r_t.T, q_t.T
        signs = np.where(np.diag(lower) < 0, -1.0, 1.0)
        lower, q = lower * signs, q * signs[:, None]
        assert np.allclose(lower @ q, a, atol=1e-12)
        cases.append(case(
            f"lq/{m}x{n}", "lq", {"A": stored(a)}, {"L": stored(lower), "Q": stored(q)},
            "A = L Q with L m x m lower triangular and Q m x n with orthonormal rows, computed as the "
            "transpose of numpy.linalg.qr(A.T, mode='reduced'); normalised so diag(L) >= 0 (L columns and "
            "Q rows with a negative diagonal were negated).",
        ))
    return cases


def solve_cases() -> list:
    cases = []
    a = gaussian(290, 30, 30)
    b = gaussian(291, 30, 4)
    cases.append(case(
        "solve/random-30x30-B30x4", "solve", {"A": stored(a), "B": stored(b)},
        {"X": stored(np.linalg.solve(a, b)), "condition_number": float(np.linalg.cond(a))},
        "X = numpy.linalg.solve(A, B) (LU with partial pivoting); condition_number = numpy.linalg.cond(A) (2-norm).",
    ))
    ill, _ = prescribed_singular_values(230, 12, 1.0, 1e-8)
    b = gaussian(292, 12, 2)
    cases.append(case(
        "solve/ill-conditioned-12x12-1-to-1e-8", "solve", {"A": stored(ill), "B": stored(b)},
        {"X": stored(np.linalg.solve(ill, b)), "condition_number": float(np.linalg.cond(ill))},
        "Same A as svd/ill-conditioned-12x12-1-to-1e-8 (singular values 1 .. 1e-8, condition ~1e8). "
        "X is only determined to ~cond*eps ~ 2e-8 relative (numpy's X is 1e-9 from the exact solution): "
        "compare X with a relative tolerance of ~1e-6 (relative to max|X|) and check the residual "
        "||A X - B|| / (||A|| ||X||) <= ~1e-14.",
    ))
    return cases


def solve_spd_cases() -> list:
    cases = []
    a = random_spd(300, 30)
    b = gaussian(301, 30, 3)
    cases.append(case(
        "solve_spd/spd-30x30-B30x3", "solve_spd", {"A": stored(a), "B": stored(b)},
        {"X": stored(scipy.linalg.solve(a, b, assume_a="pos")), "condition_number": float(np.linalg.cond(a))},
        "X = scipy.linalg.solve(A, B, assume_a='pos') (Cholesky); A = M M.T + n I.",
    ))
    h = hilbert(8)
    b = gaussian(302, 8, 2)
    cases.append(case(
        "solve_spd/hilbert-8x8-B8x2", "solve_spd", {"A": stored(h), "B": stored(b)},
        {"X": stored(scipy.linalg.solve(h, b, assume_a="pos")), "condition_number": float(np.linalg.cond(h))},
        "Hilbert 8x8, condition ~1.5e10: X (entries up to ~1e10) is only determined to ~cond*eps ~ 3e-6 "
        "relative (numpy's X is 5e-8 from the exact solution). Compare X with a relative tolerance of "
        "~1e-5 (relative to max|X|) and check the residual ||A X - B|| / (||A|| ||X||) <= ~1e-14.",
    ))
    return cases


def error_cases() -> list:
    """Inputs that must make the Swift routine throw; each is verified to fail in numpy/scipy too."""
    q = random_orthogonal(310, 4)
    indefinite = (q * np.array([1.0, 2.0, -1.0, 3.0])) @ q.T
    indefinite = (indefinite + indefinite.T) / 2.0
    try:
        np.linalg.cholesky(indefinite)
        raise AssertionError("indefinite matrix factorised")
    except np.linalg.LinAlgError:
        pass

    singular = np.array([[2.0, 1.0, 0.0, 3.0],
                         [1.0, 4.0, 2.0, -1.0],
                         [2.0, 1.0, 0.0, 3.0],
                         [0.0, -2.0, 5.0, 1.0]])
    rhs = np.array([[1.0], [2.0], [3.0], [4.0]])
    try:
        np.linalg.solve(singular, rhs)
        raise AssertionError("singular matrix solved")
    except np.linalg.LinAlgError:
        pass

    a = random_symmetric(311, 4)
    try:
        scipy.linalg.eigh(a, indefinite)
        raise AssertionError("generalized eigh with indefinite B succeeded")
    except np.linalg.LinAlgError:
        pass

    return [
        {"name": "cholesky/not-positive-definite", "operation": "cholesky",
         "inputs": {"A": stored(indefinite)}, "expected_error": "notPositiveDefinite",
         "note": "Symmetric with eigenvalues 1, 2, -1, 3 (Q diag(1,2,-1,3) Q.T): potrf must report info > 0."},
        {"name": "solve/singular", "operation": "solve",
         "inputs": {"A": stored(singular), "B": stored(rhs)}, "expected_error": "singularMatrix",
         "note": "Row 2 repeats row 0 (integer entries), so LU meets an exactly zero pivot: getrf info > 0."},
        {"name": "eigh_generalized/B-not-positive-definite", "operation": "eigh_generalized",
         "inputs": {"A": stored(a), "B": stored(indefinite)}, "expected_error": "notPositiveDefinite",
         "note": "B is the indefinite matrix of cholesky/not-positive-definite: sygv fails in its Cholesky "
                 "of B (info > n)."},
    ]


def write_linear_algebra() -> Path:
    _check_recipe()
    check_seed, check_rows, check_cols = 7, 3, 5
    payload = {
        "generator": GENERATOR_NAME,
        "versions": versions(),
        "recipe_check": {
            "seed": check_seed, "rows": check_rows, "cols": check_cols,
            "data": recipe_matrix(check_seed, check_rows, check_cols).reshape(-1).tolist(),
        },
        "cases": (gemm_cases() + gemv_cases() + gram_cases() + statistics_cases() + svd_cases()
                  + eigh_cases() + eigh_generalized_cases() + cholesky_cases() + qr_cases()
                  + lq_cases() + solve_cases() + solve_spd_cases()),
        "error_cases": error_cases(),
    }
    names = [c["name"] for c in payload["cases"]] + [c["name"] for c in payload["error_cases"]]
    assert len(names) == len(set(names)), "duplicate case names"
    return write_json("linear_algebra.json", payload)


# MARK: - Entry point

WRITERS = {
    "linear_algebra": write_linear_algebra,
}


def _register_area_modules() -> None:
    """Adds each sibling module reference_<area>.py that defines write(fixtures_dir) -> Path."""
    import importlib
    sys.path.insert(0, str(SCRIPT_DIR))
    for path in sorted(SCRIPT_DIR.glob("reference_*.py")):
        module = importlib.import_module(path.stem)
        area = path.stem.removeprefix("reference_")
        WRITERS[area] = lambda module=module: module.write(FIXTURES_DIR)


_register_area_modules()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write Latent's reference fixtures (Tests/Reference/Fixtures).")
    parser.add_argument("--only", choices=sorted(WRITERS), metavar="NAME",
                        help="write only this fixture (one of: %(choices)s)")
    args = parser.parse_args(argv)
    names = [args.only] if args.only else list(WRITERS)
    for name in names:
        path = WRITERS[name]()
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
