package io.driftwatch.server.auth;

/**
 * Who calls: the holder of a project key ({@code project} and {@code role}), the server admin ({@code project}
 * null), or anybody when auth is off ({@link #LOCAL}).
 *
 * @param project the key's project; null for the server admin and {@link #LOCAL}
 * @param role    the key's role ({@link Role#ADMIN} for the server admin)
 * @param keyId   the key's public id ({@code admin} or {@code local} for the others)
 */
public record Principal(String project, Role role, String keyId) {
    /** Everybody, when auth is off. */
    public static final Principal LOCAL = new Principal(null, Role.ADMIN, "local");

    /** The server admin key's holder. */
    public static Principal serverAdmin() {
        return new Principal(null, Role.ADMIN, "admin");
    }

    /** True for the server admin (and everybody when auth is off): every project. */
    public boolean allProjects() {
        return project == null;
    }

    /** True when this caller may read {@code p}. */
    public boolean canRead(String p) {
        return (allProjects() || project.equals(p)) && role.grants(Access.VIEWER);
    }

    /** True when this caller may call a route of {@code routeProject} (null: no project) needing {@code need}. */
    public boolean allows(Access need, String routeProject) {
        if (need == Access.OPEN || allProjects()) {
            return true;
        }
        if (need == Access.SERVER_ADMIN || !role.grants(need)) {
            return false;
        }
        return routeProject == null ? need == Access.ANY_KEY || need == Access.VIEWER : project.equals(routeProject);
    }
}
