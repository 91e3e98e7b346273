#!/usr/bin/python3
"""Train a RandomForest classifier on iris and export it to ONNX without skl2onnx.

Run with Debian's interpreter (python3-sklearn, python3-onnx):

    /usr/bin/python3 examples/iris/train_iris_onnx.py

Writes, next to this script:
  iris.csv            the training set (header sepal_length,sepal_width,petal_length,petal_width,label),
                      reused if it already exists
  iris_rf.onnx        the model: input "input" float[N,4] -> "label" int64[N], "probabilities" float[N,3]
  iris_expected.json  sklearn's predict / predict_proba on every training row (for the Java test)

The converter maps each fitted tree onto one ai.onnx.ml TreeEnsembleClassifier node set:
branch nodes use BRANCH_LEQ (sklearn sends x <= threshold left) with the threshold rounded down to
float32 (so float32 comparisons decide exactly as sklearn's float64 ones), leaves carry the tree's class
distribution divided by the number of trees, so the summed scores equal RandomForest's averaged
predict_proba and the label is their argmax (post_transform NONE).
"""
import csv
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper
from sklearn.datasets import load_iris
from sklearn.ensemble import RandomForestClassifier

HERE = os.path.dirname(os.path.abspath(__file__))
FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
N_TREES = 15
SEED = 0


def load_or_write_training_set(path):
    if not os.path.exists(path):
        iris = load_iris()
        with open(path, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(FEATURES + ["label"])
            for row, label in zip(iris.data, iris.target):
                w.writerow([repr(float(v)) for v in row] + [int(label)])
    with open(path) as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r[c]) for c in FEATURES] for r in rows], dtype=np.float32)
    y = np.array([int(float(r["label"])) for r in rows], dtype=np.int64)
    return x, y


def float32_at_most(threshold):
    """The largest float32 <= the double threshold: for float32 x, x <= t exactly when x <= this value.

    sklearn compares float32 features with float64 thresholds; rounding a threshold to the nearest float32
    could move it across a feature value (iris has a split at 4.8 - 1e-7 that rounds to 4.8f).
    """
    t32 = np.float32(threshold)
    if float(t32) > float(threshold):
        t32 = np.nextafter(t32, np.float32(-np.inf))
    return float(t32)


def tree_attributes(model):
    attrs = {k: [] for k in (
        "nodes_treeids", "nodes_nodeids", "nodes_featureids", "nodes_values", "nodes_modes",
        "nodes_truenodeids", "nodes_falsenodeids", "class_treeids", "class_nodeids",
        "class_ids", "class_weights")}
    n_trees = len(model.estimators_)
    for t, est in enumerate(model.estimators_):
        tree = est.tree_
        for node in range(tree.node_count):
            leaf = tree.children_left[node] == -1
            attrs["nodes_treeids"].append(t)
            attrs["nodes_nodeids"].append(node)
            attrs["nodes_featureids"].append(0 if leaf else int(tree.feature[node]))
            attrs["nodes_values"].append(0.0 if leaf else float32_at_most(tree.threshold[node]))
            attrs["nodes_modes"].append("LEAF" if leaf else "BRANCH_LEQ")
            attrs["nodes_truenodeids"].append(0 if leaf else int(tree.children_left[node]))
            attrs["nodes_falsenodeids"].append(0 if leaf else int(tree.children_right[node]))
            if leaf:
                counts = tree.value[node][0]
                dist = counts / counts.sum()
                for cls, p in enumerate(dist):
                    attrs["class_treeids"].append(t)
                    attrs["class_nodeids"].append(node)
                    attrs["class_ids"].append(cls)
                    attrs["class_weights"].append(float(p) / n_trees)
    return attrs


def to_onnx(model, n_features):
    classes = [int(c) for c in model.classes_]
    node = helper.make_node(
        "TreeEnsembleClassifier", ["input"], ["label", "probabilities"], domain="ai.onnx.ml",
        classlabels_int64s=classes, post_transform="NONE", **tree_attributes(model))
    graph = helper.make_graph(
        [node], "iris_random_forest",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [None, n_features])],
        [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
         helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, len(classes)])])
    m = helper.make_model(graph, producer_name="driftwatch-examples", opset_imports=[
        helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", 1)])
    m.ir_version = 8
    m.doc_string = "RandomForestClassifier(n_estimators=%d, random_state=%d) on iris" % (N_TREES, SEED)
    onnx.checker.check_model(m)
    return m


def main():
    x, y = load_or_write_training_set(os.path.join(HERE, "iris.csv"))
    model = RandomForestClassifier(n_estimators=N_TREES, random_state=SEED).fit(x, y)
    onnx.save(to_onnx(model, x.shape[1]), os.path.join(HERE, "iris_rf.onnx"))
    proba = model.predict_proba(x)
    top = np.sort(proba, axis=1)[:, -2:]
    expected = {
        "model": "iris_rf.onnx",
        "features": FEATURES,
        "labels": [int(v) for v in model.predict(x)],
        "probabilities": [[round(float(p), 9) for p in row] for row in proba],
        "ties": int(np.sum(np.isclose(top[:, 0], top[:, 1]))),
    }
    with open(os.path.join(HERE, "iris_expected.json"), "w") as f:
        json.dump(expected, f, separators=(",", ":"))
        f.write("\n")
    print("trees=%d rows=%d accuracy=%.4f ties=%d" % (
        N_TREES, len(y), float(np.mean(model.predict(x) == y)), expected["ties"]))


if __name__ == "__main__":
    main()
