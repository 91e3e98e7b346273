-- Schema version 8: the reference statistics (feature_stats, ~23 KB of JSON per endpoint, the same for every
-- endpoint of one model version) stored once per distinct content in reference_stats, keyed by the hex SHA-256 of
-- their JSON; endpoints.stats_hash names the row (NULL: no statistics, or a row written before version 8 whose
-- feature_stats column still holds them inline; both read as before). A controller cycle over 10,000 endpoints of
-- one model read 230 MB of feature_stats; now 10,000 short hashes and one ~23 KB row per distinct hash.
-- Rows no endpoint references are deleted with the endpoint that last referenced them (endpoints_stats_hash).
CREATE TABLE reference_stats (hash varchar(64) PRIMARY KEY, stats text NOT NULL);
ALTER TABLE endpoints ADD COLUMN stats_hash varchar(64);
CREATE INDEX endpoints_stats_hash ON endpoints (stats_hash);
-- lz4 as for the other large JSON columns (version 6), where the server has it
DO $$
BEGIN
  EXECUTE 'ALTER TABLE reference_stats ALTER COLUMN stats SET COMPRESSION lz4';
EXCEPTION WHEN syntax_error OR feature_not_supported THEN
  RAISE NOTICE 'lz4 column compression not available (%): pglz kept', SQLERRM;
END $$;
