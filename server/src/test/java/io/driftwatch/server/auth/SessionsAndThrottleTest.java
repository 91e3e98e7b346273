package io.driftwatch.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.AccessKeyStore;
import io.driftwatch.server.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Session lifetime and binding (issue 18 pt 2) and the failed-authentication throttle, on a clock under test. */
class SessionsAndThrottleTest {
    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-03-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
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
    }

    private final TestClock clock = new TestClock();
    private final AccessKeyStore store = MemoryStores.accessKeyStore();

    @Test
    void aSessionEndsAfterItsMaximumAgeAndIsDeleted() {
        Authenticator auth = new Authenticator(true, store, (String) null, clock);
        Authenticator.Created key = auth.create("p", Role.VIEWER);
        Sessions.Opened s = auth.openSession(auth.principal(key.key()).orElseThrow());
        assertThat(auth.session(s.cookie())).map(x -> x.principal().project()).contains("p");
        clock.now = clock.now.plus(Sessions.MAX_AGE).minusSeconds(1);
        assertThat(auth.session(s.cookie())).isPresent();
        clock.now = clock.now.plusSeconds(2);
        assertThat(auth.session(s.cookie())).isEmpty();
        assertThat(store.key(s.session().id())).as("the expired row is deleted").isEmpty();
        assertThat(auth.keys("p")).hasSize(1);
    }

    @Test
    void aServerAdminSessionIsBoundToTheAdminKeyAndAChangedRoleOrKeyEndsIt() {
        String hash = KeyHasher.hash("admin-one-0123456789");
        Authenticator first = new Authenticator(true, store, hash, clock);
        Sessions.Opened s = first.openSession(Principal.serverAdmin());
        assertThat(first.session(s.cookie())).map(x -> x.principal().allProjects()).contains(true);
        Authenticator restarted = new Authenticator(true, store, KeyHasher.hash("admin-two-0123456789"), clock);
        assertThat(restarted.session(s.cookie())).as("another admin key").isEmpty();
        Authenticator.Created editor = first.create("p", Role.EDITOR);
        Sessions.Opened es = first.openSession(first.principal(editor.key()).orElseThrow());
        String role = store.key(es.session().id()).orElseThrow().role();
        assertThat(role).isEqualTo("session:editor:" + editor.row().id());
        store.deleteKey("p", editor.row().id());
        store.addKey(new AccessKeyStore.KeyRow(editor.row().id(), "p", "viewer", editor.row().hash(), clock.instant()));
        assertThat(first.session(es.cookie())).as("the key's role changed").isEmpty();
    }

    @Test
    void failedAuthenticationsEmptyAnAddressBucketWhichRefillsOverTime() {
        AuthThrottle t = new AuthThrottle(new AuthThrottle.Limits(3, Duration.ofSeconds(10)), clock);
        for (int i = 0; i < 3; i++) {
            t.admit("10.0.0.1");
            t.failed("10.0.0.1");
        }
        assertThatThrownBy(() -> t.admit("10.0.0.1")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfterSeconds()).isEqualTo(10);
            assertThat(e.getMessage()).contains("10.0.0.1", "retry in 10 s");
        });
        t.admit("10.0.0.2");
        clock.now = clock.now.plusSeconds(4);
        assertThatThrownBy(() -> t.admit("10.0.0.1")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(6));
        clock.now = clock.now.plusSeconds(6);
        t.admit("10.0.0.1");
        assertThat(t.failures()).isEqualTo(3);
        assertThat(t.throttled()).isEqualTo(2);
    }

    @Test
    void aThrottledAddressIsRefusedBeforeItsKeyIsChecked() {
        Authenticator auth = new Authenticator(true, store, null, clock, new AuthThrottle.Limits(2, Duration.ofMinutes(1)));
        String good = auth.create("p", Role.VIEWER).key();
        Authenticator.Call wrong = new Authenticator.Call("Bearer dw_0123456789ab_wrong", null, null, null, false, "a");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> auth.check(Access.VIEWER, "p", wrong))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
        }
        Authenticator.Call right = new Authenticator.Call("Bearer " + good, null, null, null, false, "a");
        assertThatThrownBy(() -> auth.check(Access.VIEWER, "p", right))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(429));
        Authenticator.Call none = new Authenticator.Call(null, null, null, null, false, "a");
        assertThatThrownBy(() -> auth.check(Access.VIEWER, "p", none)).as("no key: 401, not throttled")
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(auth.check(Access.VIEWER, "p", new Authenticator.Call("Bearer " + good, null, null, null, false,
                "b"))).isNotNull();
    }
}
