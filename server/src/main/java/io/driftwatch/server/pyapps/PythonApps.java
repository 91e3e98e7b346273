package io.driftwatch.server.pyapps;

import io.driftwatch.server.http.ApiException;


/** The {@code runtime} field of {@code set_model_monitoring_function}: {@code java} (default) or {@code python}. */
public final class PythonApps {
    private PythonApps() {
    }

    /** True for {@code python}; false for null or {@code java}; 400 naming the field otherwise. */
    public static boolean isPython(String runtime) {
        if (runtime == null || runtime.equals("java")) {
            return false;
        }
        if (runtime.equals("python")) {
            return true;
        }
        throw ApiException.badRequest("field 'runtime' must be \"java\" or \"python\", got '" + runtime + "'");
    }

    /** The runtime of a registration by its class. */
    public static String runtime(String className) {
        return PythonApp.class.getName().equals(className) ? "python" : "java";
    }
}
