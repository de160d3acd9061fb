"""The PIL side of scatter-bench's image-loader row: a folder of images into a float64 matrix.

One process, one thread, as a plain script would load a folder: for the first --per-class files
(sorted by name) of each class subfolder, in the order of --classes,
Image.open(f).convert("L").resize((width, height), Image.BILINEAR), one row per image, / 255.

    python3 pil_load.py --folder DIR --classes a,b --per-class 128 --width 400 --height 250 \
        --repeats 3 --compare latent.npy --out result.json

The JSON holds the median seconds over the repeats (after one warm-up load), all the seconds, the
number of images, the peak RSS in bytes and, with --compare (a float64 .npy of the same images
loaded by LatentData), the largest and the mean absolute difference of the pixels.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", required=True)
    parser.add_argument("--classes", required=True, help="class subfolders, comma-separated")
    parser.add_argument("--per-class", type=int, required=True)
    parser.add_argument("--width", type=int, required=True)
    parser.add_argument("--height", type=int, required=True)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--compare", default=None)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    import numpy as np
    import PIL
    from PIL import Image

    files = []
    for name in args.classes.split(","):
        folder = os.path.join(args.folder, name)
        entries = sorted(entry for entry in os.listdir(folder) if not entry.startswith("."))
        if len(entries) < args.per_class:
            raise SystemExit(f"{folder} has {len(entries)} files, fewer than {args.per_class}")
        files += [os.path.join(folder, entry) for entry in entries[: args.per_class]]

    size = (args.width, args.height)

    def load():
        x = np.empty((len(files), args.width * args.height), dtype=np.float64)
        for row, path in enumerate(files):
            with Image.open(path) as image:
                pixels = image.convert("L").resize(size, Image.BILINEAR)
            x[row] = np.asarray(pixels, dtype=np.float64).reshape(-1)
        x /= 255
        return x

    for _ in range(args.warmup):
        load()
    seconds = []
    x = None
    for _ in range(max(1, args.repeats)):
        start = time.perf_counter()
        x = load()
        seconds.append(time.perf_counter() - start)

    result = {
        "seconds": statistics.median(seconds),
        "all_seconds": seconds,
        "images": len(files),
        # Linux reports ru_maxrss in kilobytes.
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "pillow": PIL.__version__,
        "numpy": np.__version__,
    }
    if args.compare:
        reference = np.load(args.compare, mmap_mode="r")
        if reference.shape != x.shape:
            raise SystemExit(f"--compare has shape {reference.shape}, the loaded images {x.shape}")
        difference = np.abs(x - reference)
        result["max_abs_difference"] = float(difference.max())
        result["mean_abs_difference"] = float(difference.mean())
    with open(args.out, "w") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
