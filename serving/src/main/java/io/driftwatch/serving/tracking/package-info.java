/**
 * The tracking side of serving, the source of the data flow (DESIGN.md §2): samples requests, builds tracking
 * events in the §3 wire format and hands them off the request path to a sink (the server appends them to the
 * event stream). Owns the event codec, the lock-free tracker queue, sampling and tracker statistics.
 */
package io.driftwatch.serving.tracking;
