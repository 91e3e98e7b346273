package io.driftwatch.engine.alerts;

import io.driftwatch.engine.event.EngineEvent;
import java.util.ArrayList;
import java.util.List;

/** The event kinds an alert can trigger on (DESIGN.md §9). */
public final class EventKinds {
    /** Raised by the threshold evaluator. */
    public static final String SYSTEM_PERFORMANCE_DETECTED = "system-performance-detected";
    /** Every accepted kind: {@code {data-drift, concept-drift, model-performance, system-performance,
     * mm-app-anomaly}-{detected, suspected}} and {@code mm-app-failed}. */
    public static final List<String> ALL;

    static {
        List<String> all = new ArrayList<>();
        for (String prefix : List.of("data-drift", "concept-drift", "model-performance", "system-performance",
                "mm-app-anomaly")) {
            all.add(prefix + "-detected");
            all.add(prefix + "-suspected");
        }
        all.add(EngineEvent.APP_FAILED);
        ALL = List.copyOf(all);
    }

    private EventKinds() {
    }

    /** The entity kind an event kind is about. */
    public static String entityKind(String eventKind) {
        return EngineEvent.APP_FAILED.equals(eventKind) ? EngineEvent.ENTITY_APPLICATION : EngineEvent.ENTITY_RESULT;
    }
}
