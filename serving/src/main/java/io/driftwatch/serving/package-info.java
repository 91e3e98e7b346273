/**
 * Model serving before the data flow (DESIGN.md §2): serving functions that answer Open Inference Protocol
 * requests and emit one tracking event per request into the event stream. Owns the function and model specs, the
 * deployed functions and their REST routes.
 */
package io.driftwatch.serving;
