/**
 * Servable models of the serving functions (before the data flow, DESIGN.md §2): ONNX models, their tensor
 * metadata, and the inference request and response records the Open Inference Protocol carries.
 */
package io.driftwatch.serving.model;
