-- Schema version 9 (issue 17): a window's statistics written once, in its app_results history row. Before, every
-- analysed window wrote general_drift's ~9 KB extra_data three times: the history row, the latest row
-- (app_results_latest.extra_data) and, as current_stats (~8 KB), the endpoint's drift row; each rewrite of a TOASTed
-- value in the keyed tables cost a TOAST insert, dead TOAST tuples to vacuum and an lz4 compression.
-- 1. A latest row whose extra_data is longer than 2,048 characters holds extra_seq, the seq of its history row,
--    and NULL in extra_data (HistoryExtra); shorter ones keep extra_data inline with extra_seq NULL.
-- 2. A drift row whose statistics are that window's result's current_stats holds stats_seq and NULL in
--    current_stats. Before the history row expires (retention, deletion of the endpoint's time series) the
--    statistics are copied into the drift row.
-- Rows written before keep their inline copies (both columns NULL) and read as before: no backfill.
-- Neither column is indexed: both change with every window, and an indexed column would end the HOT updates of
-- version 6 (the readers go from these rows to app_results by its primary key).
ALTER TABLE app_results_latest ADD COLUMN extra_seq bigint;
ALTER TABLE endpoint_drift ADD COLUMN stats_seq bigint, ALTER COLUMN current_stats DROP NOT NULL;
