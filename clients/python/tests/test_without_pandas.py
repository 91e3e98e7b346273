"""The core works with the standard library only: without pandas, answers are plain lists and dicts."""

import subprocess
import sys
import textwrap
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def test_client_and_apps_without_pandas(server_url):
    script = textwrap.dedent(f"""
        import sys
        sys.modules["pandas"] = None    # import pandas now fails
        sys.modules["pyarrow"] = None
        sys.path.insert(0, {str(PACKAGE_ROOT)!r})
        import driftwatch
        from driftwatch.apps import MonitoringApplicationContext
        p = driftwatch.get_or_create_project("no-pandas", url={server_url!r})
        p.log_model("m", training_set=b"a,b,label\\n1,2,0\\n3,4,1\\n", label_column="label")
        assert p.list_model_endpoints() == []
        ep = p.client.http.call("POST", "/projects/no-pandas/model-endpoints",
                                {{"spec": {{"function_uri": "no-pandas/f", "model": "m"}}}})
        uid = ep["metadata"]["uid"]
        assert p.get_model_endpoint_monitoring_metrics(uid) == []
        assert p.list_model_endpoint_results(uid) == []
        assert p.read_endpoint_data(uid, format="json") == []
        ctx = MonitoringApplicationContext({{"sample": {{"a": [1, 2]}}, "start_infer_time": "2026-01-01T00:00:00Z"}})
        assert ctx.sample_df == {{"a": [1, 2]}}, ctx.sample_df
        try:
            p.read_endpoint_data(uid)
        except ImportError as e:
            assert "pandas" in str(e)
            print("ok")
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok")
