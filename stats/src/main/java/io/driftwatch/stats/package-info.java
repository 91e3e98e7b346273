/**
 * Statistics for the applications stage of the data flow (DESIGN.md §2): profiles of reference and window data
 * (feature statistics, histograms, quantiles) and the histogram drift measures (TVD, Hellinger, KL divergence) of the
 * built-in drift app. Owns frames of columns, binning and the drift report; pure computation, no storage.
 */
package io.driftwatch.stats;
