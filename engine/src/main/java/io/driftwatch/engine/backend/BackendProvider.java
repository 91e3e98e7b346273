package io.driftwatch.engine.backend;

import java.util.Set;

/** What every provider says about itself: the URI schemes it opens (see {@link BackendUri#scheme()}). */
public interface BackendProvider {
    /** The normalised schemes handled, e.g. {@code embedded, file} or {@code kafka}; listed in error messages. */
    Set<String> schemes();

    /** Whether this provider opens {@code uri}; by default when its scheme is one of {@link #schemes()}. */
    default boolean supports(BackendUri uri) {
        return schemes().contains(uri.scheme());
    }
}
