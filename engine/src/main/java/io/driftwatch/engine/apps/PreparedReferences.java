package io.driftwatch.engine.apps;

import io.driftwatch.Histogram;
import io.driftwatch.stats.drift.BinnedDriftTests;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The expanded and prepared reference of each training histogram the {@code drift-tests} app tested windows against
 * from their summaries (issue 17): expanding, sorting and binning a reference of thousands of rows took about a
 * quarter of a window's drift tests, the same for every window of every endpoint of the model. Keyed by the histogram's
 * value and held weakly: an entry goes when no endpoint record holds that histogram any more. Thread-safe.
 */
final class PreparedReferences {
    private static final Map<Histogram, BinnedDriftTests.Reference> PREPARED = new WeakHashMap<>();

    private PreparedReferences() {
    }

    static BinnedDriftTests.Reference of(Histogram hist) {
        synchronized (PREPARED) {
            BinnedDriftTests.Reference known = PREPARED.get(hist);
            if (known != null) {
                return known;
            }
        }
        BinnedDriftTests.Reference made = BinnedDriftTests.Reference.of(FeatureTests.expand(hist));
        synchronized (PREPARED) {
            PREPARED.putIfAbsent(hist, made);
        }
        return made;
    }
}
