package io.driftwatch.serving.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX model served through onnxruntime (one {@link OrtSession}, thread-safe, shared by all requests).
 *
 * <p>Tensor inputs and outputs of type float, double, int32, int64, bool and string map onto FP32, FP64, INT32, INT64,
 * BOOL and BYTES; the request's datatype must equal the model input's. A classifier's outputs stay separate OIP
 * tensors (e.g. {@code label} INT64 [N] and {@code probabilities} FP32 [N,k]); a ZipMap output (a sequence of
 * class→probability maps, skl2onnx's default) becomes an FP32 [N,k] tensor with the classes in key order. The
 * tracked output row is then {@code [label, p_0, …, p_{k-1}]} (see {@link ServableModel}).
 *
 * <p>The iris RandomForest (15 trees) answers a 1-row request in well under a millisecond.
 */
public final class OnnxModel implements ServableModel {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelMetadata metadata;

    private OnnxModel(OrtEnvironment env, OrtSession session, ModelMetadata metadata) {
        this.env = env;
        this.session = session;
        this.metadata = metadata;
    }

    /**
     * Loads an ONNX model file.
     *
     * @throws IllegalArgumentException if the file is missing or not a model onnxruntime can load
     */
    public static OnnxModel load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("ONNX model file " + file + " does not exist");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try {
            OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
            try {
                ModelMetadata md = new ModelMetadata("onnxruntime", specs(session.getInputInfo()),
                        specs(session.getOutputInfo()));
                return new OnnxModel(env, session, md);
            } catch (RuntimeException | OrtException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new IllegalArgumentException("cannot load ONNX model " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public InferResponse infer(InferRequest request) {
        Set<String> wanted = requestedOutputs(request);
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
            for (TensorSpec spec : metadata.inputs()) {
                feeds.put(spec.name(), toOnnx(spec, request.input(spec.name())));
            }
            try (OrtSession.Result result = session.run(feeds, wanted)) {
                List<Tensor> outputs = new ArrayList<>();
                for (Map.Entry<String, OnnxValue> e : result) {
                    outputs.add(fromOnnx(e.getKey(), e.getValue()));
                }
                return InferResponse.of(outputs);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime failed: " + e.getMessage(), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX session failed", e);
        }
    }

    private Set<String> requestedOutputs(InferRequest request) {
        if (request.outputs().isEmpty()) {
            return session.getOutputNames();
        }
        for (String name : request.outputs()) {
            if (!session.getOutputNames().contains(name)) {
                throw new IllegalArgumentException("unknown output '" + name + "'; model outputs: "
                        + session.getOutputNames());
            }
        }
        return new LinkedHashSet<>(request.outputs());
    }

    private OnnxTensor toOnnx(TensorSpec spec, Tensor t) throws OrtException {
        if (t.datatype() != spec.datatype()) {
            throw new IllegalArgumentException("input '" + t.name() + "' must be " + spec.datatype() + ", got "
                    + t.datatype());
        }
        long[] shape = t.shape();
        if (!spec.accepts(shape)) {
            throw new IllegalArgumentException("input '" + t.name() + "' has shape " + Arrays.toString(shape)
                    + ", model expects " + spec.shape() + " (-1 = any)");
        }
        return switch (t.datatype()) {
            case FP32 -> OnnxTensor.createTensor(env, FloatBuffer.wrap((float[]) t.data()), shape);
            case FP64 -> OnnxTensor.createTensor(env, DoubleBuffer.wrap((double[]) t.data()), shape);
            case INT32 -> OnnxTensor.createTensor(env, IntBuffer.wrap((int[]) t.data()), shape);
            case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap((long[]) t.data()), shape);
            case BYTES -> OnnxTensor.createTensor(env, (String[]) t.data(), shape);
            case BOOL -> {
                boolean[] b = (boolean[]) t.data();
                ByteBuffer buf = ByteBuffer.allocateDirect(b.length);
                for (boolean v : b) {
                    buf.put((byte) (v ? 1 : 0));
                }
                buf.flip();
                yield OnnxTensor.createTensor(env, buf, shape, OnnxJavaType.BOOL);
            }
        };
    }

    static Tensor fromOnnx(String name, OnnxValue value) throws OrtException {
        if (value instanceof OnnxTensor t) {
            long[] shape = t.getInfo().getShape();
            return Tensor.of(name, datatype(name, t.getInfo().type), shape, flatData(t));
        }
        if (value instanceof OnnxSequence seq) {
            return zipMap(name, seq);
        }
        throw new IllegalStateException("output '" + name + "' is a " + value.getType() + ", not servable");
    }

    private static Object flatData(OnnxTensor t) throws OrtException {
        return switch (t.getInfo().type) {
            case FLOAT -> buffer(t.getFloatBuffer());
            case DOUBLE -> {
                DoubleBuffer b = t.getDoubleBuffer();
                double[] a = new double[b.remaining()];
                b.get(a);
                yield a;
            }
            case INT32 -> {
                IntBuffer b = t.getIntBuffer();
                int[] a = new int[b.remaining()];
                b.get(a);
                yield a;
            }
            case INT64 -> {
                LongBuffer b = t.getLongBuffer();
                long[] a = new long[b.remaining()];
                b.get(a);
                yield a;
            }
            case BOOL -> {
                ByteBuffer b = t.getByteBuffer();
                boolean[] a = new boolean[b.remaining()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = b.get() != 0;
                }
                yield a;
            }
            case STRING -> flattenStrings(t.getValue());
            default -> throw new IllegalStateException("unsupported ONNX tensor type " + t.getInfo().type);
        };
    }

    private static float[] buffer(FloatBuffer b) {
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    private static String[] flattenStrings(Object nested) {
        List<String> out = new ArrayList<>();
        flatten(nested, out);
        return out.toArray(String[]::new);
    }

    private static void flatten(Object nested, List<String> out) {
        if (nested instanceof String s) {
            out.add(s);
        } else {
            for (Object o : (Object[]) nested) {
                flatten(o, out);
            }
        }
    }

    private static Tensor zipMap(String name, OnnxSequence seq) throws OrtException {
        List<? extends OnnxValue> maps = seq.getValue();
        List<float[]> rows = new ArrayList<>();
        for (OnnxValue m : maps) {
            Map<?, ?> map = ((ai.onnxruntime.OnnxMap) m).getValue();
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            entries.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
            float[] row = new float[entries.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = ((Number) entries.get(i).getValue()).floatValue();
            }
            rows.add(row);
        }
        return Tensor.ofFloats(name, rows.toArray(float[][]::new));
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
        List<TensorSpec> out = new ArrayList<>();
        for (NodeInfo node : infos.values()) {
            ValueInfo info = node.getInfo();
            if (info instanceof TensorInfo t) {
                out.add(new TensorSpec(node.getName(), datatype(node.getName(), t.type),
                        Arrays.stream(t.getShape()).boxed().toList()));
            } else if (info instanceof SequenceInfo) {
                out.add(new TensorSpec(node.getName(), Datatype.FP32, List.of(-1L, -1L)));
            } else {
                throw new IllegalArgumentException("ONNX value '" + node.getName() + "' is " + info
                        + "; only tensors and ZipMap sequences are servable");
            }
        }
        return out;
    }

    private static Datatype datatype(String name, OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> Datatype.FP32;
            case DOUBLE -> Datatype.FP64;
            case INT32 -> Datatype.INT32;
            case INT64 -> Datatype.INT64;
            case BOOL -> Datatype.BOOL;
            case STRING -> Datatype.BYTES;
            default -> throw new IllegalArgumentException("ONNX value '" + name + "' has unsupported type " + type);
        };
    }
}
