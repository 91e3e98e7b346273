package io.driftwatch.engine.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventPublisherTest {
    private final List<String> delivered = new ArrayList<>();
    private final EngineEventListener listener = e -> delivered.add(e.entityId());

    private void publish(String id) {
        EventPublisher.publish(listener, new EngineEvent("k", "p", EngineEvent.ENTITY_RESULT, id, Map.of(),
                Instant.EPOCH));
    }

    @Test
    void eventsPublishedInsideAfterwardsArriveInOrderOnceItReturns() {
        String result = EventPublisher.afterwards(() -> {
            publish("a");
            EventPublisher.afterwards(() -> {
                publish("b");
                return null;
            });
            assertThat(delivered).as("held, also by the nested call").isEmpty();
            publish("c");
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(delivered).containsExactly("a", "b", "c");
        publish("d");
        assertThat(delivered).as("outside: at once").containsExactly("a", "b", "c", "d");
    }

    @Test
    void eventsOfWorkThatThrowsAreDropped() {
        assertThatThrownBy(() -> EventPublisher.afterwards(() -> {
            publish("a");
            throw new IllegalStateException("commit failed");
        })).hasMessage("commit failed");
        assertThat(delivered).isEmpty();
        publish("b");
        assertThat(delivered).containsExactly("b");
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        EngineEventListener failing = e -> {
            throw new IllegalStateException("listener down");
        };
        EventPublisher.afterwards(() -> {
            EventPublisher.publish(failing, new EngineEvent("k", "p", EngineEvent.ENTITY_RESULT, "x", Map.of(),
                    Instant.EPOCH));
            publish("a");
            return null;
        });
        assertThat(delivered).containsExactly("a");
    }
}
