package io.driftwatch.server.http;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.util.function.Supplier;

/**
 * Reads multipart/form-data fields and files so that a malformed body (no boundary, a truncated part, a bad part
 * header) is a 400 naming the problem rather than a 500 from the servlet container's parser.
 */
public final class Multiparts {
    private Multiparts() {
    }

    /** The form field {@code name}, null when absent; 400 when the body is not valid multipart. */
    public static String field(Context ctx, String name) {
        return parsed(() -> ctx.formParam(name));
    }

    /** The file part {@code name}, null when absent; 400 when the body is not valid multipart. */
    public static UploadedFile file(Context ctx, String name) {
        return parsed(() -> ctx.uploadedFile(name));
    }

    private static <T> T parsed(Supplier<T> read) {
        try {
            return read.get();
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) { // the servlet parser's ServletException arrives unchecked (sneaky throw)
            throw ApiException.badRequest("malformed multipart/form-data body: " + reason(e));
        }
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
