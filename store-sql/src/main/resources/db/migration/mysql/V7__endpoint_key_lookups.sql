-- Schema version 7 (issue 17, see ../postgresql/V7__endpoint_key_lookups.sql): the secondary indexes of endpoints
-- lead with model and function_name instead of project, as on PostgreSQL (the same logical schema for both; MySQL and
-- MariaDB pick the primary key for a lookup by project and uid either way).
ALTER TABLE endpoints DROP INDEX endpoints_model, DROP INDEX endpoints_function,
  ADD INDEX endpoints_model (model, project), ADD INDEX endpoints_function (function_name, project);
