package io.driftwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** One execution of the CLI in this JVM, as a user types it: its exit code, standard output and standard error. */
record CliRun(int code, String out, String err) {

    /** Runs {@code args}, then {@code --url url}, then the {@code trailing} options (e.g. an access key). */
    static CliRun at(String url, String[] args, String... trailing) {
        List<String> full = new ArrayList<>(List.of(args));
        full.add("--url");
        full.add(url);
        full.addAll(List.of(trailing));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(full.toArray(String[]::new));
        return new CliRun(code, out.toString(), err.toString());
    }

    JsonNode json() throws IOException {
        return Output.MAPPER.readTree(out);
    }
}
