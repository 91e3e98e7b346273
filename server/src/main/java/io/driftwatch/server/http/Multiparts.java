package io.driftwatch.server.http;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.util.function.Supplier;

/**
 * Reads multipart/form-data fields and files so that a malformed body (no boundary, a truncated part, a bad part
 * header) is a 400 naming the problem rather than a 500 from the servlet container's parser.
 */
public final class Multiparts {
    /** The system property bounding each part of a multipart upload (training sets, model files, batches). */
    public static final String MAX_PART_PROPERTY = "driftwatch.multipart.max-part-bytes";
    /** The request attribute holding the server's bound of a part (set for every request by the server). */
    public static final String LIMIT_ATTRIBUTE = "driftwatch.multipart.max-part";
    /** The default bound of a part: 1 GiB. */
    public static final long DEFAULT_MAX_PART = 1L << 30;

    private Multiparts() {
    }

    /** The largest accepted part, from {@value #MAX_PART_PROPERTY} (default 1 GiB). */
    public static long maxPartBytes() {
        long v = Long.getLong(MAX_PART_PROPERTY, DEFAULT_MAX_PART);
        if (v < 1) {
            throw new IllegalArgumentException(MAX_PART_PROPERTY + " must be >= 1, got " + v);
        }
        return v;
    }

    /** The form field {@code name}, null when absent; 400 when the body is not valid multipart. */
    public static String field(Context ctx, String name) {
        return parsed(ctx, () -> ctx.formParam(name));
    }

    /** The file part {@code name}, null when absent; 400 when the body is not valid multipart. */
    public static UploadedFile file(Context ctx, String name) {
        return parsed(ctx, () -> ctx.uploadedFile(name));
    }

    private static <T> T parsed(Context ctx, Supplier<T> read) {
        try {
            return read.get();
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) { // the servlet parser's ServletException arrives unchecked (sneaky throw)
            String reason = reason(e);
            if (tooLarge(e)) {
                throw ApiException.tooLarge("a part of the multipart/form-data body is larger than the limit of "
                        + (ctx.attribute(LIMIT_ATTRIBUTE) instanceof Long l ? l : maxPartBytes()) + " bytes ("
                        + MAX_PART_PROPERTY + "): " + reason);
            }
            throw ApiException.badRequest("malformed multipart/form-data body: " + reason);
        }
    }

    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("max file size") || m.contains("max request size") || m.contains("exceeds")
                    || m.contains("too large") || m.contains("413")) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : Query.clip(m);
    }
}
