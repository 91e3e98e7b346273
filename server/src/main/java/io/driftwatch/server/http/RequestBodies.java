package io.driftwatch.server.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serial;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads request bodies with a size limit that also bounds the decompressed size of a gzip body
 * ({@code Content-Encoding: gzip}), so neither a huge upload nor a zip bomb can exhaust memory.
 */
public final class RequestBodies {
    private RequestBodies() {
    }

    /** The body, decompressed; 413 over {@code limit} bytes, 400 for a broken gzip stream, 415 for other encodings. */
    public static byte[] read(Context ctx, long limit) {
        try {
            return read(ctx.req().getContentLengthLong(), ctx.header("Content-Encoding"), ctx.req().getInputStream(),
                    limit);
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body: " + e.getMessage());
        }
    }

    /**
     * As {@link #read(Context, long)}, from the parts of any HTTP request: its declared length (-1: unknown), its
     * {@code Content-Encoding} (null: none) and its body stream.
     */
    public static byte[] read(long declared, String encoding, InputStream raw, long limit) {
        if (declared > limit) {
            throw tooLarge(limit);
        }
        boolean gzip = false;
        if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
            if (!encoding.trim().toLowerCase(Locale.ROOT).matches("x-gzip|gzip")) {
                throw ApiException.unsupportedMediaType("unsupported Content-Encoding '" + encoding
                        + "' (accepted: gzip, identity)");
            }
            gzip = true;
        }
        try {
            if (!gzip) {
                return declared >= 0 ? readExactly(raw, declared) : readLimited(raw, limit);
            }
            return readLimited(new GZIPInputStream(new LimitedStream(raw, limit), 8192), limit);
        } catch (ZipException | EOFException e) {
            throw ApiException.badRequest("Content-Encoding gzip: body is not valid gzip data (" + e.getMessage() + ")");
        } catch (TooLarge e) {
            throw tooLarge(limit);
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body: " + e.getMessage());
        }
    }

    private static ApiException tooLarge(long limit) {
        return ApiException.tooLarge("request body exceeds the limit of " + limit + " bytes");
    }

    /** A body of known length (at most the limit, checked by the caller) straight into one array. */
    private static byte[] readExactly(InputStream in, long length) throws IOException {
        byte[] body = in.readNBytes(Math.toIntExact(length));
        if (body.length < length) {
            throw new IOException("the body ended after " + body.length + " of " + length + " bytes");
        }
        return body;
    }

    private static byte[] readLimited(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > limit) {
                throw new TooLarge();
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static final class TooLarge extends IOException {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    private static final class LimitedStream extends FilterInputStream {
        private long left;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (left -= n) < 0) {
                throw new TooLarge();
            }
            return n;
        }
    }
}
