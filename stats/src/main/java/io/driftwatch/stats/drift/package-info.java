/**
 * Statistical drift tests for the applications stage (DESIGN.md §2): KS, chi-square, PSI, Jensen-Shannon and
 * Wasserstein on samples or reference bins, with their thresholds and results. Pure computation.
 */
package io.driftwatch.stats.drift;
