/**
 * Model performance: realized metrics on labelled rows ({@link io.driftwatch.stats.performance.ClassificationMetrics},
 * {@link io.driftwatch.stats.performance.RegressionMetrics}), equal to scikit-learn 1.9 to 1e-9 on the fixtures of
 * {@code stats/src/test/python/performance_oracle.py}, and estimated metrics without labels
 * ({@link io.driftwatch.stats.performance.Cbpe}, NannyML's confidence-based performance estimation).
 * Definitions, edge cases and the estimator's assumptions: {@code docs/performance.md}.
 */
package io.driftwatch.stats.performance;
