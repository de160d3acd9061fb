"""The scikit-learn side of scatter-bench: one task on one data set, in its own process.

scatter-bench writes the data once (X as .npy, labels as .npy) and runs this script once per
task, so that each task's peak resident memory is its own (ru_maxrss covers the whole process).

    python3 sklearn_bench.py --task lda-svd --x X.npy --y y.npy --repeats 3 --out result.json

Tasks: lda-svd (LinearDiscriminantAnalysis(solver="svd")), lda-shrinkage (solver="eigen",
shrinkage="auto"), pca (PCA(n_components=2, svd_solver="full")), pca-randomized
(svd_solver="randomized", random_state=0). The projections of the training data are written to
<out>.npy for scatter-bench's agreement check; the JSON holds the median seconds over the repeats
(after one warm-up run), the peak RSS in bytes, and the BLAS library numpy uses.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--task", required=True, choices=["lda-svd", "lda-shrinkage", "pca", "pca-randomized"])
    parser.add_argument("--x", required=True)
    parser.add_argument("--y", required=True)
    parser.add_argument("--components", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    import numpy as np
    import sklearn
    from sklearn.decomposition import PCA
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis

    x = np.load(args.x)
    y = np.load(args.y)
    classes = len(np.unique(y))

    def fit():
        if args.task == "lda-svd":
            model = LinearDiscriminantAnalysis(solver="svd", n_components=args.components)
            return model.fit(x, y).transform(x)
        if args.task == "lda-shrinkage":
            model = LinearDiscriminantAnalysis(solver="eigen", shrinkage="auto", n_components=args.components)
            return model.fit(x, y).transform(x)
        solver = "full" if args.task == "pca" else "randomized"
        model = PCA(n_components=args.components or 2, svd_solver=solver, random_state=0)
        return model.fit(x).transform(x)

    for _ in range(args.warmup):
        fit()
    seconds = []
    projection = None
    for _ in range(max(1, args.repeats)):
        start = time.perf_counter()
        projection = fit()
        seconds.append(time.perf_counter() - start)
    np.save(args.out + ".npy", np.ascontiguousarray(projection, dtype=np.float64))

    blas = "unknown"
    try:
        import threadpoolctl
        info = [i for i in threadpoolctl.threadpool_info() if i.get("user_api") == "blas"]
        if info:
            blas = f"{info[0].get('internal_api')} {info[0].get('version')} {info[0].get('architecture')}, {info[0].get('num_threads')} threads"
    except Exception:  # threadpoolctl is optional
        pass
    result = {
        "task": args.task,
        "seconds": statistics.median(seconds),
        "all_seconds": seconds,
        # Linux reports ru_maxrss in kilobytes.
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "blas": blas,
        "classes": classes,
    }
    with open(args.out, "w") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
