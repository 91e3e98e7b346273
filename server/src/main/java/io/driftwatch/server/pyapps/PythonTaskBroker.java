package io.driftwatch.server.pyapps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The window tasks of Python apps, queued per project and app, taken by workers under a lease. A task whose lease
 * expires without an answer goes back to the front of its queue (a worker that died gives its task back); an
 * answer under a stale lease is refused. One broker per JVM ({@link #shared()}): the apps are instantiated by the
 * registry by class name, so they find the broker the routes serve from there.
 */
public final class PythonTaskBroker {
    private static final PythonTaskBroker SHARED = new PythonTaskBroker(Clock.systemUTC());
    private static final long MAX_WAIT_SLICE_MS = 250;
    private final Clock clock;
    private final Map<String, Deque<Task>> queues = new HashMap<>();
    private final Map<String, Task> tasks = new HashMap<>();

    /** A task given to a worker: its payload (with {@code task_id} and {@code lease_id}). */
    public record Lease(String taskId, String leaseId, ObjectNode payload) {
    }

    private static final class Task {
        final String id = UUID.randomUUID().toString();
        final String queue;
        final ObjectNode payload;
        final CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        String leaseId;
        Instant leaseEnd;

        Task(String queue, ObjectNode payload) {
            this.queue = queue;
            this.payload = payload;
        }
    }

    PythonTaskBroker(Clock clock) {
        this.clock = clock;
    }

    /** The broker of this JVM. */
    public static PythonTaskBroker shared() {
        return SHARED;
    }

    /** Queues a task for the workers of {@code project}/{@code app}; the future completes with their answer. */
    public synchronized Submitted submit(String project, String app, ObjectNode payload) {
        Task t = new Task(key(project, app), payload);
        tasks.put(t.id, t);
        queues.computeIfAbsent(t.queue, k -> new ArrayDeque<>()).addLast(t);
        notifyAll();
        return new Submitted(t.id, t.answer);
    }

    /** A queued task: its id and the worker's answer to come. */
    public record Submitted(String taskId, CompletableFuture<JsonNode> answer) {
    }

    /** Takes the next task of {@code project}/{@code app}, waiting up to {@code wait}; leased for {@code lease}. */
    public synchronized Optional<Lease> poll(String project, String app, Duration wait, Duration lease)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            requeueExpired();
            Task t = next(key(project, app));
            if (t != null) {
                t.leaseId = UUID.randomUUID().toString();
                t.leaseEnd = clock.instant().plus(lease);
                ObjectNode p = t.payload.deepCopy().put("task_id", t.id).put("lease_id", t.leaseId)
                        .put("lease_seconds", lease.toSeconds());
                return Optional.of(new Lease(t.id, t.leaseId, p));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, Math.min(MAX_WAIT_SLICE_MS, left / 1_000_000)));
        }
    }

    /**
     * Completes a task with a worker's answer.
     *
     * @throws NoSuchElementException if the task is unknown (answered, cancelled or timed out)
     * @throws IllegalStateException  if {@code leaseId} is not the task's current lease
     */
    public synchronized void complete(String taskId, String leaseId, JsonNode answer) {
        Task t = tasks.get(taskId);
        if (t == null) {
            throw new NoSuchElementException("task '" + taskId + "' is unknown (answered, cancelled or timed out)");
        }
        if (t.leaseId == null || !t.leaseId.equals(leaseId)) {
            throw new IllegalStateException("lease '" + leaseId + "' of task '" + taskId
                    + "' is not current (it expired and the task was given to another worker)");
        }
        tasks.remove(taskId);
        t.answer.complete(answer);
    }

    /** Forgets a task (its app gave up waiting); a later answer is refused. */
    public synchronized void cancel(String taskId) {
        Task t = tasks.remove(taskId);
        if (t != null) {
            queues.getOrDefault(t.queue, new ArrayDeque<>()).remove(t);
            t.answer.cancel(false);
        }
    }

    /** Tasks of {@code project}/{@code app} not yet answered (queued or leased). */
    public synchronized int pending(String project, String app) {
        String k = key(project, app);
        return (int) tasks.values().stream().filter(t -> t.queue.equals(k)).count();
    }

    private Task next(String queue) {
        Deque<Task> q = queues.get(queue);
        return q == null ? null : q.pollFirst();
    }

    private void requeueExpired() {
        Instant now = clock.instant();
        for (Task t : tasks.values()) {
            if (t.leaseEnd != null && !now.isBefore(t.leaseEnd)) {
                t.leaseId = null;
                t.leaseEnd = null;
                queues.computeIfAbsent(t.queue, k -> new ArrayDeque<>()).addFirst(t);
            }
        }
    }

    private static String key(String project, String app) {
        return project + "\u0000" + app;
    }
}
