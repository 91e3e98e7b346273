package io.driftwatch.engine.apps;

import java.util.List;

/** The names of the applications deployed in a project (the registry implements it). */
@FunctionalInterface
public interface AppCatalog {
    List<String> applicationNames(String project);
}
