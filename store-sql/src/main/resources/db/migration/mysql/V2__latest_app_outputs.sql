-- Schema version 2 (see ../postgresql/V2__latest_app_outputs.sql): the latest result and metric per
-- (endpoint, application, name); series = SHA2(CONCAT(application, '\n', name), 256).
CREATE TABLE app_results_latest (project varchar(255) NOT NULL, uid varchar(255) NOT NULL, series char(64) NOT NULL,
  application varchar(255) NOT NULL, name varchar(255) NOT NULL, window_start datetime(6) NOT NULL,
  window_end datetime(6) NOT NULL, value double, kind integer NOT NULL, status integer NOT NULL,
  extra_data mediumtext, PRIMARY KEY (project, uid, series), INDEX app_results_latest_end (window_end))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE app_metrics_latest (project varchar(255) NOT NULL, uid varchar(255) NOT NULL, series char(64) NOT NULL,
  application varchar(255) NOT NULL, name varchar(255) NOT NULL, window_start datetime(6) NOT NULL,
  window_end datetime(6) NOT NULL, value double, PRIMARY KEY (project, uid, series),
  INDEX app_metrics_latest_end (window_end))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO app_results_latest
  SELECT project, uid, SHA2(CONCAT(application, '\n', name), 256), application, name, window_start, window_end, value,
         kind, status, extra_data
  FROM (SELECT r.*, row_number() OVER (PARTITION BY project, uid, application, name
                                       ORDER BY window_end DESC, seq DESC) AS rn FROM app_results r) v WHERE rn = 1;

INSERT INTO app_metrics_latest
  SELECT project, uid, SHA2(CONCAT(application, '\n', name), 256), application, name, window_start, window_end, value
  FROM (SELECT m.*, row_number() OVER (PARTITION BY project, uid, application, name
                                       ORDER BY window_end DESC, seq DESC) AS rn FROM app_metrics m) v WHERE rn = 1;
