package io.driftwatch.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.driftwatch.engine.apps.ArtifactStores;

/**
 * The layering rule of the whole code base (main classes of every module on this module's classpath):
 * {@code io.driftwatch} (the model) ← {@code stats} ← {@code engine} ← adapters ({@code store}, {@code stream}) ←
 * {@code server} ← {@code cli}; {@code serving} (the model server) and {@code client} (the Java client) stand
 * beside the pipeline on the model alone, used only by the server and the CLI; the {@code testkit} (the contracts
 * every adapter and app passes) stands on the engine and is used by no shipped code. No package cycle anywhere.
 * The rules among the server's own packages are {@link ServerPackagesTest}; those inside the engine are the engine's
 * {@code EngineArchitectureTest}.
 */
@AnalyzeClasses(packages = "io.driftwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    private static final String ROOT = "io.driftwatch";
    private static final String SERVER = "io.driftwatch.server";

    /**
     * Each package is its own slice, except the server's root: it composes the server's concern packages
     * (ingest, api, grafana, metrics, ui), and they may use its helpers, so the root is the one hub a cycle may
     * pass through; the concern packages themselves must not form a cycle.
     */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            boolean ours = p.equals(ROOT) || p.startsWith(ROOT + ".");
            return !ours || p.equals(SERVER) ? SliceIdentifier.ignore() : SliceIdentifier.of(p);
        }

        @Override
        public String getDescription() {
            return "io.driftwatch packages (the server's composition root aside)";
        }
    };

    @ArchTest
    static final ArchRule noPackageCycles = slices().assignedFrom(PACKAGES).should().beFreeOfCycles();

    @ArchTest
    static final ArchRule modulesDependDownTheDataFlow = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("Model").definedBy(ROOT, "io.driftwatch.concurrent..")
            .layer("Stats").definedBy("io.driftwatch.stats..")
            .layer("Engine").definedBy("io.driftwatch.engine..")
            .layer("Adapters").definedBy("io.driftwatch.store..", "io.driftwatch.stream..")
            .layer("Serving").definedBy("io.driftwatch.serving..")
            .layer("Client").definedBy("io.driftwatch.client..")
            .layer("Server").definedBy(SERVER + "..")
            .layer("Cli").definedBy("io.driftwatch.cli..")
            .layer("Testkit").definedBy("io.driftwatch.testkit..")
            .whereLayer("Testkit").mayNotBeAccessedByAnyLayer()
            .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("Server").mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Client").mayOnlyBeAccessedByLayers("Server", "Cli")
            .whereLayer("Serving").mayOnlyBeAccessedByLayers("Server", "Cli")
            .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Server", "Cli")
            .whereLayer("Engine").mayOnlyBeAccessedByLayers("Adapters", "Server", "Cli", "Testkit")
            .whereLayer("Stats").mayOnlyBeAccessedByLayers("Engine", "Adapters", "Server", "Cli", "Testkit")
            .as("modules depend only down the data flow: model <- stats <- engine <- store/stream <- server <- cli");

    /**
     * An adapter plugs in through the engine's ports, the backend SPI ({@code engine.backend}) and the stored JSON
     * formats ({@code engine.json}), and may use the engine's file-system chores ({@code engine.files}, which
     * depends on the JDK alone). Known exception: the file-system artifact store is built by
     * {@code engine.apps.ArtifactStores}, which the embedded object-store provider calls.
     */
    @ArchTest
    static final ArchRule adaptersSeeTheEngineThroughPortsAndSpi = classes()
            .that().resideInAnyPackage("io.driftwatch.store..", "io.driftwatch.stream..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.driftwatch.engine..")
                    .or(resideInAnyPackage("io.driftwatch.engine.port..", "io.driftwatch.engine.backend..",
                            "io.driftwatch.engine.json..", "io.driftwatch.engine.files.."))
                    .or(belongToAnyOf(ArtifactStores.class)))
            .as("adapters use of the engine only port, backend, json and files (and ArtifactStores.fileSystem)");

    /** The test kit checks adapters and apps against the engine's contracts: it sees no adapter, server or CLI. */
    @ArchTest
    static final ArchRule testkitStandsOnTheEngine = classes().that().resideInAPackage("io.driftwatch.testkit..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..").or(resideInAnyPackage(ROOT,
                    "io.driftwatch.concurrent..", "io.driftwatch.stats..", "io.driftwatch.engine..",
                    "io.driftwatch.testkit..")))
            .as("the testkit depends on nothing of io.driftwatch but the model, stats, the engine and itself");

    /** The vocabulary is the floor: the model's root package uses no other package of Driftwatch. */
    @ArchTest
    static final ArchRule modelRootDependsOnNothingOfOurs = classes().that().resideInAPackage(ROOT)
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..").or(resideInAnyPackage(ROOT)))
            .as("the model root package (io.driftwatch) depends on no other io.driftwatch package");

    /** The Java client is what a model server embeds: Jackson and the JDK, and at most the model's root. */
    @ArchTest
    static final ArchRule clientUsesTheModelRootOnly = classes().that().resideInAPackage("io.driftwatch.client..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..")
                    .or(resideInAnyPackage(ROOT, "io.driftwatch.client..")))
            .as("the client depends on nothing of io.driftwatch but itself and the model root");

    /** The model server (serving) stands beside the pipeline: it sees the model, never the engine or the stores. */
    @ArchTest
    static final ArchRule servingUsesTheModelOnly = classes().that().resideInAPackage("io.driftwatch.serving..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..")
                    .or(resideInAnyPackage(ROOT, "io.driftwatch.concurrent..", "io.driftwatch.serving..")))
            .as("serving depends on nothing of io.driftwatch but itself and the model");
}
