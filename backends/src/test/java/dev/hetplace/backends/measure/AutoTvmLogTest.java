package dev.hetplace.backends.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.VtaConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 16 TopHub lines of {@code autotvm/sample.log}, checked against the workload table of its README. */
class AutoTvmLogTest {
    private static final String VTA_1X16 = "pynq_1x16_i8w8a32_15_15_18_17";
    private static final String VTA_4X8 = "pynq_4x8_i8w8a32_15_16_16_18";
    private static List<AutoTvmRecord> records;

    @BeforeAll
    static void readSample() throws Exception {
        byte[] bytes;
        try (InputStream in = AutoTvmLogTest.class.getResourceAsStream("/autotvm/sample.log")) {
            bytes = in.readAllBytes();
        }
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .as("sample.log is the README's byte-for-byte copy")
                .isEqualTo("541104f1d891f7f193c185ffce226869f571c13a6e3857191aaea21d582393ba");
        records = AutoTvmLog.read(new InputStreamReader(new java.io.ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8), "sample.log");
    }

    private static AutoTvmRecord line(int n) {
        AutoTvmRecord r = records.get(n - 1);
        assertThat(r.line()).isEqualTo(n);
        return r;
    }

    @Test
    void allSixteenLinesImportWithTheReadmesWorkloads() {
        assertThat(records).hasSize(16).allMatch(AutoTvmRecord::succeeded);
        // README table: # -> (batch, logical workload)
        List<Object[]> expected = List.of(
                new Object[] {1, LayerShape.conv2d(256, 56, 56, 512, 1, 1, 2, 0, 1)},
                new Object[] {1, LayerShape.conv2d(2048, 7, 7, 512, 1, 1, 1, 0, 1)},
                new Object[] {1, LayerShape.conv2d(64, 27, 27, 192, 5, 5, 1, 2, 1)},
                new Object[] {1, LayerShape.conv2d(128, 56, 56, 256, 3, 3, 1, 1, 1)},
                new Object[] {1, LayerShape.dense(256, 128)},
                new Object[] {1, new LayerShape("conv2d_transpose", 1024, 4, 4, 512, 4, 4, 2, 1, 1, 8, 8)},
                new Object[] {1, LayerShape.conv2d(32, 112, 112, 32, 3, 3, 1, 1, 2)},
                new Object[] {4, LayerShape.conv2d(128, 56, 56, 128, 3, 3, 2, 1, 1)},
                new Object[] {4, LayerShape.dense(256, 128)},
                new Object[] {1, LayerShape.dense(2048, 1000)},
                new Object[] {1, new LayerShape("conv2d", 384, 8, 8, 384, 3, 1, 1, 1, 1, 8, 8)},
                new Object[] {1, LayerShape.conv2d(96, 35, 35, 96, 3, 3, 1, 1, 1)},
                new Object[] {1, LayerShape.conv2d(1280, 1, 1, 1000, 1, 1, 1, 0, 1)},
                new Object[] {1, LayerShape.conv2d(576, 14, 14, 576, 3, 3, 2, 1, 576)},
                new Object[] {1, LayerShape.conv2d(32, 112, 112, 32, 3, 3, 1, 1, 32)},
                new Object[] {1, LayerShape.conv2d(3, 224, 224, 32, 3, 3, 2, 1, 1)});
        for (int i = 0; i < 16; i++) {
            AutoTvmRecord r = records.get(i);
            assertThat(r.batch()).as("line " + (i + 1) + " batch").isEqualTo(expected.get(i)[0]);
            assertThat(r.shape()).as("line " + (i + 1) + " shape").isEqualTo(expected.get(i)[1]);
            boolean vta = i < 9;
            assertThat(r.device()).isEqualTo(vta ? "vta" : "cpu");
            assertThat(r.layout()).isEqualTo(vta ? Layout.BLOCKED : Layout.PLAIN);
            assertThat(r.precision()).isEqualTo(vta ? Precision.INT8 : Precision.FP32);
            assertThat(r.model()).isEqualTo(i < 7 ? VTA_1X16 : vta ? VTA_4X8 : "pynq");
        }
        assertThat(records).extracting(AutoTvmRecord::taskName).containsExactly(
                "conv2d_packed.vta", "conv2d_packed.vta", "conv2d_packed.vta", "conv2d_packed.vta",
                "dense_packed.vta", "conv2d_transpose_packed.vta", "group_conv2d_packed.vta", "conv2d_packed.vta",
                "dense_packed.vta", "dense_nopack.x86", "conv2d_nchw_spatial_pack.arm_cpu",
                "conv2d_nchw_winograd.arm_cpu", "conv2d_nchw_spatial_pack.arm_cpu",
                "depthwise_conv2d_nchw.arm_cpu", "depthwise_conv2d_nchw.arm_cpu",
                "conv2d_nchw_spatial_pack.arm_cpu");
    }

