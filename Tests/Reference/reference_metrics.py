#!/usr/bin/env python3
"""Reference values for LatentMetrics, computed with scikit-learn 1.9.1.

    python3 Tests/Reference/reference_metrics.py     # writes Fixtures/metrics.json next to itself

As a module, `write(fixtures_dir)` writes fixtures_dir/"metrics.json"; the main
generator (generate_reference.py) can call it. The output is deterministic: fixed
seeds (numpy.random.default_rng), shortest round-trip floats, sorted keys, compact
separators; running it twice gives byte-identical files.

File format (every case has the same shape):

    {"generator": "Tests/Reference/reference_metrics.py",
     "versions": {"python", "numpy", "scikit-learn"},
     "conventions": "...",
     "cases": [case, ...]}

    case = {"name", "note", "label_type": "int" | "string",
            "truth": [...], "predictions": [...], "labels": null | [...],
            "inferred_labels": sorted union of truth and predictions (unique_labels), or null,
            "confusion_matrix": {"counts": [[int]], "true": [[float]], "pred": [[float]], "all": [[float]]},
            "multilabel_confusion": {"true_negatives", "false_positives", "false_negatives",
                                     "true_positives": [int]},
            "scores": [{"beta": float, "zero_division": "0" | "1" | "nan",
                        "per_class": {"precision", "recall", "f_score": [float], "support": [int]},
                        "micro" | "macro" | "weighted": {"precision", "recall", "f_score": float}}],
            "accuracy": float, "balanced_accuracy": float, "balanced_accuracy_adjusted": float,
            "reports": [{"zero_division", "digits", "text": str,
                         "data": {"classes": [{"name", "precision", "recall", "f1_score", "support"}],
                                  "accuracy": float | null, "micro_avg": row | null,
                                  "macro_avg": row, "weighted_avg": row}}]}

Every function's output may instead be {"error": <Swift MetricsError case>, "message": <scikit-learn's
message>} when scikit-learn raises; the generator checks that it does.

Non-finite floats, which JSON cannot hold, are the strings "nan", "inf" and "-inf".
confusion_matrix, multilabel_confusion_matrix, precision_recall_fscore_support and
classification_report get `labels` (when not null); accuracy_score and
balanced_accuracy_score have no labels parameter. scikit-learn's zero_division "warn"
gives the same numbers as 0 (it only adds a warning), so it is not stored separately.
"""

from __future__ import annotations

import json
import math
import platform
import sys
import warnings
from pathlib import Path

import numpy as np
import sklearn
from sklearn.metrics import (
    accuracy_score,
    balanced_accuracy_score,
    classification_report,
    confusion_matrix,
    multilabel_confusion_matrix,
    precision_recall_fscore_support,
)

GENERATOR_NAME = "Tests/Reference/reference_metrics.py"
FILENAME = "metrics.json"
ZERO_DIVISIONS = {"0": 0.0, "1": 1.0, "nan": np.nan}

CONVENTIONS = (
    "Counts and labels compare exactly; floats within 1e-12 absolute (LatentMetrics sums in NumPy's "
    "pairwise order, so most agree to the last bit). Non-finite floats are the strings 'nan', 'inf', "
    "'-inf'. 'labels' is passed to confusion_matrix, multilabel_confusion_matrix, "
    "precision_recall_fscore_support and classification_report; accuracy and balanced accuracy take "
    "none. An output {'error', 'message'} means scikit-learn raised; 'error' names the MetricsError "
    "case Swift must throw. Report texts are classification_report(output_dict=False) verbatim."
)

# scikit-learn's error messages, mapped to the MetricsError case Latent throws.
ERROR_CASES = [
    ("inconsistent numbers of samples", "lengthMismatch"),
    ("Found empty input array", "emptyInput"),
    ("At least one label specified must be in y_true", "noLabelInTruth"),
]

STRING_VOCABULARY = [
    "ant", "bee", "cat", "dog", "eel", "fox", "gnu", "hen", "ibis", "jay",
    "Koala", "lynx", "moth", "newt", "a longer label name", "émeu",
]


# MARK: - JSON


