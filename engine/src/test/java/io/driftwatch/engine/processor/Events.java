package io.driftwatch.engine.processor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Builds tracking events in MLRun's wire format for tests. */
final class Events {
    private static final DateTimeFormatter MLRUN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private Events() {
    }

    /** MLRun's {@code when}: space separator, microseconds, +00:00. */
    static String when(Instant t) {
        return MLRUN.format(t);
    }

    /** A prediction event of {@code proj/serving} model {@code model} with the given inputs and outputs JSON. */
    static String event(String model, Instant t, String requestId, long micros, String inputs, String outputs) {
        return """
                {"class":"ChurnModel","worker":"0","model":"%s","host":"h1","function_uri":"proj/serving",\
                "labels":{"env":"prod"},"request":{"id":"%s","inputs":%s},"op":"infer",\
                "resp":{"id":"%s","model_name":"%s","outputs":%s},"when":"%s","microsec":%d}"""
                .formatted(model, requestId, inputs, requestId, model, outputs, when(t), micros);
    }

    static String modelError(String model, Instant t, String message) {
        return """
                {"class":"ChurnModel","model":"%s","function_uri":"proj/serving","request":{"id":"r"},"op":"infer",\
                "when":"%s","error":"%s"}""".formatted(model, when(t), message);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
