package dev.hetplace.backends.exec;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Calibration inputs from a directory ({@code --inputs DIR}). For a single-input model every {@code .bin} /
 * {@code .raw} (raw little-endian float32, exactly the input's elements x 4 bytes) or {@code .npy} (little-endian
 * float32, C order, shape equal to the input's, a leading batch of 1 may be left out) file is one sample, in name
 * order. For a model with several inputs every subdirectory is one sample holding one file per input, named
 * after the input. Every value must be finite.
 */
public final class InputFiles {
    private InputFiles() {
    }

    public static CalibrationInputs load(Path dir, Graph graph) {
        if (!Files.isDirectory(dir)) {
            throw new InputFileException("inputs directory '" + dir + "' does not exist or is not a directory");
        }
        List<Layer> ins = graph.inputs();
        List<float[][]> samples = new ArrayList<>();
        if (ins.size() == 1) {
            for (Path f : list(dir, false)) {
                samples.add(new float[][] {read(f, ins.get(0))});
            }
        } else {
            for (Path sub : list(dir, true)) {
                float[][] sample = new float[ins.size()][];
                List<Path> files = list(sub, false);
                for (int i = 0; i < ins.size(); i++) {
                    String want = ins.get(i).name();
                    Path f = files.stream().filter(p -> stem(p).equals(want)).findFirst().orElseThrow(() ->
                            new InputFileException("sample directory '" + sub + "' has no file for input '" + want
                                    + "' (" + want + ".bin, .raw or .npy)"));
                    sample[i] = read(f, ins.get(i));
                }
                samples.add(sample);
            }
        }
        if (samples.isEmpty()) {
            throw new InputFileException("inputs directory '" + dir + "' holds no "
                    + (ins.size() == 1 ? ".bin, .raw or .npy files" : "sample subdirectories"));
        }
        return new CalibrationInputs(samples, "files(" + dir + ", n=" + samples.size() + ")");
    }

    /** One input tensor from a file, checked against the input's shape and for finite values. */
    public static float[] read(Path file, Layer input) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputFileException("file '" + file + "' cannot be read: " + e.getMessage());
        }
        List<Integer> shape = input.output().shape();
        long elements = input.output().elements();
        float[] data;
        String ext = extension(file);
        if (ext.equals("npy")) {
            NpyFile npy = NpyFile.parse(file, bytes);
            List<Integer> got = npy.shape();
            boolean batchless = shape.size() == got.size() + 1 && shape.get(0) == 1
                    && shape.subList(1, shape.size()).equals(got);
            if (!got.equals(shape) && !batchless) {
                throw new InputFileException("file '" + file + "' has shape " + got + ", input '" + input.name()
                        + "' needs " + shape);
            }
            data = npy.data();
        } else if (ext.equals("bin") || ext.equals("raw")) {
            if (bytes.length != elements * 4) {
                throw new InputFileException("file '" + file + "' has " + bytes.length + " bytes, input '"
                        + input.name() + "' (" + input.output().shapeString() + " float32) needs " + elements * 4);
            }
            data = new float[(int) elements];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        } else {
            throw new InputFileException("file '" + file + "' is not an input file (expected .bin, .raw or .npy)");
        }
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new InputFileException("file '" + file + "' has a non-finite value (" + data[i]
                        + ") at element " + i);
            }
        }
        return data;
    }

    private static List<Path> list(Path dir, boolean directories) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p) == directories)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InputFileException("inputs directory '" + dir + "' cannot be listed: " + e.getMessage());
        }
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }
}
