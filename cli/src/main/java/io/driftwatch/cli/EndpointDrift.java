package io.driftwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftwatch endpoints drift UID -p P [--start --end --baseline reference|previous|START/END]
 * [--granularity hour|day|week|window]}: the endpoint's drift over a range from its window summaries (issue 17 pt 3):
 * without {@code --granularity} the merged range (table: per feature tvd, hellinger, kld; the general drift, status,
 * rows, cells and covered span first), with it one point per bucket ({@code …/drift/series}).
 */
@Command(name = "drift", description = "Drift over a range (or per hour/day/week/window) from the window summaries.")
final class EndpointDrift implements Runnable {
    @Mixin
    ClientOptions opts;
    @Mixin
    ProjectOption project;
    @Parameters(index = "0", description = "endpoint uid")
    String uid;
    @Option(names = "--start", description = "from (ISO time, epoch ms or now-7d; default: end - 7 days)")
    String start;
    @Option(names = "--end", description = "until, exclusive (default now)")
    String end;
    @Option(names = "--baseline", description = "reference (default), previous, or START/END")
    String baseline;
    @Option(names = "--granularity", description = "hour, day, week or window: a series instead of one range")
    String granularity;

    @Override
    public void run() {
        var client = opts.client();
        if (granularity != null) {
            JsonNode s = client.driftSeries(project.project, uid, start, end, granularity, baseline);
            if (opts.output == Output.Format.table) {
                opts.print(s.path("points"), "start", "end", "rows", "cells", "general_drift", "status");
            } else {
                Output.print(opts.out(), Output.Format.json, s);
            }
            return;
        }
        JsonNode d = client.drift(project.project, uid, start, end, baseline);
        if (opts.output == Output.Format.table) {
            opts.say(String.format("%s .. %s vs %s: general_drift %s (%s), %s rows in %s windows, covered %s .. %s",
                    d.path("start").asText(), d.path("end").asText(), d.path("baseline").path("kind").asText(),
                    d.path("general_drift").asText(), d.path("status").asText(), d.path("rows").asText(),
                    d.path("cells").asText(), d.path("covered").path("start").asText("-"),
                    d.path("covered").path("end").asText("-")));
            opts.print(d.path("features"), "name", "tvd", "hellinger", "kld", "drift");
        } else {
            Output.print(opts.out(), Output.Format.json, d);
        }
    }
}
