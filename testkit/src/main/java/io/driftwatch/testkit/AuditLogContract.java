package io.driftwatch.testkit;

import static io.driftwatch.testkit.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.port.AuditLog;
import io.driftwatch.engine.port.AuditLog.Entry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link AuditLog} must have; override {@link #reopen} when the log is durable. */
public abstract class AuditLogContract {
    protected AuditLog log;

    protected abstract AuditLog createLog() throws Exception;

    protected AuditLog reopen(AuditLog old) throws Exception {
        return old;
    }

    @BeforeEach
    void setUpLog() throws Exception {
        log = createLog();
    }

    private static Entry entry(int second, String project, String route, int status) {
        return new Entry(T0.plusSeconds(second), "dw_0123456789ab", "editor", "PUT", route, project, status,
                "127.0.0.1");
    }

    @Test
    void entriesComeBackNewestFirstWithEveryField() throws Exception {
        Entry a = entry(1, "p", "/api/v1/projects/{p}/alerts/{name}", 200);
        Entry b = entry(3, "p", "/api/v1/projects/{p}/models", 201);
        Entry c = new Entry(T0.plusSeconds(2), "admin", "server-admin", "POST", "/api/v1/projects", null, 201, "::1");
        Entry d = new Entry(T0.plusSeconds(4), "anonymous", null, "DELETE", "/api/v1/projects/{p}", "q", 204,
                "10.0.0.7");
        log.append(a);
        log.append(b);
        log.append(c);
        log.append(d);
        log = reopen(log);
        assertThat(log.query(null, null, 10)).containsExactly(d, b, c, a);
        assertThat(log.query("p", null, 10)).containsExactly(b, a);
        assertThat(log.query("q", null, 10)).containsExactly(d);
        assertThat(log.query("none", null, 10)).isEmpty();
    }

    @Test
    void sinceAndLimitFilter() {
        for (int i = 0; i < 5; i++) {
            log.append(entry(i, "p", "/r" + i, 200));
        }
        assertThat(log.query("p", T0.plusSeconds(3), 10)).extracting(Entry::route).containsExactly("/r4", "/r3");
        assertThat(log.query("p", null, 2)).extracting(Entry::route).containsExactly("/r4", "/r3");
        assertThat(log.query(null, T0.plusSeconds(1), 1)).extracting(Entry::route).containsExactly("/r4");
        assertThatThrownBy(() -> log.query(null, null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void actorAndTimeRangeFilter() throws Exception {
        for (int i = 0; i < 6; i++) {
            log.append(new Entry(T0.plusSeconds(i), i % 2 == 0 ? "admin" : "dw_0123456789ab", null, "POST", "/r" + i,
                    i < 3 ? "p" : "q", 201, "127.0.0.1"));
        }
        log = reopen(log);
        assertThat(log.query(new AuditLog.Filter(null, "admin", null, null, 10))).extracting(Entry::route)
                .containsExactly("/r4", "/r2", "/r0");
        assertThat(log.query(new AuditLog.Filter(null, null, T0.plusSeconds(1), T0.plusSeconds(4), 10)))
                .as("since inclusive, until exclusive").extracting(Entry::route).containsExactly("/r3", "/r2", "/r1");
        assertThat(log.query(new AuditLog.Filter("q", "dw_0123456789ab", T0, T0.plusSeconds(6), 10)))
                .extracting(Entry::route).containsExactly("/r5", "/r3");
        assertThat(log.query(new AuditLog.Filter("p", "dw_0123456789ab", T0.plusSeconds(2), null, 10))).isEmpty();
        assertThat(log.query(new AuditLog.Filter(null, "nobody", null, null, 10))).isEmpty();
    }

    @Test
    void equalTimesListTheLaterAppendedFirst() {
        log.append(entry(1, "p", "/first", 200));
        log.append(entry(1, "p", "/second", 200));
        assertThat(log.query("p", null, 10)).extracting(Entry::route).containsExactly("/second", "/first");
    }

    @Test
    void deleteOlderThanRemovesOnlyOlderEntries() throws Exception {
        log.append(entry(1, "p", "/old", 200));
        log.append(entry(5, "p", "/cut", 200));
        log.append(entry(9, null, "/new", 500));
        assertThat(log.deleteOlderThan(T0.plusSeconds(5))).isEqualTo(1);
        log = reopen(log);
        assertThat(log.query(null, null, 10)).extracting(Entry::route).containsExactly("/new", "/cut");
        assertThat(log.deleteOlderThan(T0)).isZero();
    }
}
