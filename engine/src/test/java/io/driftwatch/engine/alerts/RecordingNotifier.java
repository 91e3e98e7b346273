package io.driftwatch.engine.alerts;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A notifier for tests that keeps what it was sent and can fail the first {@code failures} attempts. */
final class RecordingNotifier implements Notifier {
    final List<Message> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();
    private final String kind;
    private final int failures;

    RecordingNotifier(String kind, int failures) {
        this.kind = kind;
        this.failures = failures;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public void send(Message message) throws IOException {
        if (attempts.incrementAndGet() <= failures) {
            throw new IOException("channel down (attempt " + attempts.get() + ")");
        }
        sent.add(message);
    }
}
