package dev.hetplace.backends.sensitivity;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.files.AtomicWrite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measured sensitivities kept on disk, one file per (model, weights, calibration, inputs, precision), named by the
 * SHA-256 of those five: the model's structure hash, its weights (the synthetic seed, or a hash of the ONNX
 * tensors), the calibration mode, a hash of the input values, and the precision. Each file is a small CSV
 * ({@code group,name,noise_ppb,check}) under comment lines stating its key; every row carries a checksum over the
 * key it was made for, its group, name and value, so that a damaged row (a digit changed, a value zeroed, a
 * truncated number) is detected, not used. A file that is damaged or does not match the model's groups is
 * measured again and replaced, and the repair is reported to the progress listener. Files are written atomically,
 * so concurrent runs at worst measure twice. Format v2 ({@value #VERSION}) files are named {@code v2-KEY.csv}; the
 * v1 files (no checksums) are never read.
 */
public final class SensitivityCache {
    static final String VERSION = "hetplace-sensitivity-v2";
    static final String HEADER = "group,name,noise_ppb,check";
    /** The most noise one group may add, in ppb (a million times the signal's power): more is damage. */
    static final long MAX_NOISE_PPB = 1_000_000_000_000_000L;

    private final Path dir;
    private final SensitivityMeasurer measurer;

    public SensitivityCache(Path dir) {
        this(dir, SensitivityMeasurer.JAVA_KERNELS);
    }

    /** A cache whose missing figures {@code measurer} measures; each measurer's numerics need a directory of their own. */
    public SensitivityCache(Path dir, SensitivityMeasurer measurer) {
        this.dir = dir;
        this.measurer = measurer;
    }

    public Path directory() {
        return dir;
    }

    /** What reading a cache file found: the values, or why the file cannot be used (absent: no file). */
    record Lookup(long[] values, String damage) {
        static final Lookup ABSENT = new Lookup(null, null);
    }

    /**
     * The sensitivities of every group at {@code precisions}: read where cached, the rest measured (all missing
     * precisions in one pass, with progress) and stored; a damaged file is reported and measured again.
     */
    public Sensitivities measure(CalibratedModel model, List<Precision> precisions, Parallel par,
                                 SensitivityProgress progress) {
        Map<Precision, long[]> found = new EnumMap<>(Precision.class);
        List<Precision> missing = new ArrayList<>();
        for (Precision p : precisions) {
            if (p == Precision.FP32 || found.containsKey(p) || missing.contains(p)) {
                continue;
            }
            Lookup l = lookup(model, p);
            if (l.values() != null) {
                found.put(p, l.values());
            } else {
                if (l.damage() != null) {
                    progress.repairing(file(model, p), l.damage());
                }
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            Sensitivities measured = measurer.measure(model, missing, par, progress);
            measured.noisePpbByGroup().forEach((p, v) -> {
                write(model, p, v);
                found.put(p, v);
            });
        }
        return new Sensitivities(found, measurer.describe(model));
    }

    /** The file holding a model's sensitivities at a precision. */
    public Path file(CalibratedModel model, Precision p) {
        return dir.resolve("v2-" + key(model, p) + ".csv");
    }

    static String key(CalibratedModel model, Precision p) {
        return ContentHash.of(VERSION + "|" + model.modelHash() + "|" + model.weightsId() + "|"
                + model.calibration().id() + "|" + model.inputsHash() + "|" + p.id());
    }

    /** A row's checksum: over the key the file was made for, the group, its name and its value. */
    static String check(String key, int group, String name, long noisePpb) {
        return ContentHash.of(key + "|" + group + "|" + name + "|" + noisePpb).substring(0, 16);
    }

    Optional<long[]> read(CalibratedModel model, Precision p) {
        return Optional.ofNullable(lookup(model, p).values());
    }

    Lookup lookup(CalibratedModel model, Precision p) {
        Path f = file(model, p);
        if (!Files.isRegularFile(f)) {
            return Lookup.ABSENT;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return new Lookup(null, "unreadable: " + e.getMessage());
        }
        String key = key(model, p);
        List<Group> groups = model.grouped().groups();
        long[] v = new long[groups.size()];
        int n = 0;
        boolean keyed = false;
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String at = "line " + (i + 1) + ": ";
            if (line.equals("# key " + key)) {
                keyed = true;
                continue;
            }
            if (line.startsWith("# key ")) {
                return new Lookup(null, at + "made for another key");
            }
            if (line.startsWith("#")) {
                continue;
            }
            if (line.equals(HEADER)) {
                header = true;
                continue;
            }
            if (!keyed || !header) {
                return new Lookup(null, at + "no '# key' line and header before the rows");
            }
            String[] cells = line.split(",", -1);
            if (n >= groups.size()) {
                return new Lookup(null, at + "more rows than the model's " + groups.size() + " groups");
            }
            if (cells.length != 4 || !cells[0].equals(String.valueOf(n))
                    || !cells[1].equals(csvName(groups.get(n).name()))) {
                return new Lookup(null, at + "not the row of group " + n + " (" + groups.get(n).name() + ")");
            }
            long value;
            try {
                value = Long.parseLong(cells[2]);
            } catch (NumberFormatException e) {
                return new Lookup(null, at + "noise '" + cells[2] + "' is not an integer");
            }
            if (!cells[3].equals(check(key, n, cells[1], value))) {
                return new Lookup(null, at + "checksum mismatch (the value was changed or cut)");
            }
            if (value < 0 || value > MAX_NOISE_PPB) {
                return new Lookup(null, at + "noise " + value + " ppb is out of range");
            }
            v[n++] = value;
        }
        if (n != groups.size()) {
            return new Lookup(null, "holds " + n + " of the model's " + groups.size() + " groups (truncated?)");
        }
        return new Lookup(v, null);
    }

    private void write(CalibratedModel model, Precision p, long[] noisePpb) {
        String key = key(model, p);
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(VERSION).append('\n');
        sb.append("# key ").append(key).append('\n');
        sb.append("# model ").append(model.graph().name()).append(' ').append(model.modelHash()).append('\n');
        sb.append("# weights ").append(model.weightsId()).append('\n');
        sb.append("# calibration ").append(model.calibration().id()).append('\n');
        sb.append("# inputs ").append(model.inputs().source()).append(' ').append(model.inputsHash()).append('\n');
        sb.append("# precision ").append(p.id()).append('\n');
        sb.append(HEADER).append('\n');
        List<Group> groups = model.grouped().groups();
        for (Group g : groups) {
            String name = csvName(g.name());
            long value = noisePpb[g.id()];
            sb.append(g.id()).append(',').append(name).append(',').append(value).append(',')
                    .append(check(key, g.id(), name, value)).append('\n');
        }
        Path f = file(model, p);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sensitivity cache " + f + ": " + e.getMessage(), e);
        }
        AtomicWrite.write(f, sb);
    }

    private static String csvName(String name) {
        return name.replace(',', ';').replace('\n', ' ');
    }
}
