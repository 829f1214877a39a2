package dev.hetplace.backends.measure;

import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Layer latencies a user brings with {@code --measurements FILE} (repeatable): measurement-table CSVs
 * ({@link MeasurementTable}'s format) and AutoTVM / TopHub tuning logs ({@link AutoTvmLog}). Each entry keeps the
 * file and line it came from. A log's failed measurements (error_no != 0) are not costs and are left out; so are
 * a table's GEMM-core rows and CUDA-graph rows (they time something other than one eager layer).
 */
public final class UserMeasurements {
    public static final UserMeasurements NONE = new UserMeasurements(List.of());

    /**
     * One measured layer. {@code board}: an AutoTVM target's {@code -model=} value (the board and, for VTA, the
     * bitstream), empty for table rows, which name the platform's device ids directly. {@code threads}: 0 where the
     * source does not say. {@code what}: the AutoTVM task or "measurement table".
     */
    public record Entry(String device, String board, LayerShape shape, int batch, Precision precision, Layout layout,
                        int threads, long ns, String source, String what) {
    }

    private final List<Entry> entries;

    private UserMeasurements(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static UserMeasurements read(List<Path> files) {
        List<Entry> all = new ArrayList<>();
        for (Path f : files) {
            all.addAll(isAutoTvmLog(f) ? fromLog(f) : fromTable(f));
        }
        return new UserMeasurements(all);
    }

    public List<Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The fastest entry for this layer, device, precision and layout whose board the caller accepts. */
    public Optional<Entry> find(String device, Predicate<Entry> board, LayerShape shape, int batch,
                                Precision precision, Layout layout, int threads) {
        return entries.stream()
                .filter(e -> e.device().equals(device) && e.shape().equals(shape) && e.batch() == batch
                        && e.precision() == precision && e.layout() == layout
                        && (e.threads() == 0 || threads == 0 || e.threads() == threads) && board.test(e))
                .min(Comparator.comparingLong(Entry::ns));
    }

    private static boolean isAutoTvmLog(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return false;
        }
        if (name.endsWith(".log") || name.endsWith(".json")) {
            return true;
        }
        for (String line : lines(f)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return t.startsWith("{");
            }
        }
        return false;
    }

    private static List<Entry> fromLog(Path f) {
        List<Entry> out = new ArrayList<>();
        for (AutoTvmRecord r : AutoTvmLog.read(f)) {
            if (r.succeeded()) {
                out.add(new Entry(r.device(), r.model(), r.shape(), r.batch(), r.precision(), r.layout(), 0, r.costNs(),
                        f + ":" + r.line(), r.taskName()));
            }
        }
        return out;
    }

    /** Table rows, each with its line. */
    private static List<Entry> fromTable(Path f) {
        MeasurementTable table = MeasurementTable.read(f);
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < table.layers().size(); i++) {
            Measurement m = table.layers().get(i);
            if (m.gemmCore() || m.timing() == Timing.GRAPH) {
                continue;
            }
            Layout layout = m.device().equals("vta") ? Layout.BLOCKED : Layout.PLAIN;
            out.add(new Entry(m.device(), "", m.shape(), m.batch(), m.precision(), layout, m.threads(),
                    m.medianNs(), f + ":" + table.layerLines().get(i), "measurement table"));
        }
        return out;
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MeasurementException(f + ": no such measurement file");
        } catch (IOException e) {
            throw new MeasurementException(f + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
