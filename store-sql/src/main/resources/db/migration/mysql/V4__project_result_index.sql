-- issue 17: the UI's app results of a whole project over a time range (TimeSeriesStore.projectAppResults) is one
-- index range scan of the project's recent windows, not one query per endpoint
CREATE INDEX app_results_project_end ON app_results (project, window_end);
