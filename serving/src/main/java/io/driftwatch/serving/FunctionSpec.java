package io.driftwatch.serving;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A serving function's persisted state: where it lives, its models, its tracking and whether it is deployed.
 *
 * @param project  the project
 * @param name     the function name ({@code [a-z0-9]([a-z0-9-]*[a-z0-9])?}, like MLRun function names)
 * @param tag      the function tag, or null
 * @param models   served models by name, in the order they were added
 * @param tracking the tracking setting
 * @param deployed whether the function serves (and is redeployed when the registry reopens)
 */
public record FunctionSpec(String project, String name, String tag, Map<String, ModelSpec> models,
        TrackingSpec tracking, boolean deployed) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    public FunctionSpec {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new ServingException(400, "invalid function name '" + name
                    + "': lower-case letters, digits and inner '-'");
        }
        if (tag != null && tag.isBlank()) {
            tag = null;
        }
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        Objects.requireNonNull(tracking, "tracking");
    }

    /** {@code project/name[:tag]}. */
    public String functionUri() {
        return project + "/" + name + (tag == null ? "" : ":" + tag);
    }

    FunctionSpec withModel(ModelSpec model) {
        Map<String, ModelSpec> m = new LinkedHashMap<>(models);
        m.put(model.name(), model);
        return new FunctionSpec(project, name, tag, m, tracking, deployed);
    }

    FunctionSpec withTracking(TrackingSpec t) {
        return new FunctionSpec(project, name, tag, models, t, deployed);
    }

    FunctionSpec withDeployed(boolean d) {
        return new FunctionSpec(project, name, tag, models, tracking, d);
    }
}
