"""The numpy side of scatter-bench's .npy loader row: numpy.load of one file into memory.

    python3 npy_load.py --x X.npy --repeats 3 --out result.json

The JSON holds the median seconds of x = numpy.load(path) over the repeats (after one warm-up),
all the seconds, the array's shape and dtype, and numpy's version.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--x", required=True)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    import numpy as np

    for _ in range(args.warmup):
        x = np.load(args.x)
        del x
    seconds = []
    for _ in range(max(1, args.repeats)):
        start = time.perf_counter()
        x = np.load(args.x)
        seconds.append(time.perf_counter() - start)
        shape, dtype = list(x.shape), str(x.dtype)
        del x

    result = {"seconds": statistics.median(seconds), "all_seconds": seconds, "shape": shape, "dtype": dtype, "numpy": np.__version__}
    with open(args.out, "w") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
