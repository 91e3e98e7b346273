package io.driftwatch.engine.apps;

import io.driftwatch.MonitoringApplication;
import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import io.driftwatch.engine.port.ProjectRecords.MonitoringSettings;
import io.driftwatch.engine.port.ProjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

final class DefaultApplicationRegistry implements ApplicationRegistry {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private final ProjectStore projects;
    private final Clock clock;
    private final Path appsDir;
    private final ClassLoader parent;
    private final Map<String, DeployedApp> instances = new ConcurrentHashMap<>();
    private final Map<Path, URLClassLoader> jarLoaders = new ConcurrentHashMap<>();

    DefaultApplicationRegistry(ProjectStore projects, Clock clock, Path appsDir, ClassLoader parent) {
        this.projects = Objects.requireNonNull(projects, "projects");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.appsDir = appsDir == null ? null : appsDir.toAbsolutePath().normalize();
        this.parent = parent;
    }

    @Override
    public AppRegistration register(String project, String name, String className, String jar,
                                    Map<String, String> params) {
        DeployedApp loaded = load(project, name, className, jar, params);
        projects.putApplication(loaded.registration());
        instances.put(key(project, name), new DeployedApp(withProjectOptions(loaded.registration()),
                loaded.app()));
        return loaded.registration();
    }

    @Override
    public AppRegistration validate(String project, String name, String className, String jar,
                                    Map<String, String> params) {
        return load(project, name, className, jar, params).registration();
    }