def finite_or_string(x):
    """A float as JSON allows it: finite values as they are, others as 'nan', 'inf', '-inf'."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def floats(values) -> list:
    return [finite_or_string(v) for v in np.asarray(values, dtype=np.float64).reshape(-1)]


def float_matrix(m) -> list:
    return [floats(row) for row in np.asarray(m, dtype=np.float64)]


def ints(values) -> list:
    out = []
    for v in np.asarray(values).reshape(-1):
        assert float(v) == int(v), v
        out.append(int(v))
    return out


def plain_labels(values, label_type: str) -> list:
    return [int(v) for v in values] if label_type == "int" else [str(v) for v in values]


def outcome(compute):
    """compute(), or {"error", "message"} when scikit-learn raises a ValueError we map."""
    try:
        return compute()
    except ValueError as error:
        message = str(error)
        for fragment, swift_case in ERROR_CASES:
            if fragment in message:
                return {"error": swift_case, "message": message}
        raise


# MARK: - One case


def report_data(report: dict, names: list[str]) -> dict:
    """classification_report(output_dict=True) as an ordered structure.

    The dict's class entries are read by target name in label order (names are unique in
    every case here), the average entries by their scikit-learn keys.
    """
    def row(name: str, entry: dict) -> dict:
        return {
            "name": name,
            "precision": finite_or_string(entry["precision"]),
            "recall": finite_or_string(entry["recall"]),
            "f1_score": finite_or_string(entry["f1-score"]),
            "support": int(entry["support"]),
        }

    assert len(set(names)) == len(names)
    return {
        "classes": [row(name, report[name]) for name in names],
        "accuracy": finite_or_string(report["accuracy"]) if "accuracy" in report else None,
        "micro_avg": row("micro avg", report["micro avg"]) if "micro avg" in report else None,
        "macro_avg": row("macro avg", report["macro avg"]),
        "weighted_avg": row("weighted avg", report["weighted avg"]),
    }


def make_case(name: str, note: str, truth, predictions, labels=None, label_type: str = "int",
              betas=(1.0,), report_digits=(2,)) -> dict:
    truth = plain_labels(truth, label_type)
    predictions = plain_labels(predictions, label_type)
    labels = plain_labels(labels, label_type) if labels is not None else None
    # Arrays keep integer labels integer and string labels unicode, as a user would pass them.
    y_true = np.asarray(truth, dtype=np.int64 if label_type == "int" else None)
    y_pred = np.asarray(predictions, dtype=np.int64 if label_type == "int" else None)
    if label_type == "string":
        y_true = np.asarray(truth, dtype=str) if truth else np.asarray([], dtype=str)
        y_pred = np.asarray(predictions, dtype=str) if predictions else np.asarray([], dtype=str)
    label_kwargs = {} if labels is None else {"labels": labels}

    def inferred():
        if len(truth) != len(predictions) or not truth:
            return None
        return plain_labels(sklearn.utils.multiclass.unique_labels(y_true, y_pred), label_type)

    def matrix():
        counts = confusion_matrix(y_true, y_pred, **label_kwargs)
        out = {"counts": [ints(row) for row in counts]}
        for normalize in ("true", "pred", "all"):
            normalized = confusion_matrix(y_true, y_pred, normalize=normalize, **label_kwargs)
            out[normalize] = float_matrix(normalized)
        return out

    def multilabel():
        mcm = multilabel_confusion_matrix(y_true, y_pred, **label_kwargs)
        return {
            "true_negatives": ints(mcm[:, 0, 0]),
            "false_positives": ints(mcm[:, 0, 1]),
            "false_negatives": ints(mcm[:, 1, 0]),
            "true_positives": ints(mcm[:, 1, 1]),
        }

    def scores():
        out = []
        for beta in betas:
            for key, zero_division in ZERO_DIVISIONS.items():
                p, r, f, s = precision_recall_fscore_support(
                    y_true, y_pred, beta=beta, average=None, zero_division=zero_division, **label_kwargs)
                entry = {
                    "beta": finite_or_string(beta),
                    "zero_division": key,
                    "per_class": {"precision": floats(p), "recall": floats(r), "f_score": floats(f),
                                  "support": ints(s)},
                }
                for average in ("micro", "macro", "weighted"):
                    p, r, f, _ = precision_recall_fscore_support(
                        y_true, y_pred, beta=beta, average=average, zero_division=zero_division,
                        **label_kwargs)
                    entry[average] = {"precision": finite_or_string(p), "recall": finite_or_string(r),
                                      "f_score": finite_or_string(f)}
                out.append(entry)
        return out

    def reports():
        out = []
        for key, zero_division in ZERO_DIVISIONS.items():
            report = classification_report(
                y_true, y_pred, output_dict=True, zero_division=zero_division, **label_kwargs)
            names = [str(label) for label in (labels if labels is not None else inferred())]
            for digits in report_digits:
                text = classification_report(
                    y_true, y_pred, digits=digits, zero_division=zero_division, **label_kwargs)
                out.append({"zero_division": key, "digits": digits, "text": text,
                            "data": report_data(report, names)})
        return out

    with warnings.catch_warnings():
        # UndefinedMetricWarning, "y_pred contains classes not in y_true", single-label and
        # division-by-zero warnings: the values are what we store.
        warnings.simplefilter("ignore")
        return {
            "name": name,
            "note": note,
            "label_type": label_type,
            "truth": truth,
            "predictions": predictions,
            "labels": labels,
            "inferred_labels": inferred(),
            "confusion_matrix": outcome(matrix),
            "multilabel_confusion": outcome(multilabel),
            "scores": outcome(scores),
            "accuracy": outcome(lambda: finite_or_string(accuracy_score(y_true, y_pred))),
            "balanced_accuracy": outcome(lambda: finite_or_string(balanced_accuracy_score(y_true, y_pred))),
            "balanced_accuracy_adjusted": outcome(
                lambda: finite_or_string(balanced_accuracy_score(y_true, y_pred, adjusted=True))),
            "reports": outcome(reports),
        }


# MARK: - Random cases


def random_labels(rng: np.random.Generator, classes: list, samples: int, accuracy: float,
                  extra_predicted: list = ()) -> tuple[list, list]:
    """Truth drawn with uneven class frequencies; each prediction is right with probability
    `accuracy`, otherwise a uniformly drawn label (possibly one only ever predicted)."""
    weights = rng.uniform(0.2, 1.0, len(classes))
    truth_indices = rng.choice(len(classes), size=samples, p=weights / weights.sum())
    truth = [classes[i] for i in truth_indices]
    wrong_pool = list(classes) + list(extra_predicted)
    predictions = []
    for label in truth:
        if rng.uniform() < accuracy:
            predictions.append(label)
        else:
            predictions.append(wrong_pool[int(rng.integers(len(wrong_pool)))])
    return truth, predictions


def random_cases() -> list:
    # (seed, label type, classes, samples, accuracy, extra predicted-only labels, labels mode, betas, digits)
    integer_sets = {
        "consecutive": lambda k: list(range(k)),
        "sparse": lambda k: [-7, -1, 0, 3, 4, 10, 25, 99, 100, 256, 1000, 4096][:k],
    }
    specs = [
        (1001, "int", "consecutive", 2, 40, 0.8, [], None, (1.0, 2.0), (2, 4)),
        (1002, "int", "consecutive", 3, 20, 0.5, [], None, (1.0,), (2,)),
        (1003, "int", "sparse", 4, 120, 0.6, [], None, (1.0,), (2,)),
        (1004, "int", "consecutive", 5, 300, 0.7, [5], None, (1.0,), (2, 3)),
        (1005, "int", "sparse", 6, 80, 0.3, [], "reversed", (1.0,), (2,)),
        (1006, "int", "consecutive", 7, 150, 0.55, [], None, (1.0, 0.5), (2,)),
        (1007, "int", "sparse", 8, 60, 0.4, [2048], None, (1.0,), (2,)),
        (1008, "int", "consecutive", 10, 250, 0.65, [], "subset", (1.0,), (2,)),
        (1009, "int", "sparse", 12, 200, 0.5, [], None, (1.0,), (2, 5)),
        (1010, "int", "consecutive", 12, 30, 0.25, [], "superset", (1.0,), (2,)),
        (1011, "string", None, 2, 25, 0.6, [], None, (1.0,), (2,)),
        (1012, "string", None, 4, 100, 0.7, ["zebra"], None, (1.0, 2.0), (2,)),
        (1013, "string", None, 6, 180, 0.5, [], "reversed", (1.0,), (3,)),
        (1014, "string", None, 9, 220, 0.6, [], None, (1.0,), (2,)),
        (1015, "string", None, 12, 300, 0.45, [], "subset", (1.0,), (2,)),
        (1016, "string", None, 16, 280, 0.6, [], None, (1.0,), (2, 1)),
    ]
    cases = []
    for seed, label_type, integer_set, k, samples, accuracy, extra, labels_mode, betas, digits in specs:
        rng = np.random.default_rng(seed)
        if label_type == "int":
            classes = integer_sets[integer_set](k)
        else:
            classes = [STRING_VOCABULARY[i] for i in sorted(rng.choice(len(STRING_VOCABULARY), k, replace=False))]
            if k == len(STRING_VOCABULARY):
                classes = list(STRING_VOCABULARY)
        truth, predictions = random_labels(rng, classes, samples, accuracy, extra)
        present = sorted(set(truth) | set(predictions))
        if labels_mode is None:
            labels = None
        elif labels_mode == "reversed":
            labels = present[::-1]
        elif labels_mode == "subset":
            labels = [present[i] for i in sorted(rng.choice(len(present), len(present) // 2, replace=False))]
            labels = labels[::-1]
        elif labels_mode == "superset":
            labels = present + [5000]
        name = f"random/{label_type}-{k}-classes-{samples}-samples-seed{seed}"
        if labels_mode:
            name += f"-labels-{labels_mode}"
        note = (f"{k} classes ({label_type}), {samples} samples, predictions right with probability "
                f"{accuracy}" + (f", predicted-only labels {extra}" if extra else "")
                + (f"; labels given ({labels_mode})" if labels_mode else "; labels inferred (sorted)"))
        cases.append(make_case(name, note, truth, predictions, labels, label_type, betas, digits))
    return cases


# MARK: - Edge cases


def edge_cases() -> list:
    return [
        make_case("edge/class-never-predicted",
                  "Class 2 occurs in truth but is never predicted: precision zero-division, recall 0, F 0.",
                  [0, 1, 2, 2, 1, 0, 2], [0, 1, 1, 0, 1, 0, 1]),
        make_case("edge/predicted-label-absent-from-truth",
                  "Label 9 is predicted but never true: recall zero-division; balanced accuracy leaves it out.",
                  [0, 1, 1, 0, 1], [0, 9, 1, 9, 1]),
        make_case("edge/one-class-only",
                  "Truth and predictions are all 'cat': 1x1 matrix; adjusted balanced accuracy is 0/0 = nan.",
                  ["cat"] * 5, ["cat"] * 5, label_type="string"),
        make_case("edge/one-true-class-two-predicted",
                  "One true class, some predictions wrong: adjusted balanced accuracy divides by 0 (-inf).",
                  [1, 1, 1, 1], [1, 2, 1, 2]),
        make_case("edge/all-wrong",
                  "Every prediction is wrong: all true positives 0, accuracy 0.",
                  [0, 1, 2, 0, 1, 2], [1, 2, 0, 2, 0, 1], report_digits=(2, 0)),
        make_case("edge/labels-in-neither",
                  "Labels 5 and 6 occur nowhere: confusion_matrix raises; every score is the "
                  "zero-division value; weighted average falls back to the plain mean (all support 0).",
                  [1, 2, 1], [1, 2, 2], labels=[5, 6]),
        make_case("edge/labels-only-in-predictions",
                  "Label 9 is only predicted: confusion_matrix raises (no label in y_true); scores work.",
                  [1, 2, 1], [9, 2, 9], labels=[9]),
        make_case("edge/labels-partly-absent",
                  "Label 7 occurs nowhere: its row and column are 0, normalised entries 0 (not nan).",
                  [0, 1, 1, 0, 2], [0, 1, 0, 0, 2], labels=[0, 1, 7]),
        make_case("edge/labels-subset-drops-samples",
                  "Labels [2, 0] leave out 1: the matrix drops samples with label 1 (true or predicted); "
                  "scores still count them as negatives; the report has a 'micro avg' row.",
                  [0, 1, 2, 2, 1, 0, 0], [0, 2, 2, 1, 1, 1, 0], labels=[2, 0]),
        make_case("edge/labels-string-superset",
                  "String labels with an extra label that never occurs, given in a custom order.",
                  ["b", "a", "b", "c"], ["b", "b", "b", "c"], labels=["c", "zz", "a", "b"], label_type="string"),
        make_case("edge/binary-zero-one",
                  "Binary 0/1 labels: average=None still scores both classes.",
                  [0, 1, 1, 0, 1, 1, 0, 0], [0, 1, 0, 0, 1, 1, 1, 0]),
        make_case("edge/beta-zero-and-infinity",
                  "beta = 0 gives precision, beta = inf gives recall (with their zero-division rules).",
                  [0, 1, 2, 2, 0, 3], [0, 2, 2, 1, 0, 0], betas=(0.0, math.inf, 0.5, 3.0)),
        make_case("edge/single-sample",
                  "One sample, predicted wrongly: two labels, each with one undefined score.",
                  [4], [7]),
        make_case("edge/empty-input", "Empty truth and predictions: every function raises.", [], []),
        make_case("edge/length-mismatch", "Three true labels, two predictions: every function raises.",
                  [0, 1, 1], [0, 1]),
        make_case("edge/length-mismatch-one-empty",
                  "Lengths are checked before emptiness: 0 vs 1 is a length mismatch.", [], [1]),
    ]


# MARK: - Writing


def payload() -> dict:
    return {
        "generator": GENERATOR_NAME,
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "scikit-learn": sklearn.__version__},
        "conventions": CONVENTIONS,
        "cases": random_cases() + edge_cases(),
    }


def write(fixtures_dir: Path) -> Path:
    """Writes fixtures_dir/metrics.json and returns its path."""
    if sklearn.__version__ != "1.9.1":
        raise SystemExit(f"reference_metrics.py needs scikit-learn 1.9.1, found {sklearn.__version__}")
    fixtures_dir = Path(fixtures_dir)
    fixtures_dir.mkdir(parents=True, exist_ok=True)
    path = fixtures_dir / FILENAME
    text = json.dumps(payload(), separators=(",", ":"), sort_keys=True, allow_nan=False, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    written = write(Path(__file__).resolve().parent / "Fixtures")
    print(f"wrote {written} ({written.stat().st_size:,} bytes)")
    sys.exit(0)
