package io.driftwatch.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;

/**
 * The server's packages by concern (each the door one kind of request comes in by): {@code server.http} is the
 * bottom helper package every route uses; {@code ingest} (events in), {@code api} (REST), {@code grafana},
 * {@code metrics} (Prometheus), {@code ui} and {@code pyapps} (the Python apps' task routes) stand on it and on
 * two classes of the server's root, {@link Backend} (what routes serve from) and {@link ApiServer} (the route
 * prefix); the root composes them all. Main classes only.
 */
@AnalyzeClasses(packages = "io.driftwatch.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerPackagesTest {
    private static final String SERVER = "io.driftwatch.server";
    private static final String HTTP = SERVER + ".http..";
    private static final String[] CONCERNS = {SERVER + ".api..", SERVER + ".ingest..", SERVER + ".grafana..",
        SERVER + ".metrics..", SERVER + ".ui..", SERVER + ".pyapps.."};

    /** No cycle among the server's sub-packages (the root, which composes them, is left out). */
    @ArchTest
    static final ArchRule noCycleAmongTheSubPackages = slices().matching(SERVER + ".(*)..")
            .as("server sub-packages").should().beFreeOfCycles();

    /** Who may use whom among the server's packages: what holds today, written down. */
    @ArchTest
    static final ArchRule concernsStandOnHttp = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Root").definedBy(SERVER)
            .layer("Api").definedBy(SERVER + ".api..")
            .layer("Ingest").definedBy(SERVER + ".ingest..")
            .layer("Grafana").definedBy(SERVER + ".grafana..")
            .layer("Metrics").definedBy(SERVER + ".metrics..")
            .layer("Ui").definedBy(SERVER + ".ui..")
            .layer("PyApps").definedBy(SERVER + ".pyapps..")
            .layer("Http").definedBy(HTTP)
            .whereLayer("Api").mayOnlyBeAccessedByLayers("Root")
            .whereLayer("Ingest").mayOnlyBeAccessedByLayers("Root")
            .whereLayer("Grafana").mayOnlyBeAccessedByLayers("Root")
            .whereLayer("Metrics").mayOnlyBeAccessedByLayers("Root")
            .whereLayer("Ui").mayOnlyBeAccessedByLayers("Root")
            // the REST API registers and lists the Python apps whose task routes pyapps serves
            .whereLayer("PyApps").mayOnlyBeAccessedByLayers("Root", "Api")
            .as("server concern packages are used only by the root (pyapps also by api); all may use http");

    /** The helper package is the bottom: it knows neither the root nor any concern package. */
    @ArchTest
    static final ArchRule httpIsTheBottom = classes().that().resideInAPackage(HTTP)
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(SERVER + "..").or(resideInAPackage(HTTP)))
            .as("server.http uses nothing of the server but itself");

    /** Of the root, the concern packages see only what routes serve from and the route prefix. */
    @ArchTest
    static final ArchRule concernsUseOnlyBackendAndApiServerOfTheRoot = noClasses()
            .that().resideInAnyPackage(CONCERNS)
            .should().dependOnClassesThat(resideInAPackage(SERVER)
                    .and(belongToAnyOf(Backend.class, ApiServer.class).negate()))
            .as("server concern packages use of the server's root only Backend and ApiServer");

    /** Events come in by ingest: it does not reach into the query side (REST, Grafana, UI, metrics). */
    @ArchTest
    static final ArchRule ingestKnowsNoQuerySide = noClasses().that().resideInAPackage(SERVER + ".ingest..")
            .should().dependOnClassesThat().resideInAnyPackage(SERVER + ".api..", SERVER + ".grafana..",
                    SERVER + ".ui..", SERVER + ".metrics..", SERVER + ".pyapps..")
            .as("server.ingest uses none of api, grafana, ui, metrics, pyapps");
}