    /** Checks and instantiates the app: the registration as given (not the effective one) with its instance. */
    private DeployedApp load(String project, String name, String className, String jar, Map<String, String> params) {
        requireProject(project);
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid application name '" + name
                    + "': lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63");
        }
        if (className == null || className.isBlank()) {
            throw new IllegalArgumentException("application '" + name + "' needs a class name");
        }
        String jarName = jar == null || jar.isBlank() ? null : jar.strip();
        AppRegistration reg = new AppRegistration(project, name, className.strip(), jarName, params, clock.instant());
        return new DeployedApp(reg, instantiate(withProjectOptions(reg)));
    }

    @Override
    public void deployDefaults(String project, boolean histogramDataDrift) {
        requireProject(project);
        boolean present = projects.applications(project).stream().anyMatch(a -> a.name().equals(HISTOGRAM_DATA_DRIFT));
        if (histogramDataDrift && !present) {
            register(project, HISTOGRAM_DATA_DRIFT, HistogramDataDriftApp.class.getName(), null, Map.of());
        }
    }

    @Override
    public List<AppRegistration> list(String project) {
        return projects.applications(project).stream().sorted(Comparator.comparing(AppRegistration::name)).toList();
    }

    @Override
    public List<String> applicationNames(String project) {
        return list(project).stream().map(AppRegistration::name).toList();
    }

    @Override
    public boolean remove(String project, String name) {
        instances.remove(key(project, name));
        return projects.deleteApplication(project, name);
    }

    @Override
    public Optional<DeployedApp> resolve(String project, String name) {
        Optional<AppRegistration> reg = projects.applications(project).stream()
                .filter(a -> a.name().equals(name)).findFirst();
        if (reg.isEmpty()) {
            instances.remove(key(project, name));
            return Optional.empty();
        }
        AppRegistration effective = withProjectOptions(reg.get());
        DeployedApp cached = instances.get(key(project, name));
        if (cached != null && cached.registration().equals(effective)) {
            return Optional.of(cached);
        }
        DeployedApp loaded = new DeployedApp(effective, instantiate(effective));
        instances.put(key(project, name), loaded);
        return Optional.of(loaded);
    }

    /** A built-in app's registration with the project's {@code min_rows} setting when it has no such param. */
    private AppRegistration withProjectOptions(AppRegistration reg) {
        if (reg.jar() != null || !BUILT_IN.containsValue(reg.className()) || reg.params().containsKey(MinRows.PARAM)) {
            return reg;
        }
        OptionalInt projectMin = projects.monitoringSettings(reg.project()).map(MonitoringSettings::minRows)
                .orElse(OptionalInt.empty());
        if (projectMin.isEmpty()) {
            return reg;
        }
        Map<String, String> params = new LinkedHashMap<>(reg.params());
        params.put(MinRows.PARAM, Integer.toString(projectMin.getAsInt()));
        return new AppRegistration(reg.project(), reg.name(), reg.className(), null, params, reg.created());
    }

    private void requireProject(String project) {
        if (project == null || !projects.projectExists(project)) {
            throw new NoSuchElementException("project '" + project + "' does not exist");
        }
    }

    private static String key(String project, String name) {
        return project + "\u0000" + name;
    }

    /** Loads and instantiates the registration's class; every failure names the app, the class and the cause. */
    MonitoringApplication instantiate(AppRegistration reg) {
        String what = "application '" + reg.name() + "': class '" + reg.className() + "'"
                + (reg.jar() == null ? " (classpath)" : " (jar '" + reg.jar() + "')");
        Class<?> cls;
        try {
            cls = Class.forName(reg.className(), true, loaderFor(reg));
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new IllegalArgumentException(what + " not found", e);
        } catch (LinkageError e) {
            throw new IllegalArgumentException(what + " cannot be loaded: " + e, e);
        }
        if (!MonitoringApplication.class.isAssignableFrom(cls)) {
            throw new IllegalArgumentException(what + " does not implement io.driftwatch.MonitoringApplication");
        }
        if (cls.isInterface() || Modifier.isAbstract(cls.getModifiers()) || !Modifier.isPublic(cls.getModifiers())) {
            throw new IllegalArgumentException(what + " must be a public concrete class");
        }
        return newInstance(cls.asSubclass(MonitoringApplication.class), reg, what);
    }

    private static MonitoringApplication newInstance(Class<? extends MonitoringApplication> cls, AppRegistration reg,
                                                     String what) {
        try {
            Constructor<? extends MonitoringApplication> withParams = publicConstructor(cls, Map.class);
            if (withParams != null) {
                return withParams.newInstance(reg.params());
            }
            Constructor<? extends MonitoringApplication> noArg = publicConstructor(cls);
            if (noArg == null) {
                throw new IllegalArgumentException(what
                        + " needs a public no-argument constructor or a public constructor taking Map<String, String>");
            }
            if (!reg.params().isEmpty()) {
                throw new IllegalArgumentException(what + " takes no params (no Map<String, String> constructor), got "
                        + reg.params().keySet());
            }
            return noArg.newInstance();
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            throw new IllegalArgumentException(what + " constructor failed: " + c.getMessage(), c);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(what + " cannot be instantiated: " + e, e);
        }
    }

    private static <T> Constructor<T> publicConstructor(Class<T> cls, Class<?>... params) {
        try {
            Constructor<T> c = cls.getConstructor(params);
            return Modifier.isPublic(c.getModifiers()) ? c : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private ClassLoader loaderFor(AppRegistration reg) {
        if (reg.jar() == null) {
            return parent;
        }
        if (appsDir == null) {
            throw new IllegalArgumentException("application '" + reg.name() + "' names jar '" + reg.jar()
                    + "' but no apps folder is configured");
        }
        Path jar = appsDir.resolve(reg.jar()).normalize();
        if (!jar.startsWith(appsDir) || !jar.getFileName().toString().endsWith(".jar")) {
            throw new IllegalArgumentException("application '" + reg.name() + "': jar '" + reg.jar()
                    + "' must be a .jar file inside the apps folder " + appsDir);
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("application '" + reg.name() + "': jar '" + reg.jar()
                    + "' not found in " + appsDir);
        }
        return jarLoaders.computeIfAbsent(jar, this::newLoader);
    }

    private URLClassLoader newLoader(Path jar) {
        try {
            return new URLClassLoader("app-" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, parent);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(new IOException("bad jar path " + jar, e));
        }
    }
}
