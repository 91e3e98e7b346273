package io.driftwatch.engine.alerts;

import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prints one line per notification to a stream, or logs it at warn level (logger {@code io.driftwatch.alerts}) without one. */
final class ConsoleNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger("io.driftwatch.alerts");
    private final PrintStream out;

    ConsoleNotifier(PrintStream out) {
        this.out = out;
    }

    @Override
    public String kind() {
        return "console";
    }

    @Override
    public void send(Message m) {
        String line = "ALERT [" + m.alert().severity().wire() + "] " + m.alert().project() + "/" + m.alert().name()
                + ": " + m.activation().summary() + " (activation " + m.activation().id() + ", "
                + m.activation().events().size() + " event(s), last " + m.variables().get("kind") + " on "
                + m.activation().entityId() + ")";
        if (out == null) {
            LOG.warn(line);
        } else {
            out.println(line);
            out.flush();
        }
    }
}
