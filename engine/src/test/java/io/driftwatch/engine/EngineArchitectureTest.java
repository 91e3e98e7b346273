package io.driftwatch.engine;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The engine's packages depend one way along the data flow (DESIGN.md §2): the controller hands windows to the
 * apps, the apps' outputs go to the writer, the alerts react to the writer's events; all of them reach the stores
 * only through the ports, and the in-memory adapters implement those ports. Main classes only.
 */
@AnalyzeClasses(packages = "io.driftwatch.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class EngineArchitectureTest {
    private static final String PORT = "io.driftwatch.engine.port..";
    private static final String BACKEND = "io.driftwatch.engine.backend..";

    /** No two engine packages depend on each other, directly or around a loop (each package is its own slice). */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.driftwatch.engine.(**)")
            .as("engine packages").should().beFreeOfCycles();

    /** controller → apps → writer → alerts, and everything → event → port; the memory adapters sit under all. */
    @ArchTest
    static final ArchRule layersFollowTheDataFlow = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Controller").definedBy("io.driftwatch.engine.controller..")
            .layer("Processor").definedBy("io.driftwatch.engine.processor..")
            .layer("Apps").definedBy("io.driftwatch.engine.apps..")
            .layer("Writer").definedBy("io.driftwatch.engine.writer..")
            .layer("Alerts").definedBy("io.driftwatch.engine.alerts..")
            .layer("Event").definedBy("io.driftwatch.engine.event..")
            .layer("Json").definedBy("io.driftwatch.engine.json..")
            .layer("Memory").definedBy("io.driftwatch.engine.memory..")
            .layer("Port").definedBy(PORT)
            .whereLayer("Controller").mayNotBeAccessedByAnyLayer()
            .whereLayer("Processor").mayNotBeAccessedByAnyLayer()
            .whereLayer("Apps").mayOnlyBeAccessedByLayers("Controller")
            .whereLayer("Writer").mayOnlyBeAccessedByLayers("Controller", "Apps")
            .whereLayer("Alerts").mayOnlyBeAccessedByLayers("Controller", "Apps", "Writer")
            .whereLayer("Event").mayOnlyBeAccessedByLayers("Controller", "Processor", "Apps", "Writer", "Alerts")
            // the thin factories AlertStores.inMemory() and ArtifactStores.inMemory() delegate to engine.memory
            .whereLayer("Memory").mayOnlyBeAccessedByLayers("Apps", "Alerts")
            .whereLayer("Port").mayOnlyBeAccessedByLayers("Controller", "Processor", "Apps", "Writer", "Alerts",
                    "Memory")
            .as("engine packages depend one way along the data flow");

    /**
     * The ports are the engine's floor: they know the model's vocabulary and nothing else of Driftwatch, except the
     * window summaries ({@code io.driftwatch.stats.summary}), the stored form the sample store keeps beside the rows
     * (issue 17), as the model's types are the stored form of records, and the model's canonical JSON
     * ({@code engine.json}, {@code stats.json}): the reference version of an endpoint is a hash of that JSON.
     */
    @ArchTest
    static final ArchRule portsDependOnTheModelOnly = classes().that().resideInAPackage(PORT)
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.driftwatch..")
                    .or(resideInAnyPackage(PORT, "io.driftwatch", "io.driftwatch.stats.summary",
                            "io.driftwatch.engine.json", "io.driftwatch.stats.json")))
            .as("the port package depends on nothing of io.driftwatch but itself, the model root, the window "
                    + "summaries and the model's canonical JSON");

    /** The model's canonical JSON is a leaf under the ports: it knows the model and nothing else of the engine. */
    @ArchTest
    static final ArchRule modelJsonIsALeaf = classes().that().resideInAPackage("io.driftwatch.engine.json")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.driftwatch..")
                    .or(resideInAnyPackage("io.driftwatch.engine.json", "io.driftwatch", "io.driftwatch.stats.json")))
            .as("engine.json depends only on the model and its statistics' JSON");

    /**
     * The backend SPI (the providers adapters register under META-INF/services, and the loader that composes them
     * from URIs) is written against the ports alone: an adapter implementing it sees no controller, app or writer.
     */
    @ArchTest
    static final ArchRule backendSpiSeesOnlyThePorts = classes().that().resideInAPackage(BACKEND)
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.driftwatch.engine..")
                    .or(resideInAnyPackage(PORT, BACKEND)))
            .as("engine.backend depends on nothing of the engine but the ports");

    /** The engine's own stages never compose backends: only the server, the CLI and adapters use the SPI. */
    @ArchTest
    static final ArchRule noStageUsesTheBackendSpi = noClasses().that().resideInAPackage("io.driftwatch.engine..")
            .and().resideOutsideOfPackage(BACKEND)
            .should().dependOnClassesThat().resideInAPackage(BACKEND)
            .as("no engine package but engine.backend itself uses engine.backend");

    /** The engine imports no adapter, no server, no CLI and none of their libraries. */
    @ArchTest
    static final ArchRule noAdapterInTheEngine = noClasses().that().resideInAPackage("io.driftwatch.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("io.driftwatch.store..", "io.driftwatch.stream..",
                    "io.driftwatch.server..", "io.driftwatch.cli..", "io.driftwatch.serving..",
                    "io.driftwatch.client..", "org.duckdb..", "io.javalin..", "ai.onnxruntime..", "io.micrometer..",
                    "picocli..", "java.sql..")
            .as("the engine imports no adapter (store, stream, server, cli, serving, client, DuckDB, JDBC, Javalin)");

    /** Everything engine uses of Driftwatch is the model, the statistics and itself. */
    @ArchTest
    static final ArchRule engineSeesOnlyLowerModules = classes().that().resideInAPackage("io.driftwatch.engine..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.driftwatch..").or(resideInAnyPackage(
                    "io.driftwatch", "io.driftwatch.concurrent..", "io.driftwatch.stats..", "io.driftwatch.engine..")))
            .as("the engine depends only on the model and stats modules of Driftwatch");
}
