"""Optional pandas/pyarrow support: answers become DataFrames when pandas is installed, plain lists otherwise."""

import io

try:  # pandas is optional
    import pandas as _pd
except ImportError:  # pragma: no cover - exercised only without pandas
    _pd = None


def has_pandas():
    """True when pandas can be imported."""
    return _pd is not None


def table(rows, columns=None):
    """A DataFrame of ``rows`` (dicts) when pandas is present, else the list itself."""
    if _pd is None:
        return rows
    return _pd.DataFrame(rows, columns=columns)


def metric_values(series):
    """The metrics-values answer in long form: one row per window with full_name, type, time, value, status."""
    rows = []
    for s in series:
        for v in s.get("values", []):
            rows.append({"full_name": s.get("full_name"), "type": s.get("type"), "time": v[0], "value": v[1],
                         "status": v[2] if len(v) > 2 else None})
    if _pd is None:
        return rows
    df = _pd.DataFrame(rows, columns=["full_name", "type", "time", "value", "status"])
    df["time"] = _pd.to_datetime(df["time"], utc=True, format="ISO8601")
    return df


def parquet(data):
    """A DataFrame from Parquet bytes (needs pandas and pyarrow)."""
    if _pd is None:
        raise ImportError("read_endpoint_data as a DataFrame needs pandas and pyarrow: pip install pandas pyarrow")
    return _pd.read_parquet(io.BytesIO(data))


def to_training_bytes(training_set):
    """(filename, bytes) for a training set given as a DataFrame, a path (CSV or Parquet) or bytes."""
    if _pd is not None and isinstance(training_set, _pd.DataFrame):
        try:
            buf = io.BytesIO()
            training_set.to_parquet(buf, index=False)
            return "training_set.parquet", buf.getvalue()
        except ImportError:
            return "training_set.csv", training_set.to_csv(index=False).encode()
    if isinstance(training_set, (bytes, bytearray)):
        return "training_set.csv", bytes(training_set)
    path = str(training_set)
    with open(path, "rb") as f:
        return path.replace("\\", "/").rsplit("/", 1)[-1], f.read()
