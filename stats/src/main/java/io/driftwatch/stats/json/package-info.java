/**
 * The statistics JSON (DESIGN.md §5: {@code feature_stats}, {@code current_stats}) that the endpoint store keeps
 * and the query side returns: an exact writer and a lenient reader of feature statistics in MLRun's shape.
 */
package io.driftwatch.stats.json;
