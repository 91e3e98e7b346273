package io.driftwatch.server.pyapps;

/** A Python app's own failure, as its worker reported it (becomes an {@code mm-app-failed} event). */
public final class PythonAppException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The failure of app {@code app} with the worker's message (the Python exception and its text). */
    public PythonAppException(String app, String message) {
        super("Python app '" + app + "' failed: " + message);
    }
}
