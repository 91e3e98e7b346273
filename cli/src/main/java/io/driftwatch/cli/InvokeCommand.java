package io.driftwatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code driftwatch invoke PROJECT/FUNCTION PATH [BODY]} (MLRun's {@code fn.invoke(path, body)}): a request to a
 * deployed serving function, e.g. {@code driftwatch invoke my-proj/iris-serving v2/models/iris/infer '{"inputs":[…]}'};
 * without a body it is a GET ({@code v2/health/ready}). {@code @FILE} reads the body from a file.
 */
@Command(name = "invoke", description = "Send a request to a deployed serving function (Open Inference Protocol).",
        mixinStandardHelpOptions = true)
final class InvokeCommand implements Runnable {
    @Mixin
    ClientOptions opts;
    @Parameters(index = "0", description = "PROJECT/FUNCTION")
    String function;
    @Parameters(index = "1", description = "path under the function, e.g. v2/models/iris/infer")
    String path;
    @Parameters(index = "2", arity = "0..1", description = "JSON body (or @file); none = GET")
    String body;

    @Override
    public void run() {
        if (!function.matches("[^/]+/[^/]+")) {
            throw new IllegalArgumentException("FUNCTION must be PROJECT/FUNCTION, got '" + function + "'");
        }
        String text = body;
        if (text != null && text.startsWith("@")) {
            try {
                text = Files.readString(Path.of(text.substring(1)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + text.substring(1), e);
            }
        }
        Output.print(opts.out(), Output.Format.json, opts.client().invoke(function, path, text));
    }
}
