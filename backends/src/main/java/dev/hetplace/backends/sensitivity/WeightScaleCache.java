package dev.hetplace.backends.sensitivity;

import dev.hetplace.backends.exec.WeightScaleStore;
import dev.hetplace.ir.files.AtomicWrite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Synthetic weights' normalizing factors kept on disk, one small file per (model structure, seed, input values),
 * named by the SHA-256 of the three: comment lines stating the key, a row {@code layer,factor_bits} per conv /
 * dense layer (the float's IEEE bits in hex, so the value is exact) and a last line with the SHA-256 of the key and
 * every row. A file whose checksum, key or rows do not match is not used: the factors are measured again and the
 * file replaced. Files are written to a temporary file and renamed, so concurrent runs at worst measure twice.
 */
public final class WeightScaleCache {
    static final String VERSION = "hetplace-weight-scales-v1";
    static final String HEADER = "layer,factor_bits";
    private static final String CHECK = "# check ";

    private final Path dir;

    public WeightScaleCache(Path dir) {
        this.dir = dir;
    }

    /**
     * The store of one model structure ({@link ContentHash#graph}), seed and inputs ({@link ContentHash#inputs});
     * {@code describe} names them in the file's comment lines.
     */
    public WeightScaleStore store(String modelHash, long seed, String inputsHash, String describe) {
        String key = ContentHash.of(VERSION + "|" + modelHash + "|" + seed + "|" + inputsHash);
        return new WeightScaleStore() {
            @Override
            public Optional<Map<String, Float>> load() {
                return read(key);
            }

            @Override
            public void save(Map<String, Float> factors) {
                write(key, factors, describe);
            }
        };
    }

    Optional<Map<String, Float>> read(String key) {
        Path f = file(key);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return parse(key, Files.readAllLines(f, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    void write(String key, Map<String, Float> factors, String describe) {
        StringBuilder rows = new StringBuilder();
        factors.forEach((layer, k) -> rows.append(layer).append(',')
                .append(Integer.toHexString(Float.floatToRawIntBits(k))).append('\n'));
        String text = "# " + VERSION + "\n# key " + key + "\n# " + describe.replace('\n', ' ') + "\n" + HEADER + "\n"
                + rows + CHECK + ContentHash.of(key + "\n" + rows) + "\n";
        Path f = file(key);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the weight-scale cache " + f + ": " + e.getMessage(), e);
        }
        AtomicWrite.write(f, text);
    }

    /** The file holding the factors of this key. */
    Path file(String key) {
        return dir.resolve("v1-" + key + ".csv");
    }

    /** The factors of a file's lines, when its key line, header and checksum are the ones expected. */
    static Optional<Map<String, Float>> parse(String key, List<String> lines) {
        int header = lines.indexOf(HEADER);
        if (header < 0 || !lines.contains("# key " + key) || !lines.get(lines.size() - 1).startsWith(CHECK)) {
            return Optional.empty();
        }
        StringBuilder rows = new StringBuilder();
        Map<String, Float> factors = new TreeMap<>();
        for (String row : lines.subList(header + 1, lines.size() - 1)) {
            int comma = row.lastIndexOf(',');
            if (comma <= 0) {
                return Optional.empty();
            }
            float k;
            try {
                k = Float.intBitsToFloat(Integer.parseUnsignedInt(row.substring(comma + 1), 16));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (!(k > 0) || Float.isInfinite(k) || factors.put(row.substring(0, comma), k) != null) {
                return Optional.empty();
            }
            rows.append(row).append('\n');
        }
        if (!lines.get(lines.size() - 1).equals(CHECK + ContentHash.of(key + "\n" + rows))) {
            return Optional.empty();
        }
        return Optional.of(factors);
    }
}
