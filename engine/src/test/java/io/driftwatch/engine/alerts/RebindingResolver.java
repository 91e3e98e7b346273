package io.driftwatch.engine.alerts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A DNS rebinding server for tests, installed as the JVM's resolver (META-INF/services in the engine's test
 * resources): a scripted name answers its scripted addresses one lookup after the other (the last one repeats);
 * every other name goes to the JDK's own resolver. The engine's tests run with {@code -Dsun.net.inetaddr.ttl=0}
 * (its pom), so every lookup reaches this resolver, as with a DNS answer of TTL 0.
 */
public final class RebindingResolver extends InetAddressResolverProvider {
    private static final Map<String, Deque<InetAddress>> SCRIPTS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> LOOKUPS = new ConcurrentHashMap<>();

    /** From now on {@code host} answers {@code answers[0]}, then {@code answers[1]}, … (the last one repeats). */
    static void script(String host, String... answers) {
        Deque<InetAddress> d = new ArrayDeque<>();
        for (String a : answers) {
            d.add(InetAddress.ofLiteral(a));
        }
        String key = host.toLowerCase(Locale.ROOT);
        SCRIPTS.put(key, d);
        LOOKUPS.put(key, new AtomicInteger());
    }

    /** How often {@code host} was looked up since it was scripted. */
    static int lookups(String host) {
        return LOOKUPS.getOrDefault(host.toLowerCase(Locale.ROOT), new AtomicInteger()).get();
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                String key = host.toLowerCase(Locale.ROOT);
                Deque<InetAddress> d = SCRIPTS.get(key);
                if (d == null) {
                    return builtin.lookupByName(host, policy);
                }
                LOOKUPS.get(key).incrementAndGet();
                InetAddress next;
                synchronized (d) {
                    next = d.size() > 1 ? d.poll() : d.peek();
                }
                return Stream.of(InetAddress.getByAddress(host, next.getAddress()));
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                return builtin.lookupByAddress(Arrays.copyOf(addr, addr.length));
            }
        };
    }

    @Override
    public String name() {
        return "driftwatch-test-rebinding";
    }
}
