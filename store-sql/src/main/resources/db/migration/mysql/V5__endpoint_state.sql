-- issue 17: the controller plans its windows from small columns of every endpoint (active, monitoring_mode,
-- first/last request, pending_late) without reading the records' spec and statistics, and keeps the records it read
-- while reference_version (a content hash of labels, spec and feature_stats, written with the record) is unchanged.
-- Rows written before get them from their JSON (an md5 of those parts: any value that changes with them serves).
ALTER TABLE endpoints ADD COLUMN active boolean, ADD COLUMN monitoring_mode varchar(16),
  ADD COLUMN reference_version varchar(64);
UPDATE endpoints SET active = coalesce(JSON_UNQUOTE(JSON_EXTRACT(spec, '$.active')), 'true') <> 'false',
  monitoring_mode = coalesce(JSON_UNQUOTE(JSON_EXTRACT(spec, '$.monitoring_mode')), 'disabled'),
  reference_version = md5(concat(labels, '|', spec, '|', feature_stats));
