-- Schema version 7 (issue 17): the secondary indexes of endpoints no longer start with project, so the primary key
-- (project, uid) is the only index a lookup by project and uid can use.
-- On a table autovacuum has not analysed yet (a new database, a project filled in the last minute) PostgreSQL
-- estimates every such lookup at one row whatever the index, and picked endpoints_function (project, function_name)
-- with the uid as a filter: every get, update and lock of one endpoint read the whole project (measured on 10,000
-- endpoints never analysed: 9,999 rows read, 13 ms, for one row), and the processor sink's and the writer's batch
-- reads (one primary-key lookup per uid) too. With (model, project) and (function_name, project) the filters of the
-- endpoint list (project and model, project and function name) still have an index, and the lookups take the key.
DROP INDEX endpoints_model;
DROP INDEX endpoints_function;
CREATE INDEX endpoints_model ON endpoints (model, project);
CREATE INDEX endpoints_function ON endpoints (function_name, project);
