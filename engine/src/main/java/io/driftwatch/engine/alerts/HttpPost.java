package io.driftwatch.engine.alerts;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 request with timeouts under an {@link OutboundPolicy}. The destination's name is resolved once and
 * every address checked (before the request and before each of at most {@value #MAX_REDIRECTS} redirects, which are
 * followed by hand: 307/308 resend the same request, 301/302/303 too: a webhook is never turned into a GET); the
 * socket then connects to one of those checked addresses — the name is never resolved again, so DNS rebinding
 * between the check and the connection cannot reach an internal address. The {@code Host} header, TLS SNI and the
 * certificate's host-name check use the URL's name. At most {@value #MAX_BODY} bytes of the answer are read and never
 * shown: a status outside 2xx is an {@link IOException} naming only the status and host.
 */
final class HttpPost {
    static final int MAX_REDIRECTS = 3;
    static final int MAX_BODY = 64 * 1024;
    private static final int MAX_HEAD = 16 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final Set<String> RESERVED = Set.of("host", "content-length", "connection", "transfer-encoding",
            "upgrade", "expect", "te", "trailer");
    private final Duration timeout;
    private final OutboundPolicy policy;
    private final SSLSocketFactory tls;

    HttpPost(Duration timeout, OutboundPolicy policy) {
        this(timeout, policy, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** As above, with the TLS sockets of {@code tls} (tests trust their own certificate). */
    HttpPost(Duration timeout, OutboundPolicy policy, SSLSocketFactory tls) {
        this.timeout = timeout;
        this.policy = policy;
        this.tls = tls;
    }

    /** The status line's code and the {@code Location} header of an answer. */
    private record Answer(int status, String location) {
    }

    void send(String method, String url, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        URI uri = URI.create(url);
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        for (int hop = 0; ; hop++) {
            List<InetAddress> addresses = policy.addresses(uri);
            Answer r = exchange(uri, addresses, method, headers, payload);
            int status = r.status();
            if (status / 100 == 3 && r.location() != null && hop < MAX_REDIRECTS) {
                uri = uri.resolve(r.location());
                continue;
            }
            if (status / 100 != 2) {
                throw new IOException("HTTP " + status + " from " + uri.getHost()
                        + (status / 100 == 3 ? " (redirect not followed)" : ""));
            }
            return;
        }
    }

    private Answer exchange(URI uri, List<InetAddress> addresses, String method, Map<String, String> headers,
                            byte[] body) throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        long deadline = System.nanoTime() + timeout.toNanos();
        Socket plain = connect(addresses, port);
        try (Socket s = https ? secure(plain, name(uri), port) : plain) {
            OutputStream out = s.getOutputStream();
            out.write(head(uri, method, headers, body.length).getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return read(s, deadline);
        }
    }

    /** Connects to the first of the checked addresses that answers (connect timeout: the timeout, at most 5 s). */
    private Socket connect(List<InetAddress> addresses, int port) throws IOException {
        int connectMs = (int) Math.min(timeout.toMillis(), 5_000);
        IOException last = null;
        for (InetAddress a : addresses) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(a, port), connectMs);
                s.setSoTimeout((int) Math.max(1, timeout.toMillis()));
                return s;
            } catch (IOException e) {
                s.close();
                last = e;
            }
        }
        throw last != null ? last : new IOException("no address to connect to");
    }

    /** TLS over the connected socket, with SNI and the certificate checked against the URL's host name. */
    private Socket secure(Socket plain, String host, int port) throws IOException {
        try {
            SSLSocket s = (SSLSocket) tls.createSocket(plain, host, port, true);
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            if (!host.contains(":") && !host.matches("[0-9.]+")) {
                p.setServerNames(List.of(new SNIHostName(host)));
            }
            s.setSSLParameters(p);
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static String name(URI uri) {
        String h = uri.getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static String head(URI uri, String method, Map<String, String> headers, int length) throws IOException {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!method.matches("[A-Z]{1,16}")) {
            throw new IOException("method '" + method + "' may not be sent");
        }
        StringBuilder b = new StringBuilder(method).append(' ').append(path)
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                .append("\r\nContent-Length: ").append(length).append("\r\nConnection: close\r\n");
        boolean typed = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("content-type"));
        if (!typed) {
            b.append("Content-Type: application/json\r\n");
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (RESERVED.contains(h.getKey().toLowerCase(Locale.ROOT)) || !h.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")
                    || h.getValue().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new IOException("header '" + h.getKey() + "' may not be sent");
            }
            b.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    /** Reads the status and headers (skipping 1xx answers), then at most {@link #MAX_BODY} bytes of a sized body. */
    private static Answer read(Socket s, long deadline) throws IOException {
        InputStream in = new BufferedInputStream(s.getInputStream());
        while (true) {
            String[] parts = line(s, in, deadline).split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("[1-5][0-9][0-9]")) {
                throw new IOException("not an HTTP answer");
            }
            int code = Integer.parseInt(parts[1]);
            Map<String, String> headers = headers(s, in, deadline);
            if (code / 100 != 1) {
                String length = headers.getOrDefault("content-length", "");
                if (length.matches("[0-9]{1,18}")) {
                    in.readNBytes((int) Math.min(Long.parseLong(length), MAX_BODY));
                }
                return new Answer(code, headers.get("location"));
            }
        }
    }

    /** The header lines up to the empty one, by lower-case name (the first of repeated names), at most 200. */
    private static Map<String, String> headers(Socket s, InputStream in, long deadline) throws IOException {
        Map<String, String> out = new HashMap<>();
        int count = 0;
        for (String h = line(s, in, deadline); !h.isEmpty(); h = line(s, in, deadline)) {
            if (++count > MAX_HEADERS) {
                throw new IOException("too many headers in the answer");
            }
            int colon = h.indexOf(':');
            if (colon > 0) {
                out.putIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
        }
        return out;
    }

    /** One header line (CRLF or LF), bounded in size and by the request's deadline. */
    private static String line(Socket s, InputStream in, long deadline) throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || b.length() > MAX_HEAD) {
                throw new IOException(left <= 0 ? "timed out reading the answer" : "answer header too large");
            }
            s.setSoTimeout((int) Math.max(1, left / 1_000_000));
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed before the answer's headers");
            }
            if (c == '\n') {
                int n = b.length();
                return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
            }
            b.append((char) c);
        }
    }
}
