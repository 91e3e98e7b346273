#!/usr/bin/env python3
"""Runs every query of ../modern/postgres.json and ../modern/mysql.json against a real PostgreSQL and MariaDB/MySQL
holding the SQL store's tables (the columns the dashboards read), with Grafana's macros expanded as Grafana's SQL
datasources expand them. Usage: check_sql_dashboards.py (psql as postgres@127.0.0.1, mysql as root@127.0.0.1).
Exit status 1 when a query fails. Creates and drops the databases dw_grafana_check."""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TABLES = """
CREATE TABLE projects (name varchar(255) PRIMARY KEY);
CREATE TABLE endpoints (project varchar(255) NOT NULL, uid varchar(255) NOT NULL, model varchar(512), PRIMARY KEY (project, uid));
CREATE TABLE predictions (project varchar(255) NOT NULL, uid varchar(255) NOT NULL, time {ts} NOT NULL,
  latency_us bigint NOT NULL, row_count integer NOT NULL, custom_metrics text);
CREATE TABLE errors (project varchar(255) NOT NULL, uid varchar(255) NOT NULL, time {ts} NOT NULL, kind text, message text);
CREATE TABLE app_results (project varchar(255) NOT NULL, uid varchar(255) NOT NULL, application varchar(255) NOT NULL,
  window_start {ts} NOT NULL, window_end {ts} NOT NULL, name varchar(255) NOT NULL, value double precision,
  kind integer NOT NULL, status integer NOT NULL, extra_data text);
INSERT INTO projects VALUES ('p');
INSERT INTO endpoints VALUES ('p', 'u1', 'm');
INSERT INTO predictions VALUES ('p', 'u1', '2026-01-01 10:00:01', 2000, 2, NULL), ('p', 'u1', '2026-01-01 10:00:31', 4000, 1, NULL);
INSERT INTO errors VALUES ('p', 'u1', '2026-01-01 10:00:02', 'model_error', 'x');
INSERT INTO app_results VALUES ('p', 'u1', 'histogram-data-drift', '2026-01-01 09:50:00', '2026-01-01 10:00:00', 'general_drift', 0.8, 0, 2, NULL);
INSERT INTO app_results VALUES ('p', 'u1', 'model-performance', '2026-01-01 09:50:00', '2026-01-01 10:00:00', 'accuracy', 0.9, 2, 0, NULL),
  ('p', 'u1', 'model-performance', '2026-01-01 09:50:00', '2026-01-01 10:00:00', 'estimated_accuracy', 0.88, 2, 0, NULL);
"""
FROM, TO = "2026-01-01 09:00:00", "2026-01-01 11:00:00"


def expand(sql, pg):
    group = ("floor(extract(epoch from time)/60)*60 AS \"time\"" if pg else "UNIX_TIMESTAMP(time) DIV 60 * 60 AS time")
    sql = sql.replace("$__timeGroupAlias(time, $__interval)", group)
    for col in ("time", "window_end"):
        sql = sql.replace("$__timeFilter(%s)" % col, "%s BETWEEN '%s' AND '%s'" % (col, FROM, TO))
    return sql.replace("$__interval_ms", "60000").replace("$project", "p").replace("$endpoint", "'u1'")


def run(pg, sql):
    if pg:
        cmd = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "dw_grafana_check", "-v", "ON_ERROR_STOP=1", "-A", "-t", "-c", sql]
    else:
        cmd = ["mysql", "-h", "127.0.0.1", "-u", "root", "dw_grafana_check", "-N", "-e", sql]
    r = subprocess.run(cmd, capture_output=True, text=True)
    return r.returncode, (r.stdout + r.stderr).strip()


def main():
    failed = passed = 0
    for pg, name in ((True, "postgres"), (False, "mysql")):
        admin = (["psql", "-h", "127.0.0.1", "-U", "postgres", "-c"] if pg else ["mysql", "-h", "127.0.0.1", "-u", "root", "-e"])
        subprocess.run(admin + ["DROP DATABASE IF EXISTS dw_grafana_check"], capture_output=True)
        subprocess.run(admin + ["CREATE DATABASE dw_grafana_check"], check=True, capture_output=True)
        code, out = run(pg, TABLES.format(ts="timestamptz" if pg else "datetime(6)"))
        assert code == 0, out
        d = json.load(open(os.path.join(HERE, "..", "modern", name + ".json")))
        queries = [(p["title"], t["rawSql"]) for p in d["panels"] for t in p["targets"]]
        queries += [(v["name"], v["query"]) for v in d["templating"]["list"]]
        for title, sql in queries:
            code, out = run(pg, expand(sql, pg))
            ok = code == 0 and out != ""
            failed += 0 if ok else 1
            passed += 1 if ok else 0
            print("%-8s %-4s %-32s %s" % (name, "ok" if ok else "FAIL", title, out.replace("\n", " | ")[:120]))
        subprocess.run(admin + ["DROP DATABASE dw_grafana_check"], capture_output=True)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


main()
