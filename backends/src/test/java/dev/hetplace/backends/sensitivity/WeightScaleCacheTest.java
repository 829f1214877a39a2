package dev.hetplace.backends.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.CalibrationInputs;
import dev.hetplace.backends.exec.ModelWeights;
import dev.hetplace.backends.exec.SyntheticWeights;
import dev.hetplace.backends.exec.TestGraphs;
import dev.hetplace.backends.exec.WeightScaleStore;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.pass.BatchNormFolding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightScaleCacheTest {
    private static final Parallel PAR = Parallel.common();
    private static final Graph RESNET = BatchNormFolding.apply(TestGraphs.smallResnet());
    private static final CalibrationInputs INPUTS = CalibrationInputs.synthetic(RESNET, 2, 3);
    private static final String MODEL_HASH = ContentHash.graph(RESNET);
    private static final String INPUTS_HASH = ContentHash.inputs(INPUTS);

    private static WeightScaleStore store(WeightScaleCache cache, long seed) {
        return cache.store(MODEL_HASH, seed, INPUTS_HASH, "small-resnet");
    }

    private static void assertSameWeights(ModelWeights a, ModelWeights b) {
        assertThat(a.weights().byLayer().keySet()).isEqualTo(b.weights().byLayer().keySet());
        a.weights().byLayer().forEach((layer, params) -> params.forEach((name, values) ->
                assertThat(b.weights().get(layer, name)).as("%s/%s", layer, name).containsExactly(values)));
    }

    private static Path onlyFile(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    @Test
    void cachedFactorsGiveTheSameWeightsBitForBitAndAreWhatASecondRunUses(@TempDir Path dir) throws Exception {
        WeightScaleCache cache = new WeightScaleCache(dir);
        ModelWeights measured = SyntheticWeights.generate(RESNET, 5, INPUTS, PAR);
        ModelWeights cold = SyntheticWeights.generate(RESNET, 5, INPUTS, PAR, store(cache, 5));
        Path file = onlyFile(dir);
        assertThat(Files.readString(file)).startsWith("# hetplace-weight-scales-v1\n# key ")
                .contains("\nlayer,factor_bits\nconv0,").containsPattern("\n# check [0-9a-f]{64}\n$");
        ModelWeights warm = SyntheticWeights.generate(RESNET, 5, INPUTS, PAR, store(cache, 5));
        assertSameWeights(measured, cold);
        assertSameWeights(measured, warm);
        assertThat(store(cache, 5).load().orElseThrow().keySet()).isEqualTo(SyntheticWeights.normalizedLayers(RESNET));
        assertThat(store(cache, 6).load()).isEmpty();

        float k = store(cache, 5).load().orElseThrow().get("conv0");
        Map<String, Float> ones = new TreeMap<>();
        SyntheticWeights.normalizedLayers(RESNET).forEach(l -> ones.put(l, 1f));
        store(cache, 5).save(ones);
        ModelWeights unscaled = SyntheticWeights.generate(RESNET, 5, INPUTS, PAR, store(cache, 5));
        float[] drawn = unscaled.weights().get("conv0", "weight");
        float[] scaled = measured.weights().get("conv0", "weight");
        assertThat(k).isNotEqualTo(1f);
        for (int i = 0; i < drawn.length; i++) {
            assertThat(scaled[i]).isEqualTo(drawn[i] * k);
        }
    }

    @Test
    void factorsForOtherLayersAreMeasuredAgain(@TempDir Path dir) {
        WeightScaleCache cache = new WeightScaleCache(dir);
        store(cache, 5).save(Map.of("conv0", 1f));
        ModelWeights w = SyntheticWeights.generate(RESNET, 5, INPUTS, PAR, store(cache, 5));
        assertSameWeights(SyntheticWeights.generate(RESNET, 5, INPUTS, PAR), w);
        assertThat(store(cache, 5).load().orElseThrow().keySet()).isEqualTo(SyntheticWeights.normalizedLayers(RESNET));
    }

    /**
     * Seed 20261201: 300 damaged copies of a real file (a character changed, a line dropped, doubled or cut, the
     * file cut); each is refused or reads as the exact factors written, and a refused file is measured and rewritten.
     */
    @Test
    void aDamagedFileIsNeverReadAsOtherFactors(@TempDir Path dir) throws Exception {
        WeightScaleCache cache = new WeightScaleCache(dir);
        ModelWeights expected = SyntheticWeights.generate(RESNET, 5, INPUTS, PAR, store(cache, 5));
        Path file = onlyFile(dir);
        String key = file.getFileName().toString().replaceAll("^v1-|\\.csv$", "");
        String good = Files.readString(file);
        Map<String, Float> factors = WeightScaleCache.parse(key, good.lines().toList()).orElseThrow();
        Random rnd = new Random(20261201);
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            String bad = damage(good, rnd);
            Optional<Map<String, Float>> read = WeightScaleCache.parse(key, bad.lines().toList());
            if (read.isEmpty()) {
                refused++;
            } else {
                assertThat(read.get()).as("damage %d:%n%s", i, bad).isEqualTo(factors);
            }
        }
        assertThat(refused).isGreaterThan(150);
        assertThat(WeightScaleCache.parse("0".repeat(64), good.lines().toList())).isEmpty();

        Files.writeString(file, damage(good, new Random(7)).replace("# check", "# check 0"), StandardCharsets.UTF_8);
        assertSameWeights(expected, SyntheticWeights.generate(RESNET, 5, INPUTS, PAR, store(cache, 5)));
        assertThat(Files.readString(file)).isEqualTo(good);
    }

    private static String damage(String text, Random rnd) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int at = rnd.nextInt(lines.size());
        switch (rnd.nextInt(5)) {
            case 0 -> {
                StringBuilder line = new StringBuilder(lines.get(at));
                if (line.length() > 0) {
                    int c = rnd.nextInt(line.length());
                    line.setCharAt(c, "0123456789abcdef,x-".charAt(rnd.nextInt(19)));
                }
                lines.set(at, line.toString());
            }
            case 1 -> lines.remove(at);
            case 2 -> lines.add(at, lines.get(at));
            case 3 -> {
                String line = lines.get(at);
                lines.set(at, line.substring(0, rnd.nextInt(line.length() + 1)));
            }
            default -> {
                return text.substring(0, rnd.nextInt(text.length()));
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
