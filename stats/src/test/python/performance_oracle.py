#!/usr/bin/env python3
"""Reference values for io.driftwatch.stats.performance (PerformanceOracleTest), computed with scikit-learn.

Regenerate (deterministic: fixed seeds; numpy 2.x / scikit-learn 1.9.1 were used):

    PIP_INDEX_URL=$(python3 -m pip config list | grep -o "file://[^' ]*" | head -1) python3 -m pip install scikit-learn
    cd stats && python3 src/test/python/performance_oracle.py
    # writes src/test/resources/fixtures/performance.json; commit it with this script

Definitions (the Java side states the same in ClassificationMetrics / RegressionMetrics):
- classes = sorted unique labels of y_true and y_pred (sklearn.utils.multiclass.unique_labels);
  the probability columns are over `proba_classes` (given per case, sorted).
- precision/recall/f1 with average='macro'|'weighted' and the default zero_division ("warn" -> 0).
- log_loss(y_true, proba, labels=proba_classes).
- roc_auc: two classes -> roc_auc_score(y_true, proba[:, 1]); more -> roc_auc_score(y_true, proba,
  multi_class='ovr', average='macro', labels=proba_classes).  nan (undefined) is written as null.
- isotonic: IsotonicRegression(y_min=0, y_max=1, out_of_bounds='clip').fit(scores, outcomes).predict(queries)
- regression: mean_absolute_error, root_mean_squared_error, mean_absolute_percentage_error, r2_score.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn import metrics as M

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "performance.json")
warnings.filterwarnings("ignore")


def num(x):
    x = float(x)
    return None if np.isnan(x) else x


def proba_for(rng, y_true, classes, skill):
    """Probabilities that favour the true class with strength `skill`, rows summing to 1."""
    logits = rng.normal(size=(len(y_true), len(classes)))
    for i, y in enumerate(y_true):
        if y in classes:
            logits[i, classes.index(y)] += skill
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def classification(name, y_true, y_pred, proba=None, proba_classes=None):
    case = {"name": name, "task": "classification", "y_true": [str(v) for v in y_true],
            "y_pred": [str(v) for v in y_pred]}
    labels = M._classification.unique_labels(np.array(y_true), np.array(y_pred))
    case["classes"] = [str(c) for c in labels]
    exp = {
        "accuracy": num(M.accuracy_score(y_true, y_pred)),
        "precision_macro": num(M.precision_score(y_true, y_pred, average="macro")),
        "recall_macro": num(M.recall_score(y_true, y_pred, average="macro")),
        "f1_macro": num(M.f1_score(y_true, y_pred, average="macro")),
        "f1_weighted": num(M.f1_score(y_true, y_pred, average="weighted")),
    }
    p, r, f, s = M.precision_recall_fscore_support(y_true, y_pred, labels=labels)
    case["per_class"] = {str(c): {"precision": float(p[k]), "recall": float(r[k]), "f1": float(f[k]),
                                  "support": float(s[k])} for k, c in enumerate(labels)}
    case["confusion"] = M.confusion_matrix(y_true, y_pred, labels=labels).tolist()
    if proba is not None:
        case["proba"] = np.asarray(proba).tolist()
        case["proba_classes"] = [str(c) for c in proba_classes]
        exp["log_loss"] = num(M.log_loss(y_true, proba, labels=proba_classes))
        if len(proba_classes) == 2:
            auc = M.roc_auc_score(np.array(y_true) == proba_classes[1], np.asarray(proba)[:, 1]) \
                if len(set(y_true)) == 2 else float("nan")
        else:
            auc = M.roc_auc_score(y_true, proba, multi_class="ovr", average="macro", labels=proba_classes)
        exp["roc_auc"] = num(auc)
    case["expected"] = exp
    return case


def regression(name, y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return {"name": name, "task": "regression", "y_true": y_true.tolist(), "y_pred": y_pred.tolist(),
            "expected": {
                "mae": num(M.mean_absolute_error(y_true, y_pred)),
                "rmse": num(M.root_mean_squared_error(y_true, y_pred)),
                "mape": num(M.mean_absolute_percentage_error(y_true, y_pred)),
                "r2": num(M.r2_score(y_true, y_pred)),
            }}


def isotonic(name, rng, n):
    """IsotonicRegression(y_min=0, y_max=1, out_of_bounds='clip') fitted on scores/outcomes, predicted at queries."""
    from sklearn.isotonic import IsotonicRegression
    scores = np.round(rng.uniform(size=n), 2)  # ties
    outcomes = (rng.uniform(size=n) < scores ** 2).astype(float)
    queries = np.concatenate([[-0.5, 0.0, 1.0, 1.5], rng.uniform(size=40), scores[:10]])
    iso = IsotonicRegression(y_min=0, y_max=1, out_of_bounds="clip").fit(scores, outcomes)
    return {"name": name, "task": "isotonic", "scores": scores.tolist(), "outcomes": outcomes.tolist(),
            "queries": queries.tolist(), "expected": iso.predict(queries).tolist()}


def argmax(proba, classes):
    return [classes[k] for k in np.argmax(proba, axis=1)]


def main():
    rng = np.random.default_rng(20)
    cases = []
    # binary, integer labels, probabilities
    y = list(rng.integers(0, 2, 300))
    pr = proba_for(rng, y, [0, 1], 1.5)
    cases.append(classification("binary_int_proba", y, argmax(pr, [0, 1]), pr, [0, 1]))
    # multi-class strings with probabilities (iris-like)
    cl = ["setosa", "versicolor", "virginica"]
    y = list(rng.choice(cl, 400))
    pr = proba_for(rng, y, cl, 2.0)
    cases.append(classification("multiclass_str_proba", y, argmax(pr, cl), pr, cl))
    # 4 classes, predictions not the argmax (a different decision rule), ties in probabilities
    cl4 = ["a", "b", "c", "d"]
    y = list(rng.choice(cl4, 500, p=[0.5, 0.3, 0.15, 0.05]))
    pr = np.round(proba_for(rng, y, cl4, 1.0), 1)
    pr = pr / pr.sum(axis=1, keepdims=True)
    pred = list(rng.choice(cl4, 500))
    cases.append(classification("four_classes_ties_random_pred", y, pred, pr, cl4))
    # zero division: class 'c' predicted never, class 'd' predicted but never true
    cases.append(classification("zero_division", ["a", "a", "b", "b", "c", "c"], ["a", "b", "b", "d", "a", "b"]))
    # one class only in the labels (roc_auc undefined)
    y = ["1"] * 20
    pr = proba_for(rng, [1] * 20, [0, 1], 0.5)
    cases.append(classification("one_class_only", y, argmax(pr, ["0", "1"]), pr, ["0", "1"]))
    # all correct, one class
    cases.append(classification("one_class_all_correct", ["x"] * 5, ["x"] * 5))
    # numeric labels sorted numerically (2 < 10)
    y = list(rng.choice([2, 10, 33], 60))
    pr = proba_for(rng, y, [2, 10, 33], 1.0)
    cases.append(classification("numeric_order", y, argmax(pr, [2, 10, 33]), pr, [2, 10, 33]))
    # a probability class absent from the labels: multi-class ovr AUC undefined (nan), log loss defined
    y = list(rng.choice(["p", "q"], 50))
    pr = proba_for(rng, y, ["p", "q", "r"], 1.0)
    cases.append(classification("proba_class_absent", y, argmax(pr, ["p", "q", "r"]), pr, ["p", "q", "r"]))
    # probabilities of exactly 0 and 1 (log loss clipping)
    cases.append(classification("clipped_proba", [0, 1, 1, 0], [0, 1, 0, 0],
                                [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.7, 0.3]], [0, 1]))
    # regression
    x = rng.normal(size=400)
    yr = 3 * x + rng.normal(scale=0.5, size=400) + 10
    cases.append(regression("regression_random", yr, 3 * x + 10))
    cases.append(regression("regression_constant_labels", [2.0] * 10, list(rng.normal(2, 1, 10))))
    cases.append(regression("regression_constant_perfect", [2.0] * 10, [2.0] * 10))
    cases.append(regression("regression_zero_label", [0.0, 1.0, -2.0, 4.0], [0.5, 1.0, -1.0, 3.0]))
    cases.append(regression("regression_one_row", [1.0], [2.0]))
    cases.append(regression("regression_negative_r2", [1.0, 2.0, 3.0], [3.0, 1.0, 5.0]))
    cases.append(isotonic("isotonic_ties", rng, 300))
    cases.append(isotonic("isotonic_small", rng, 7))
    doc = {"generator": "stats/src/test/python/performance_oracle.py", "sklearn": sklearn.__version__,
           "numpy": np.__version__, "cases": cases}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
