package io.driftwatch.benchmarks.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --key value} command-line options of the pipeline benchmarks. */
final class Args {
    private Args() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        return m;
    }
}
