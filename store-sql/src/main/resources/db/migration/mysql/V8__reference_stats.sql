-- Schema version 8 (see ../postgresql/V8__reference_stats.sql): the reference statistics once per distinct content
-- in reference_stats (hash = hex SHA-256 of their JSON), named by endpoints.stats_hash (NULL: none, or inline in
-- feature_stats as written before version 8).
CREATE TABLE reference_stats (hash varchar(64) NOT NULL PRIMARY KEY, stats longtext NOT NULL)
  ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
ALTER TABLE endpoints ADD COLUMN stats_hash varchar(64), ADD INDEX endpoints_stats_hash (stats_hash);
