package dev.hetplace.backends.sensitivity;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measured sensitivities kept on disk, one file per (model, weights, calibration, inputs, precision), named by the
 * SHA-256 of those five: the model's structure hash, its weights (the synthetic seed, or a hash of the ONNX
 * tensors), the calibration mode, a hash of the input values, and the precision. Each file is a small CSV
 * ({@code group,name,noise_ppb}) under comment lines stating its key; a file that does not match the model's groups
 * is measured again and replaced. Files are written atomically, so concurrent runs at worst measure twice.
 */
public final class SensitivityCache {
    static final String VERSION = "hetplace-sensitivity-v1";

    private final Path dir;

    public SensitivityCache(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    /**
     * The sensitivities of every group at {@code precisions}: read where cached, the rest measured (all missing
     * precisions in one pass, with progress) and stored.
     */
    public Sensitivities measure(CalibratedModel model, List<Precision> precisions, Parallel par,
                                 SensitivityProgress progress) {
        Map<Precision, long[]> found = new EnumMap<>(Precision.class);
        List<Precision> missing = new ArrayList<>();
        for (Precision p : precisions) {
            if (p == Precision.FP32 || found.containsKey(p) || missing.contains(p)) {
                continue;
            }
            read(model, p).ifPresentOrElse(v -> found.put(p, v), () -> missing.add(p));
        }
        if (!missing.isEmpty()) {
            Sensitivities measured = new SensitivityAnalysis(model, par).measure(missing, progress);
            measured.noisePpbByGroup().forEach((p, v) -> {
                write(model, p, v);
                found.put(p, v);
            });
        }
        return new Sensitivities(found, model.describe());
    }

    /** The file holding a model's sensitivities at a precision. */
    public Path file(CalibratedModel model, Precision p) {
        return dir.resolve(key(model, p) + ".csv");
    }

    static String key(CalibratedModel model, Precision p) {
        return ContentHash.of(VERSION + "|" + model.modelHash() + "|" + model.weightsId() + "|"
                + model.calibration().id() + "|" + model.inputsHash() + "|" + p.id());
    }

    Optional<long[]> read(CalibratedModel model, Precision p) {
        Path f = file(model, p);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        List<Group> groups = model.grouped().groups();
        long[] v = new long[groups.size()];
        int n = 0;
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank() || line.equals("group,name,noise_ppb")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (n >= groups.size() || cells.length != 3 || !cells[0].equals(String.valueOf(n))
                    || !cells[1].equals(csvName(groups.get(n).name()))) {
                return Optional.empty();
            }
            try {
                v[n++] = Long.parseLong(cells[2]);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return n == groups.size() ? Optional.of(v) : Optional.empty();
    }

    private void write(CalibratedModel model, Precision p, long[] noisePpb) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(VERSION).append('\n');
        sb.append("# model ").append(model.graph().name()).append(' ').append(model.modelHash()).append('\n');
        sb.append("# weights ").append(model.weightsId()).append('\n');
        sb.append("# calibration ").append(model.calibration().id()).append('\n');
        sb.append("# inputs ").append(model.inputs().source()).append(' ').append(model.inputsHash()).append('\n');
        sb.append("# precision ").append(p.id()).append('\n');
        sb.append("group,name,noise_ppb\n");
        List<Group> groups = model.grouped().groups();
        for (Group g : groups) {
            sb.append(g.id()).append(',').append(csvName(g.name())).append(',').append(noisePpb[g.id()]).append('\n');
        }
        Path f = file(model, p);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, f.getFileName().toString(), ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sensitivity cache " + f + ": " + e.getMessage(), e);
        }
    }

    private static String csvName(String name) {
        return name.replace(',', ';').replace('\n', ' ');
    }
}
