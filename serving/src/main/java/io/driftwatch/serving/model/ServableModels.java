package io.driftwatch.serving.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Loads model classes: ONNX files through onnxruntime, Java model classes by name. */
public final class ServableModels {
    /** The model class name of ONNX models. */
    public static final String ONNX = OnnxModel.class.getName();

    private ServableModels() {
    }

    /**
     * Loads a model.
     *
     * @param modelClass a {@link ServableModel} class name, or null/blank to infer from the file ({@code .onnx})
     * @param modelFile  the model file (a logged model's {@code model_file}); may be null for a Java class with a
     *                   no-argument constructor
     * @throws IllegalArgumentException naming the class or file that cannot be loaded
     */
    public static ServableModel load(String modelClass, Path modelFile) {
        String cls = modelClass == null || modelClass.isBlank() ? inferClass(modelFile) : modelClass;
        if (cls.equals(ONNX) || cls.equalsIgnoreCase("onnx")) {
            if (modelFile == null) {
                throw new IllegalArgumentException("an ONNX model needs a model file");
            }
            return OnnxModel.load(modelFile);
        }
        return instantiate(cls, modelFile);
    }

    /** The model class that {@link #load} uses for a class name that may be blank. */
    public static String className(String modelClass, Path modelFile) {
        String cls = modelClass == null || modelClass.isBlank() ? inferClass(modelFile) : modelClass;
        return cls.equalsIgnoreCase("onnx") ? ONNX : cls;
    }

    private static String inferClass(Path modelFile) {
        if (modelFile != null && modelFile.getFileName().toString().toLowerCase(Locale.ROOT)
                .endsWith(".onnx")) {
            return ONNX;
        }
        throw new IllegalArgumentException("no model class given and the model file " + modelFile
                + " is not an .onnx file");
    }

    private static ServableModel instantiate(String cls, Path modelFile) {
        Class<?> type;
        try {
            type = Class.forName(cls, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("model class " + cls + " is not on the classpath", e);
        }
        if (!ServableModel.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("model class " + cls + " does not implement "
                    + ServableModel.class.getName());
        }
        try {
            if (modelFile != null) {
                if (!Files.isRegularFile(modelFile)) {
                    throw new IllegalArgumentException("model file " + modelFile + " does not exist");
                }
                try {
                    Constructor<?> withPath = type.getConstructor(Path.class);
                    return (ServableModel) withPath.newInstance(modelFile);
                } catch (NoSuchMethodException e) {
                    // fall back to the no-argument constructor
                }
            }
            return (ServableModel) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("model class " + cls + " needs a public (Path) or () constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("model class " + cls + " failed to load: " + e.getCause(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("model class " + cls + " cannot be instantiated: " + e, e);
        }
    }
}
