-- Schema version 9 (see ../postgresql/V9__history_extra_refs.sql): a latest row with a large extra_data holds
-- extra_seq (the seq of its app_results history row) instead of a copy; a drift row whose statistics are that
-- result's current_stats holds stats_seq instead of a copy (current_stats NULL). Rows written before keep their
-- inline copies; neither column is indexed.
ALTER TABLE app_results_latest ADD COLUMN extra_seq bigint;
ALTER TABLE endpoint_drift ADD COLUMN stats_seq bigint, MODIFY current_stats longtext NULL;
