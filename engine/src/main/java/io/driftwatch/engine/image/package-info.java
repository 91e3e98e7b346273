/**
 * Image inputs (issue 15, point 6): in the stream processor's row assembly (DESIGN.md §2, processor → sample store)
 * an input value that is an image — a nested array of height × width (× channels) numbers, or a base64 PNG/JPEG
 * string — becomes one feature with derived statistics, stored as numeric columns {@code {feature}.width},
 * {@code .height}, {@code .channels}, {@code .brightness}, {@code .contrast} and {@code .channel_{i}_mean}; the
 * controller completes the endpoint's reference statistics with these columns from the first window they appear in.
 * Owns the detection, decoding and the statistics; nothing here touches a store.
 */
package io.driftwatch.engine.image;
