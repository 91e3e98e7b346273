package io.driftwatch.engine.alerts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where alert notifications may go: only {@code http(s)} URLs whose host resolves to public addresses. Private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), loopback (127/8, ::1), link-local (169.254/16 with the cloud metadata
 * address, fe80::/10), unspecified and multicast addresses and the name {@code localhost} are refused unless one of
 * the configured CIDR ranges ({@code --allow-outbound}) contains every address the host resolves to. Checked when an
 * alert is saved and again before every request and redirect; a request connects to the addresses that were
 * checked ({@link #addresses}), never resolving the name a second time. SMTP hosts follow the same rules
 * ({@link #hostAddresses}).
 */
public final class OutboundPolicy {
    /** Public destinations only. */
    public static final OutboundPolicy STRICT = new OutboundPolicy(List.of());

    private static final InetAddress V4_LOOPBACK = InetAddress.ofLiteral("127.0.0.1");
    private final List<Cidr> allowed;

    private OutboundPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** A policy that also allows the given CIDR ranges ({@code 127.0.0.1/32}, {@code 10.0.0.0/8}, {@code ::1/128}). */
    public static OutboundPolicy allowing(List<String> cidrs) {
        List<Cidr> out = new ArrayList<>();
        for (String c : cidrs) {
            if (!c.isBlank()) {
                out.add(Cidr.parse(c.strip()));
            }
        }
        return new OutboundPolicy(out);
    }

    /** The allowed ranges as given. */
    public List<String> allowed() {
        return allowed.stream().map(Cidr::text).toList();
    }

    /**
     * Checks a destination URL and returns the reason it is refused, or null when it may be called. Resolves the
     * host; a name that does not resolve is refused unless {@code unresolvedOk} (when saving a config: DNS may be
     * down or the name not yet published; the check before every request still applies).
     */
    public String refusal(URI uri, boolean unresolvedOk) {
        return check(uri, unresolvedOk).refusal();
    }

    /**
     * Resolves the host of {@code uri} once and checks every address it resolves to: the addresses a request must
     * connect to (never resolving the name again, so a DNS answer that changes between the check and the connection
     * — DNS rebinding — cannot lead it to an address that was not checked).
     *
     * @throws IOException "destination refused: …" when the URL or an address is refused or the name does not resolve
     */
    public List<InetAddress> addresses(URI uri) throws IOException {
        Checked c = check(uri, false);
        if (c.refusal() != null) {
            throw new IOException("destination refused: " + c.refusal());
        }
        return c.addresses();
    }

    /** As {@link #addresses(URI)} for a host of another protocol (an SMTP server). */
    public List<InetAddress> hostAddresses(String host) throws IOException {
        Checked c = checkHost(host, false);
        if (c.refusal() != null) {
            throw new IOException("destination refused: " + c.refusal());
        }
        return c.addresses();
    }

    /** The refusal of {@code host} (an SMTP server), or null; {@code unresolvedOk} as for a URL. */
    public String hostRefusal(String host, boolean unresolvedOk) {
        return checkHost(host, unresolvedOk).refusal();
    }

    private record Checked(String refusal, List<InetAddress> addresses) {
        static Checked refused(String why) {
            return new Checked(why, List.of());
        }
    }

    private Checked check(URI uri, boolean unresolvedOk) {
        if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            return Checked.refused("only http and https URLs are allowed");
        }
        return checkHost(uri.getHost(), unresolvedOk);
    }

    private Checked checkHost(String rawHost, boolean unresolvedOk) {
        if (rawHost == null || rawHost.isBlank()) {
            return Checked.refused("the URL has no host");
        }
        String host = rawHost.startsWith("[") && rawHost.endsWith("]") ? rawHost.substring(1, rawHost.length() - 1)
                : rawHost;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return unresolvedOk && !host.equalsIgnoreCase("localhost") ? new Checked(null, List.of())
                    : Checked.refused("host " + host + " does not resolve");
        }
        for (InetAddress a : addresses) {
            String kind = internal(a, host);
            InetAddress match = a.isLoopbackAddress() && a.getAddress().length == 16 ? V4_LOOPBACK : a;
            if (kind != null && allowed.stream().noneMatch(c -> c.contains(match) || c.contains(a))) {
                return Checked.refused("host " + host + " is " + kind + " (" + a.getHostAddress()
                        + "); allow it with --allow-outbound CIDR");
            }
        }
        return new Checked(null, List.of(addresses));
    }

    private static String internal(InetAddress a, String host) {
        if (host.equalsIgnoreCase("localhost") || host.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
            return "localhost";
        }
        if (a.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address (cloud metadata lives there)";
        }
        if (a.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        byte[] b = a.getAddress();
        if (a.isSiteLocalAddress() || (b.length == 16 && (b[0] & 0xfe) == 0xfc)) {
            return "a private address";
        }
        return null;
    }

    /** The refusal at send time: every name must resolve. */
    public String refusal(URI uri) {
        return refusal(uri, false);
    }

    /** One CIDR range. */
    private record Cidr(String text, byte[] network, int bits) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            try {
                byte[] net = InetAddress.ofLiteral(slash < 0 ? text : text.substring(0, slash)).getAddress();
                int bits = slash < 0 ? net.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (bits < 0 || bits > net.length * 8) {
                    throw new IllegalArgumentException("prefix length out of range");
                }
                return new Cidr(text, net, bits);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("allow-outbound: '" + text
                        + "' is not a CIDR range like 127.0.0.1/32 or 10.0.0.0/8", e);
            }
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((b[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
