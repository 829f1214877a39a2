package dev.hetplace.backends.ort;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX model in an ONNX Runtime session on the CPU provider (or CUDA, where the settings ask for it and the
 * GPU build of ONNX Runtime is on the class path). Inputs and outputs are float arrays by name
 * (int64 inputs, token ids, are converted from their float values). With profiling on, ORT writes its trace (each
 * node's kernel time, op and provider) to a temporary file that {@link #endProfiling} reads and deletes. The
 * session records which provider runs each node ({@code session.record_ep_graph_assignment_info}); the Java API
 * does not read that record back, so the provider per node comes from the profile.
 */
public final class OrtModel implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Path profileFile;
    private final Map<String, long[]> inputShapes = new LinkedHashMap<>();
    private final Map<String, Boolean> integerInputs = new LinkedHashMap<>();
    private final List<PreparedRun> prepared = new ArrayList<>();

    private OrtModel(OrtEnvironment env, OrtSession session, Path profileFile) throws OrtException {
        this.env = env;
        this.session = session;
        this.profileFile = profileFile;
        for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
            TensorInfo t = (TensorInfo) e.getValue().getInfo();
            inputShapes.put(e.getKey(), t.getShape());
            integerInputs.put(e.getKey(), t.type == ai.onnxruntime.OnnxJavaType.INT64);
        }
    }

    /** Opens a session over the model's bytes; a model ORT cannot run fails naming the node and op. */
    public static OrtModel open(byte[] model, String what, OrtSettings settings) {
        OrtEnvironment env = OrtRuntime.environment();
        Path profile = null;
        try {
            if (settings.profile()) {
                profile = Files.createTempFile("hetplace-ort-profile", "");
                Files.delete(profile);
            }
            try (OrtSession.SessionOptions o = options(settings, profile)) {
                return new OrtModel(env, env.createSession(model, o), profile);
            }
        } catch (OrtException e) {
            throw new OrtRunException("ONNX Runtime cannot run " + what + ": " + describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an ONNX Runtime profile file: " + e.getMessage(), e);
        }
    }

    /** The session options {@code settings} ask for (profiling to {@code profile} when not null); the caller closes. */
    static OrtSession.SessionOptions options(OrtSettings settings, Path profile) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        try {
            o.setIntraOpNumThreads(settings.threads());
            o.setInterOpNumThreads(1);
            o.setOptimizationLevel(settings.optimizeAll() ? OrtSession.SessionOptions.OptLevel.ALL_OPT
                    : OrtSession.SessionOptions.OptLevel.NO_OPT);
            o.addConfigEntry("session.record_ep_graph_assignment_info", "1");
            o.addConfigEntry("session.intra_op.allow_spinning", settings.spin() ? "1" : "0");
            o.addConfigEntry("session.force_spinning_stop", settings.spin() ? "1" : "0");
            if (settings.provider() == OrtProvider.CUDA) {
                addCuda(o);
            }
            if (profile != null) {
                o.enableProfiling(profile.toString());
            }
            return o;
        } catch (OrtException | RuntimeException e) {
            o.close();
            throw e;
        }
    }

    private static void addCuda(OrtSession.SessionOptions o) {
        try {
            o.addCUDA(0);
        } catch (OrtException e) {
            throw new OrtUnavailableException("ONNX Runtime's CUDA provider is not available (the class path needs"
                    + " com.microsoft.onnxruntime:onnxruntime_gpu:" + OrtRuntime.VERSION + " in place of the CPU jar,"
                    + " and CUDA 12 with cuDNN 9): " + describe(e));
        }
    }

    public static OrtModel open(Path file, OrtSettings settings) {
        try {
            return open(Files.readAllBytes(file), file.toString(), settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public List<String> inputNames() {
        return List.copyOf(inputShapes.keySet());
    }

    /** The declared shape of input {@code name} (a copy). */
    public long[] inputShape(String name) {
        long[] shape = inputShapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("no ONNX input '" + name + "'");
        }
        return shape.clone();
    }

    /** Runs once on named inputs; returns every output (in the model's order) as floats, by name. */
    public Map<String, float[]> run(Map<String, float[]> inputs) {
        Map<String, OnnxTensor> feed = tensors(inputs);
        try {
            Map<String, float[]> out = new LinkedHashMap<>();
            try (OrtSession.Result r = runTensors(feed)) {
                for (Map.Entry<String, OnnxValue> e : r) {
                    out.put(e.getKey(), floats(e.getKey(), (OnnxTensor) e.getValue()));
                }
            }
            return out;
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * Runs on fixed inputs, for timing: the input tensors are made once, and each run releases ORT's outputs
     * without copying them, so a timed loop allocates next to nothing on the Java heap. A loop through
     * {@link #run(Map)} copies its input into a new tensor and its outputs into new arrays on every run (a 224x224
     * image at 2-3 ms a run: about 250 MB/s), and the collector's concurrent marking, which grows with what the
     * process holds, then takes a core from 2-thread runs: squeezenet1_1's all-fp32 export measured 4.3 ms at 2
     * threads late in a study's process against 2.9 ms in a fresh one. Its inputs are freed when this model closes.
     */
    public PreparedRun prepare(Map<String, float[]> inputs) {
        PreparedRun run = new PreparedRun(tensors(inputs));
        prepared.add(run);
        return run;
    }

    /** Every input as a tensor, by name, in the model's order; the caller closes them (all closed on a refusal). */
    private Map<String, OnnxTensor> tensors(Map<String, float[]> inputs) {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (String name : inputShapes.keySet()) {
                float[] v = inputs.get(name);
                if (v == null) {
                    throw new IllegalArgumentException("no value for ONNX input '" + name + "'");
                }
                feed.put(name, tensor(name, v));
            }
            return feed;
        } catch (RuntimeException e) {
            feed.values().forEach(OnnxTensor::close);
            throw e;
        }
    }

    /** One model's run on inputs made once ({@link #prepare}); the model's {@link OrtModel#close} frees the inputs. */
    public final class PreparedRun implements Runnable {
        private final Map<String, OnnxTensor> feed;

        private PreparedRun(Map<String, OnnxTensor> feed) {
            this.feed = feed;
        }

        @Override
        public void run() {
            runTensors(feed).close();
        }
    }

    /** Runs once on tensors (of any element type, by input name); the caller closes the result. */
    OrtSession.Result runTensors(Map<String, ? extends ai.onnxruntime.OnnxTensorLike> feed) {
        try {
            return session.run(feed);
        } catch (OrtException e) {
            throw new OrtRunException("ONNX Runtime failed running the model: " + describe(e));
        }
    }

    /** A float sample as this model's input {@code name} takes it (int64 inputs from the values, rounded down). */
    OnnxTensor tensor(String name, float[] v) {
        long[] shape = inputShapes.get(name);
        try {
            if (integerInputs.get(name)) {
                long[] ids = new long[v.length];
                for (int i = 0; i < v.length; i++) {
                    ids[i] = (long) v[i];
                }
                return OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
            }
            return OnnxTensor.createTensor(env, FloatBuffer.wrap(v), shape);
        } catch (OrtException e) {
            throw new OrtRunException("ONNX Runtime cannot take input '" + name + "': " + describe(e));
        }
    }

    static float[] floats(String name, OnnxTensor t) {
        FloatBuffer b = t.getFloatBuffer();
        if (b == null) {
            throw new OrtRunException("ONNX Runtime output '" + name + "' is " + t.getInfo().type + ", not float32");
        }
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    /** Ends profiling and parses ORT's trace (the file is deleted); empty when profiling was off. */
    /**
     * {@code model} run {@code runs} times back to back on {@code inputs} in a session of its own with profiling on
     * ({@code settings}, profiled), and the profile of those runs; the session is closed before this returns.
     */
    public static OrtProfile profile(byte[] model, String what, OrtSettings settings, Map<String, float[]> inputs,
                                     int runs) {
        try (OrtModel m = open(model, what, settings.profiled())) {
            PreparedRun run = m.prepare(inputs);
            for (int r = 0; r < runs; r++) {
                run.run();
            }
            return m.endProfiling();
        }
    }

    public OrtProfile endProfiling() {
        if (profileFile == null) {
            return new OrtProfile(List.of());
        }
        try {
            Path written = Path.of(session.endProfiling());
            try {
                return OrtProfile.parse(Files.readString(written));
            } finally {
                Files.deleteIfExists(written);
            }
        } catch (OrtException e) {
            throw new OrtRunException("ONNX Runtime profiling failed: " + describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ONNX Runtime's profile: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        prepared.forEach(run -> run.feed.values().forEach(OnnxTensor::close));
        prepared.clear();
        try {
            session.close();
        } catch (OrtException e) {
            throw new OrtRunException("ONNX Runtime failed closing a session: " + describe(e));
        }
    }

    /** ORT's message on one line (it names the node and op it cannot run). */
    static String describe(OrtException e) {
        return e.getMessage() == null ? e.getCode().toString() : e.getMessage().replaceAll("\\s+", " ").trim();
    }

    List<String> outputNames() {
        return new ArrayList<>(session.getOutputNames());
    }
}
