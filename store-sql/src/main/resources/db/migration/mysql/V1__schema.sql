-- Driftwatch SQL store, schema version 1 (MySQL 8 / MariaDB 10.6+). The same logical schema as
-- ../postgresql/V1__schema.sql: same tables, columns and keys; times are DATETIME(6) in UTC, JSON documents are
-- text; keys compare byte-wise (utf8mb4_bin) as on PostgreSQL. The time series are not partitioned here:
-- indexed (endpoint, time) and (time), retention deletes in bounded chunks.

CREATE TABLE projects (name varchar(255) PRIMARY KEY, created datetime(6) NOT NULL)
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE models (project varchar(255) NOT NULL, name varchar(255) NOT NULL, version varchar(255) NOT NULL,
  framework text, label_column text, model_path text, feature_names mediumtext NOT NULL,
  label_names mediumtext NOT NULL, feature_stats longtext NOT NULL, created datetime(6),
  seq bigint NOT NULL AUTO_INCREMENT UNIQUE, PRIMARY KEY (project, name, version))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE monitoring_settings (project varchar(255) PRIMARY KEY, enabled boolean NOT NULL,
  base_period varchar(64) NOT NULL, base_period_seconds double NOT NULL, credentials text NOT NULL,
  reanalyze_late boolean NOT NULL, updated datetime(6) NOT NULL)
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE applications (project varchar(255) NOT NULL, name varchar(255) NOT NULL, class_name text NOT NULL,
  jar text, params text NOT NULL, created datetime(6), PRIMARY KEY (project, name))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE endpoints (project varchar(255) NOT NULL, uid varchar(255) NOT NULL, model varchar(512),
  function_uri varchar(1024), function_tagged varchar(1024), function_name varchar(512), labels text NOT NULL,
  first_request datetime(6), last_request datetime(6), error_count bigint NOT NULL, late_rows bigint NOT NULL,
  pending_late mediumtext NOT NULL, metrics text NOT NULL, spec mediumtext NOT NULL, feature_stats longtext NOT NULL,
  updated datetime(6) NOT NULL, PRIMARY KEY (project, uid), INDEX endpoints_model (project, model),
  INDEX endpoints_function (project, function_name))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE endpoint_drift (project varchar(255) NOT NULL, uid varchar(255) NOT NULL, drift_status integer,
  drift_measures mediumtext NOT NULL, current_stats longtext NOT NULL, updated datetime(6) NOT NULL,
  PRIMARY KEY (project, uid))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE monitoring_schedules (project varchar(255) NOT NULL, uid varchar(255) NOT NULL,
  application varchar(255) NOT NULL, last_analyzed datetime(6) NOT NULL, PRIMARY KEY (project, uid, application))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE processor_offsets (stream varchar(255) NOT NULL, partition_id integer NOT NULL,
  next_offset bigint NOT NULL, PRIMARY KEY (stream, partition_id))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE predictions (seq bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, project varchar(255) NOT NULL,
  uid varchar(255) NOT NULL, time datetime(6) NOT NULL, latency_us bigint NOT NULL, row_count integer NOT NULL,
  custom_metrics text, INDEX predictions_endpoint_time (project, uid, time), INDEX predictions_time (time))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE errors (seq bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, project varchar(255) NOT NULL,
  uid varchar(255) NOT NULL, time datetime(6) NOT NULL, kind text, message text,
  INDEX errors_endpoint_time (project, uid, time), INDEX errors_time (time))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE app_results (seq bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, project varchar(255) NOT NULL,
  uid varchar(255) NOT NULL, application varchar(255) NOT NULL, window_start datetime(6) NOT NULL,
  window_end datetime(6) NOT NULL, name varchar(255) NOT NULL, value double, kind integer NOT NULL,
  status integer NOT NULL, extra_data mediumtext, INDEX app_results_endpoint_end (project, uid, window_end),
  INDEX app_results_end (window_end))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE app_metrics (seq bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, project varchar(255) NOT NULL,
  uid varchar(255) NOT NULL, application varchar(255) NOT NULL, window_start datetime(6) NOT NULL,
  window_end datetime(6) NOT NULL, name varchar(255) NOT NULL, value double,
  INDEX app_metrics_endpoint_end (project, uid, window_end), INDEX app_metrics_end (window_end))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE alert_configs (project varchar(255) NOT NULL, name varchar(255) NOT NULL, config mediumtext NOT NULL,
  updated datetime(6) NOT NULL, PRIMARY KEY (project, name))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE alert_activations (project varchar(255) NOT NULL, id varchar(255) NOT NULL,
  alert varchar(255) NOT NULL, time datetime(6) NOT NULL, active boolean NOT NULL, endpoints mediumtext NOT NULL,
  activation mediumtext NOT NULL, PRIMARY KEY (project, id), INDEX alert_activations_time (project, time),
  INDEX alert_activations_retention (time))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE access_keys (id varchar(255) PRIMARY KEY, project varchar(255) NOT NULL, role varchar(64) NOT NULL,
  hash text NOT NULL, created datetime(6) NOT NULL, INDEX access_keys_project (project, created))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE audit_log (seq bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, time datetime(6) NOT NULL,
  actor varchar(255) NOT NULL, role varchar(64), method varchar(16) NOT NULL, route text NOT NULL,
  project varchar(255), status integer NOT NULL, remote varchar(255) NOT NULL, INDEX audit_log_time (time),
  INDEX audit_log_project_time (project, time))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
