package io.driftwatch.server.metrics;

/**
 * Keeps, of a Prometheus text scrape, the series of one project: the samples labelled {@code project="<p>"}, with
 * their family's {@code # HELP}/{@code # TYPE} lines. Everything else — other projects' series and the server-wide
 * ones (stream partitions, processor totals, JVM), which name stream paths and reveal other projects' load — is
 * dropped: a project key sees its own project and nothing of the others (issue 18 pt 4).
 */
final class ProjectSeries {
    private ProjectSeries() {
    }

    /** The lines of {@code scrape} that belong to {@code project}. */
    static String of(String scrape, String project) {
        StringBuilder out = new StringBuilder();
        StringBuilder comments = new StringBuilder();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#")) {
                if (line.startsWith("# HELP ")) {
                    comments.setLength(0);
                }
                comments.append(line).append('\n');
            } else if (!line.isBlank() && project.equals(label(line, "project"))) {
                out.append(comments).append(line).append('\n');
                comments.setLength(0);
            }
        }
        return out.toString();
    }

    /** The value of label {@code name} of a sample line, or null (label values unescaped). */
    static String label(String line, String name) {
        int open = line.indexOf('{');
        if (open < 0) {
            return null;
        }
        int i = open + 1;
        while (i < line.length() && line.charAt(i) != '}') {
            int eq = line.indexOf("=\"", i);
            if (eq < 0) {
                return null;
            }
            String key = line.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char n = line.charAt(++j);
                    value.append(n == 'n' ? '\n' : n);
                } else {
                    value.append(c);
                }
            }
            if (key.equals(name)) {
                return value.toString();
            }
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return null;
    }
}
