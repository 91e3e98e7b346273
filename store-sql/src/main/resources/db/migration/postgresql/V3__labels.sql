-- ground-truth labels by prediction row (issue 20): upserted, read by the prediction's event time
CREATE TABLE labels (project varchar(255) NOT NULL, uid varchar(255) NOT NULL, request_id varchar(255) NOT NULL,
  row_index integer NOT NULL, prediction_time timestamptz NOT NULL, label text NOT NULL,
  received_at timestamptz NOT NULL, PRIMARY KEY (project, uid, request_id, row_index));
CREATE INDEX labels_endpoint_time ON labels (project, uid, prediction_time);
