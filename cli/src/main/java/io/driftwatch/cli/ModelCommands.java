package io.driftwatch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import io.driftwatch.client.ValidationSetFile;
import picocli.CommandLine.Parameters;

/** {@code driftwatch models log|list}: MLRun's log_model with a training set (and a scored validation set). */
@Command(name = "models", description = "Log and list models.", mixinStandardHelpOptions = true,
        subcommands = {ModelCommands.Log.class, ModelCommands.ListModels.class})
final class ModelCommands {
    @Command(name = "log", description = "Log a model with its training set (CSV with a header row, or Parquet).")
    static final class Log implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;
        @Parameters(index = "0", description = "model name")
        String name;
        @Option(names = "--training-set", required = true, description = "CSV (header row) or Parquet file")
        Path trainingSet;
        @Option(names = "--label-column", description = "the label column of the training set")
        String labelColumn;
        @Option(names = "--framework", description = "e.g. sklearn, onnx")
        String framework;
        @Option(names = "--model-file", description = "the model file to store")
        Path modelFile;
        @Option(names = "--version", description = "model version")
        String version;
        @Option(names = "--validation-set", description = "a scored validation set (features, outputs, labels: CSV, "
                + "Parquet, JSON or NDJSON): the model-performance app's reference")
        Path validationSet;
        @Option(names = "--validation-label-column", description = "its label column (default: --label-column)")
        String validationLabelColumn;
        @Option(names = "--prediction-column", description = "its prediction column")
        String predictionColumn;
        @Option(names = "--probability-columns", description = "its class probabilities: class:column,...")
        String probabilityColumns;

        @Override
        public void run() {
            ValidationSetFile validation = validationSet == null ? null : new ValidationSetFile(validationSet,
                    validationLabelColumn, predictionColumn, probabilityColumns);
            opts.print(opts.client().logModel(project.project, name,
                    version, framework, labelColumn, modelFile, trainingSet, validation));
        }
    }

    @Command(name = "list", description = "List the models of a project.")
    static final class ListModels implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;

        @Override
        public void run() {
            opts.print(
                    opts.client().get("/projects/" + project.project + "/models"),
                    "name", "version", "framework", "label_column", "created");
        }
    }
}