    @Test
    void lineOneIsTheResnet50DownsampleWithItsCostAndKnobs() {
        AutoTvmRecord r = line(1);
        assertThat(r.shape()).isEqualTo(new LayerShape("conv2d", 256, 56, 56, 512, 1, 1, 2, 0, 1, 28, 28));
        assertThat(r.target()).isEqualTo("ext_dev -device=vta -keys=cpu -model=" + VTA_1X16);
        assertThat(r.costSeconds()).isEqualTo(0.029658154599999997);
        assertThat(r.costNs()).isEqualTo(29_658_155);
        assertThat(r.splits()).containsExactly(Map.entry("tile_b", List.of(1, 1)), Map.entry("tile_h", List.of(28, 1)),
                Map.entry("tile_w", List.of(1, 28)), Map.entry("tile_ci", List.of(2, 8)),
                Map.entry("tile_co", List.of(1, 32)));
        assertThat(r.options()).containsExactly(Map.entry("oc_nthread", 1), Map.entry("h_nthread", 2));
        assertThat(r.strides()).containsExactly(2, 2);
        assertThat(r.padding()).containsExactly(0, 0, 0, 0);
        assertThat(r.timestamp()).isEqualTo(1565336553.1161766);
        assertThat(r.tunedFor(VtaConfig.DEFAULT)).isTrue();
    }

    @Test
    void vtaVariantsGroupsTransposeAndDense() {
        assertThat(line(2).costSeconds()).isEqualTo(0.0044194746);
        assertThat(line(2).options()).containsExactly(Map.entry("oc_nthread", 2), Map.entry("h_nthread", 1));
        AutoTvmRecord dense = line(5);
        assertThat(dense.costSeconds()).isEqualTo(0.00014079940000000002);
        assertThat(dense.splits()).containsOnlyKeys("tile_b", "tile_ci", "tile_co");
        assertThat(dense.options()).containsExactly(Map.entry("oc_nthread", 1));
        assertThat(line(6).costSeconds()).isEqualTo(0.0242735698);
        AutoTvmRecord group = line(7);
        assertThat(group.shape().groups()).isEqualTo(2);
        assertThat(group.splits().get("tile_h")).containsExactly(-1, 14);
        assertThat(group.costSeconds()).isEqualTo(0.0051718134);
        AutoTvmRecord wide = line(8);
        assertThat(wide.tunedFor(VtaConfig.DEFAULT)).isFalse();
        assertThat(wide.tunedFor(new VtaConfig(2, 3, 3, 16, 16, 18, 15, 100, 64, "hls"))).isTrue();
        assertThat(wide.shape().oh()).isEqualTo(28);
        assertThat(line(9).costSeconds()).isEqualTo(0.0004964668);
    }

    @Test
    void armCpuLines() {
        AutoTvmRecord dense = line(10);
        assertThat(dense.target()).isEqualTo("llvm -device=arm_cpu -model=pynq -mtriple=armv7a-linux-eabi -mattr=+neon");
        assertThat(dense.splits()).containsEntry("tile_k", List.of(256, 8));
        assertThat(dense.costSeconds()).isEqualTo(0.0093604308);
        AutoTvmRecord asym = line(11);
        assertThat(asym.padding()).containsExactly(1, 0, 1, 0);
        assertThat(asym.costSeconds()).isEqualTo(0.0237657292);
        assertThat(asym.otherKnobs()).containsEntry("ann_spatial", "[\"unroll\",\"unroll\",\"vec\"]");
        assertThat(line(12).costSeconds()).isEqualTo(0.04492477533333333);
        assertThat(line(14).shape().cout()).isEqualTo(576);
        assertThat(line(14).costSeconds()).isEqualTo(0.0009205425229357797);
        assertThat(line(16).splits()).containsEntry("tile_oh", List.of(112, 1));
        assertThat(line(16).tunedFor(VtaConfig.DEFAULT)).isFalse();
    }

