/**
 * The event stream on Kafka ({@code --stream-path kafka://…}, DESIGN.md §13): {@link
 * io.driftwatch.stream.kafka.KafkaStreamProvider} opens it through the backend loader.
 */
package io.driftwatch.stream.kafka;
