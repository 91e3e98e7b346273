package io.driftwatch.engine.apps;

import io.driftwatch.engine.event.EngineEvent;
import io.driftwatch.engine.writer.WindowTask;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@code mm-app-failed} events (MLRun: entity {@code model-monitoring-application}, id {@code {project}_{app}}). */
public final class AppFailures {
    private AppFailures() {
    }

    public static EngineEvent event(WindowTask task, String error, Instant now) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("app_name", task.applicationName());
        value.put("model_endpoint_id", task.endpointId());
        value.put("start_infer_time", task.startInferTime().toString());
        value.put("end_infer_time", task.endInferTime().toString());
        value.put("error", error);
        return new EngineEvent(EngineEvent.APP_FAILED, task.project(), EngineEvent.ENTITY_APPLICATION,
                task.project() + "_" + task.applicationName(), value, now);
    }
}
