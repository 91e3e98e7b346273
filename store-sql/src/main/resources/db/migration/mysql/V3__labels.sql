-- ground-truth labels by prediction row (issue 20): upserted, read by the prediction's event time
CREATE TABLE labels (project varchar(255) NOT NULL, uid varchar(255) NOT NULL, request_id varchar(255) NOT NULL,
  row_index integer NOT NULL, prediction_time datetime(6) NOT NULL, label text NOT NULL,
  received_at datetime(6) NOT NULL, PRIMARY KEY (project, uid, request_id, row_index),
  INDEX labels_endpoint_time (project, uid, prediction_time))
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