    private static String error(String log) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> AutoTvmLog.read(new StringReader(log), "my.log"));
        assertThat(t).isInstanceOf(MeasurementException.class);
        assertThat(t.getMessage()).doesNotContain("\n");
        return t.getMessage();
    }

    @Test
    void badLinesNameFileAndLine() throws IOException {
        String good = new String(AutoTvmLogTest.class.getResourceAsStream("/autotvm/sample.log").readAllBytes(),
                StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertThat(AutoTvmLog.read(new StringReader("# comment\n\n" + good + "\n"), "my.log").get(0).line())
                .isEqualTo(3);
        assertThat(error(good + "\n" + good.replace("conv2d_packed.vta", "conv2d_nchw.cuda")))
                .startsWith("my.log:2: unknown task 'conv2d_nchw.cuda' (known: conv2d_nchw_spatial_pack.arm_cpu, ");
        assertThat(error(good.substring(0, 100))).startsWith("my.log:1: malformed JSON: ");
        assertThat(error(good.replace("\"version\": 0.2", "\"version\": 0.3")))
                .isEqualTo("my.log:1: unsupported log format version 0.3 (reads 0.2)");
        assertThat(error("{\"i\": [], \"r\": [], \"v\": 0.1}"))
                .isEqualTo("my.log:1: log format 0.1 (keys i, r, v); only format 0.2 is read");
        assertThat(error(good.replace("[1, 16, 56, 56, 1, 16]", "[1, 16, 56, 56]")))
                .isEqualTo("my.log:1: data shape [1, 16, 56, 56] must have rank 6");
        assertThat(error(good.replace("ext_dev -device=vta -keys=cpu", "llvm -device=arm_cpu")))
                .startsWith("my.log:1: task 'conv2d_packed.vta' does not run on target");
    }
    @Test
    void hardenedLinesNameFileAndLine() throws IOException {
        String good = new String(AutoTvmLogTest.class.getResourceAsStream("/autotvm/sample.log").readAllBytes(),
                StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertThat(error(good.replace("[[0.029658154599999997]", "[[1e400]")))
                .startsWith("my.log:1: cost ").endsWith(" is not a finite positive time in seconds");
        assertThat(error(good.replace("[[0.029658154599999997]", "[[-0.5]")))
                .isEqualTo("my.log:1: cost -0.5 is not a finite positive time in seconds");
        assertThat(error(good.replace("[[0.029658154599999997]", "[[0.0]")))
                .isEqualTo("my.log:1: cost 0.0 is not a finite positive time in seconds");
        assertThat(error(good + " " + good)).startsWith("my.log:1: malformed JSON: ");
        assertThat(error(good.replace("\"int8\"], [\"TENSOR\", [32", "\"float32\"], [\"TENSOR\", [32")))
                .isEqualTo("my.log:1: VTA task 'conv2d_packed.vta' with fp32 data; VTA computes on int8");
        assertThat(error(good.replace("[\"tile_h\", \"sp\", [28, 1]]", "[\"tile_h\", \"sp\", [14, 1]]")))
                .isEqualTo("my.log:1: split tile_h [14, 1] multiplies to 14, but the workload's axis is 28 long");
        assertThat(error(good.replace(" -model=pynq_1x16_i8w8a32_15_15_18_17", "")))
                .isEqualTo("my.log:1: target 'ext_dev -device=vta -keys=cpu' has no -model=, so the board it was"
                        + " tuned on is unknown");
        assertThat(error(good.replace("ext_dev -device=vta", "cuda -device=gpu")))
                .startsWith("my.log:1: unsupported target 'cuda -device=gpu");
    }

    /** Seeded fuzz (seed 13): every mutilated sample line is read or refused with the file and its line. */
    @Test
    void fuzzedLinesAreReadOrRefusedWithFileAndLine() throws IOException {
        List<String> lines = new String(AutoTvmLogTest.class.getResourceAsStream("/autotvm/sample.log")
                .readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        java.util.Random rnd = new java.util.Random(13);
        String alphabet = "{}[]\",:0123456789-.e ";
        int refused = 0;
        for (int trial = 0; trial < 400; trial++) {
            StringBuilder b = new StringBuilder(lines.get(rnd.nextInt(lines.size())));
            for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
                int at = rnd.nextInt(b.length());
                switch (rnd.nextInt(3)) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    default -> b.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
            }
            try {
                AutoTvmLog.read(new StringReader("\n" + b), "fuzz.log");
            } catch (MeasurementException e) {
                assertThat(e.getMessage()).startsWith("fuzz.log:2: ");
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(200);
    }
}
