/**
 * The web UI (query side of DESIGN.md §2): its static single-page assets and the read-only aggregations it shows
 * (endpoint summaries, overview, app results) under {@code /projects/{p}/ui}.
 */
package io.driftwatch.server.ui;
