package dev.hetplace.backends.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.TestGraphs;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensitivityCacheTest {
    private static final Parallel PAR = Parallel.common();

    /** Records which groups were measured. */
    private static final class Recorder implements SensitivityProgress {
        final List<String> lines = new ArrayList<>();
        final List<String> repairs = new ArrayList<>();

        @Override
        public void repairing(Path file, String why) {
            repairs.add(file.getFileName() + ": " + why);
        }

        @Override
        public void group(int done, int total, Group group, Map<Precision, Long> noisePpb, long elapsedNs) {
            lines.add(done + "/" + total + " " + group.name() + " " + noisePpb.keySet());
        }
    }

    @Test
    void aSecondRunReadsTheFileAndMeasuresOnlyWhatIsMissing(@TempDir Path dir) throws Exception {
        CalibratedModel m = SensitivityAnalysisTest.model(TestGraphs.smallResnet(), 2, 3, CalibrationMode.MAX);
        SensitivityCache cache = new SensitivityCache(dir);
        Recorder first = new Recorder();
        Sensitivities a = cache.measure(m, List.of(Precision.INT8), PAR, first);
        assertThat(first.lines).hasSize(m.grouped().size()).first().asString().startsWith("1/");
        assertThat(cache.file(m, Precision.INT8)).exists();
        assertThat(Files.readString(cache.file(m, Precision.INT8))).contains("# precision int8",
                "# calibration max", "group,name,noise_ppb", "0," + m.grouped().group(0).name() + ",");

        Recorder second = new Recorder();
        Sensitivities b = cache.measure(m, List.of(Precision.INT8, Precision.FP16), PAR, second);
        assertThat(second.lines).hasSize(m.grouped().size()).allMatch(l -> l.endsWith("[FP16]"));
        assertThat(b.noisePpbByGroup().get(Precision.INT8)).containsExactly(a.noisePpbByGroup().get(Precision.INT8));

        Recorder third = new Recorder();
        cache.measure(m, List.of(Precision.FP16, Precision.INT8), PAR, third);
        assertThat(third.lines).isEmpty();
    }

    @Test
    void theKeyChangesWithCalibrationInputsWeightsAndPrecision() {
        CalibratedModel m = SensitivityAnalysisTest.model(TestGraphs.smallResnet(), 2, 3, CalibrationMode.MAX);
        String base = SensitivityCache.key(m, Precision.INT8);
        assertThat(SensitivityCache.key(m, Precision.BF16)).isNotEqualTo(base);
        assertThat(SensitivityCache.key(SensitivityAnalysisTest.model(TestGraphs.smallResnet(), 2, 3,
                CalibrationMode.GLOBAL_SCALE), Precision.INT8)).isNotEqualTo(base);
        assertThat(SensitivityCache.key(SensitivityAnalysisTest.model(TestGraphs.smallResnet(), 3, 3,
                CalibrationMode.MAX), Precision.INT8)).isNotEqualTo(base);
        assertThat(SensitivityCache.key(SensitivityAnalysisTest.model(TestGraphs.smallResnet(), 2, 4,
                CalibrationMode.MAX), Precision.INT8)).isNotEqualTo(base);
        assertThat(SensitivityCache.key(SensitivityAnalysisTest.model(TestGraphs.smallResnet(), 2, 3,
                CalibrationMode.MAX), Precision.INT8)).isEqualTo(base);
    }

    @Test
    void aDamagedOrForeignFileIsMeasuredAgainAndReplaced(@TempDir Path dir) throws Exception {
        CalibratedModel m = SensitivityAnalysisTest.model(TestGraphs.smallResnet(), 2, 3, CalibrationMode.MAX);
        SensitivityCache cache = new SensitivityCache(dir);
        Sensitivities a = cache.measure(m, List.of(Precision.INT8), PAR, SensitivityProgress.NONE);
        Path f = cache.file(m, Precision.INT8);
        Files.writeString(f, Files.readString(f).replace(SensitivityCache.HEADER + "\n0,", SensitivityCache.HEADER + "\n0x,"));
        Recorder again = new Recorder();
        Sensitivities b = cache.measure(m, List.of(Precision.INT8), PAR, again);
        assertThat(again.lines).hasSize(m.grouped().size());
        assertThat(b.noisePpbByGroup().get(Precision.INT8)).containsExactly(a.noisePpbByGroup().get(Precision.INT8));
        assertThat(cache.read(m, Precision.INT8)).isPresent();
    }

    /** Damage the old format read as valid: a number cut short, every value 0, negative or Long.MAX_VALUE. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"cut", "zero", "negative", "max"})
    void plausibleLookingDamageIsDetectedReportedAndMeasuredAgain(String damage, @TempDir Path dir) throws Exception {
        CalibratedModel m = SensitivityAnalysisTest.model(TestGraphs.smallResnet(), 2, 3, CalibrationMode.MAX);
        SensitivityCache cache = new SensitivityCache(dir);
        Sensitivities a = cache.measure(m, List.of(Precision.INT8), PAR, SensitivityProgress.NONE);
        Path f = cache.file(m, Precision.INT8);
        assertThat(f.getFileName().toString()).startsWith("v2-");
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        for (int i = 0; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",");
            if (c.length != 4 || !c[0].matches("\\d+")) {
                continue;
            }
            String value = switch (damage) {
                case "cut" -> c[2].substring(0, c[2].length() - 1);
                case "zero" -> "0";
                case "negative" -> "-" + c[2];
                default -> String.valueOf(Long.MAX_VALUE);
            };
            if (!damage.equals("cut") || i == lines.size() - 1) {
                lines.set(i, c[0] + "," + c[1] + "," + value + "," + c[3]);
            }
        }
        Files.write(f, lines);
        assertThat(cache.read(m, Precision.INT8)).isEmpty();
        Recorder again = new Recorder();
        Sensitivities b = cache.measure(m, List.of(Precision.INT8), PAR, again);
        assertThat(again.repairs).singleElement().asString().contains("checksum mismatch");
        assertThat(again.lines).hasSize(m.grouped().size());
        assertThat(b.noisePpbByGroup().get(Precision.INT8)).containsExactly(a.noisePpbByGroup().get(Precision.INT8));
        assertThat(cache.read(m, Precision.INT8)).isPresent();
    }

    @Test
    void aFileMadeForAnotherKeyIsNotUsed(@TempDir Path dir) throws Exception {
        CalibratedModel m = SensitivityAnalysisTest.model(TestGraphs.smallResnet(), 2, 3, CalibrationMode.MAX);
        SensitivityCache cache = new SensitivityCache(dir);
        cache.measure(m, List.of(Precision.INT8, Precision.FP16), PAR, SensitivityProgress.NONE);
        Files.copy(cache.file(m, Precision.FP16), cache.file(m, Precision.INT8),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Recorder again = new Recorder();
        cache.measure(m, List.of(Precision.INT8), PAR, again);
        assertThat(again.repairs).singleElement().asString().contains("made for another key");
    }
}
