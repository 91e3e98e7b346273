-- Schema version 6 (issue 17, see ../postgresql/V6__cheap_window_writes.sql): the latest tables lose their
-- window_end index (read only by retention, which now scans them: one row per endpoint x application x name), so
-- the per-window upsert of a latest row changes no secondary index (InnoDB: no delete-mark and insert of an index
-- entry per row and window).
DROP INDEX app_results_latest_end ON app_results_latest;
DROP INDEX app_metrics_latest_end ON app_metrics_latest;
