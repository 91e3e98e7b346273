/**
 * The Open Inference Protocol v2 JSON codec of the serving functions: parses inference requests and writes
 * responses, naming the field of every bad input. The request and response values become the inputs and outputs
 * of the tracking events that enter the data flow (DESIGN.md §2).
 */
package io.driftwatch.serving.oip;
