package io.driftwatch.server.pyapps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class PythonTaskBrokerTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final PythonTaskBroker broker = new PythonTaskBroker(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    private static ObjectNode task(String endpoint) {
        return NODES.objectNode().put("endpoint_id", endpoint);
    }

    @Test
    void aWorkerTakesTheTaskOfItsAppAndItsAnswerCompletesTheFuture() throws Exception {
        var submitted = broker.submit("p", "count-app", task("e1"));
        assertThat(broker.poll("p", "other-app", Duration.ZERO, Duration.ofSeconds(30))).isEmpty();
        var lease = broker.poll("p", "count-app", Duration.ZERO, Duration.ofSeconds(30)).orElseThrow();
        assertThat(lease.payload().path("endpoint_id").asText()).isEqualTo("e1");
        assertThat(lease.payload().path("task_id").asText()).isEqualTo(submitted.taskId());
        broker.complete(lease.taskId(), lease.leaseId(), NODES.objectNode().put("ok", 1));
        assertThat(submitted.answer().get().path("ok").asInt()).isEqualTo(1);
        assertThat(broker.pending("p", "count-app")).isZero();
    }

    @Test
    void anExpiredLeaseGivesTheTaskToTheNextWorkerAndRefusesTheStaleAnswer() throws Exception {
        var submitted = broker.submit("p", "a", task("e1"));
        var first = broker.poll("p", "a", Duration.ZERO, Duration.ofSeconds(30)).orElseThrow();
        assertThat(broker.poll("p", "a", Duration.ZERO, Duration.ofSeconds(30))).as("leased, not queued").isEmpty();
        now = now.plusSeconds(31);
        var second = broker.poll("p", "a", Duration.ZERO, Duration.ofSeconds(30)).orElseThrow();
        assertThat(second.taskId()).isEqualTo(first.taskId());
        assertThat(second.leaseId()).isNotEqualTo(first.leaseId());
        assertThatThrownBy(() -> broker.complete(first.taskId(), first.leaseId(), NODES.objectNode()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not current");
        broker.complete(second.taskId(), second.leaseId(), NODES.objectNode().put("by", "second"));
        assertThat(submitted.answer().get().path("by").asText()).isEqualTo("second");
    }

    @Test
    void aCancelledTaskIsNeitherGivenOutNorAnswerable() throws Exception {
        var submitted = broker.submit("p", "a", task("e1"));
        broker.cancel(submitted.taskId());
        assertThat(submitted.answer().isCancelled()).isTrue();
        assertThat(broker.poll("p", "a", Duration.ofMillis(20), Duration.ofSeconds(30))).isEmpty();
        assertThatThrownBy(() -> broker.complete(submitted.taskId(), "x", NODES.objectNode()))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining(submitted.taskId());
    }

    @Test
    void aWaitingPollReturnsWhenATaskArrives() throws Exception {
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100); // kept: the task must arrive while the poll is already waiting (the behaviour under test)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            broker.submit("p", "a", task("late"));
        });
        var lease = broker.poll("p", "a", Duration.ofSeconds(10), Duration.ofSeconds(30));
        t.join();
        assertThat(lease).isPresent();
        assertThat(lease.get().payload().path("endpoint_id").asText()).isEqualTo("late");
    }
}
