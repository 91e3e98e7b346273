/**
 * Drift over any range (issue 17 pt 3): an endpoint's cell summaries merged into a range, an hour, a day or a week,
 * and MLRun's histogram drift plus the drift tests against the reference, the preceding range or another range —
 * without reading a row ({@link io.driftwatch.engine.drift.RangeDrift}).
 */
package io.driftwatch.engine.drift;
