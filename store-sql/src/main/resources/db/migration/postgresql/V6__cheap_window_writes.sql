-- Schema version 6 (issue 17): cheaper per-window writes of the controller. Every analysed window upserts its
-- latest result/metric rows, its endpoint_drift row and its monitoring_schedules rows by primary key.
-- 1. The latest tables lose their window_end index (read only by retention, which now scans them: one row per
--    endpoint x application x name, e.g. 130,000 rows at 10,000 endpoints; the UI and the writer read them by key).
--    With no indexed column changing, an upsert is a HOT update: no index entries written, none left to vacuum.
DROP INDEX app_results_latest_end;
DROP INDEX app_metrics_latest_end;
-- 2. Free space in the pages of the rows rewritten every window, so the new version fits on the old one's page (HOT).
ALTER TABLE app_results_latest SET (fillfactor = 70);
ALTER TABLE app_metrics_latest SET (fillfactor = 70);
ALTER TABLE endpoint_drift SET (fillfactor = 70);
ALTER TABLE monitoring_schedules SET (fillfactor = 70);
-- 3. The large JSON columns (general_drift's extra_data ~9 KB, current_stats ~8 KB per window) compressed with lz4
--    instead of pglz: several times less CPU per value written and read. Values written before keep pglz (both are
--    read transparently). PostgreSQL 14+ built with lz4 only: elsewhere this step is skipped and pglz stays.
DO $$
BEGIN
  EXECUTE 'ALTER TABLE app_results ALTER COLUMN extra_data SET COMPRESSION lz4';
  EXECUTE 'ALTER TABLE app_results_latest ALTER COLUMN extra_data SET COMPRESSION lz4';
  EXECUTE 'ALTER TABLE endpoint_drift ALTER COLUMN current_stats SET COMPRESSION lz4, '
       || 'ALTER COLUMN drift_measures SET COMPRESSION lz4';
EXCEPTION WHEN syntax_error OR feature_not_supported THEN
  RAISE NOTICE 'lz4 column compression not available (%): pglz kept', SQLERRM;
END $$;
