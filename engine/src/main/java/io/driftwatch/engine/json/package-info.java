/**
 * The JSON form of the model-endpoint record (MLRun's shape, DESIGN.md §4), used where records cross a boundary:
 * the endpoint store keeps it, the query side answers with it. Owns the strict reader (naming unknown and bad
 * fields) and the writer, and embeds the statistics JSON of the stats module.
 */
package io.driftwatch.engine.json;
