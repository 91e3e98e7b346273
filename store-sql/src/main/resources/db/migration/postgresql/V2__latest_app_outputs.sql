-- Schema version 2: the latest result and metric per (endpoint, application, name) in their own rows, kept by the
-- writes (upsert by primary key when the window is not older), so the UI's overview and the /metrics gauges read a
-- few rows by key instead of ranking an endpoint's whole history. series = sha256 hex of application || '\n' || name
-- (a fixed-width key: MySQL's InnoDB keys are limited to 3,072 bytes). Filled from the history on migration.
CREATE TABLE app_results_latest (project varchar(255) NOT NULL, uid varchar(255) NOT NULL, series char(64) NOT NULL,
  application varchar(255) NOT NULL, name varchar(255) NOT NULL, window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL, value double precision, kind integer NOT NULL, status integer NOT NULL,
  extra_data text, PRIMARY KEY (project, uid, series));
CREATE INDEX app_results_latest_end ON app_results_latest (window_end);

CREATE TABLE app_metrics_latest (project varchar(255) NOT NULL, uid varchar(255) NOT NULL, series char(64) NOT NULL,
  application varchar(255) NOT NULL, name varchar(255) NOT NULL, window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL, value double precision, PRIMARY KEY (project, uid, series));
CREATE INDEX app_metrics_latest_end ON app_metrics_latest (window_end);

INSERT INTO app_results_latest
  SELECT DISTINCT ON (project, uid, application, name) project, uid,
         encode(sha256(convert_to(application || E'\n' || name, 'UTF8')), 'hex'), application, name, window_start,
         window_end, value, kind, status, extra_data
  FROM app_results ORDER BY project, uid, application, name, window_end DESC, seq DESC;

INSERT INTO app_metrics_latest
  SELECT DISTINCT ON (project, uid, application, name) project, uid,
         encode(sha256(convert_to(application || E'\n' || name, 'UTF8')), 'hex'), application, name, window_start,
         window_end, value
  FROM app_metrics ORDER BY project, uid, application, name, window_end DESC, seq DESC;
