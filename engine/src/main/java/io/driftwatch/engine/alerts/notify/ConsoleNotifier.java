package io.driftwatch.engine.alerts.notify;

import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a notification at warn level on logger {@code io.driftwatch.alerts} and prints one line to a stream. */
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
        LOG.warn(line);
        if (out != null) {
            out.println(line);
            out.flush();
        }
    }
}
