package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.EstimatedNoise;
import dev.hetplace.cost.Option;
import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import dev.hetplace.ir.onnx.ShippedModels;
import dev.hetplace.planner.run.CostTables;
import dev.hetplace.planner.run.ModelInput;
import dev.hetplace.planner.testing.TemporaryCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --platform host} on a real {@code place measure --runtime onnxruntime} table of squeezenet1_1.onnx at 1
 * thread with its edge rows (test resource {@code ort-edges/squeezenet1_1-1thread.csv}, 2026-12-02 15:08 UTC, Intel
 * Xeon with AVX-512 VNNI and AMX, idle): fire2's expand 3x3 conv run fp32 after an int8 producer pays 245.25 us
 * (its edge_fp32 row, the DequantizeLinear inside), run int8 after a float one 32.0 us (its QuantizeLinear left to
 * the cast step); the stem pool, fp32 after an int8 stem, runs ORT's plain uint8 kernel (4692.5 us, its pool_edge
 * row, against 126.5 us fp32 and 70.5 us int8); fire3's concat, int8 with a float input, leaves the pool after it
 * on that kernel too (1851.5 us, against 27.0 us int8).
 */
class PrecisionEdgePlanTest {
    private static final String MODEL = ShippedModels.path("squeezenet1_1.onnx").toString();
    private static final String EXPAND = "/features/features.3/expand3x3/Conv";

    @RegisterExtension
    final TemporaryCache cache = new TemporaryCache();

    private Path table;

    private void useTable(boolean withEdgeRows) {
        table = cache.measurementTable("ort-edges/squeezenet1_1-1thread.csv",
                "cpu-20261202-143900-000-squeezenet1_1.csv", l -> withEdgeRows || !l.contains(",edge_"));
    }

    private static String explain(String group) {
        CliRun run = CliRun.of("--model", MODEL, "--platform", "host", "--targets", "cpu", "--cpu-threads", "1",
                "--explain", group);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    @Test
    void aGroupWithAnInputInTheOtherPrecisionPaysItsEdgeRow() {
        useTable(true);
        String out = explain(EXPAND);
        assertThat(out).contains("pays crossing edge:fp32:" + EXPAND + "@cpu, +245.3 us, at a precision edge: group "
                + EXPAND + " run fp32 with an input in int8: 245.3 us (measured edge_fp32 row (");
        assertThat(out).contains("pays crossing edge:int8:" + EXPAND + "@cpu, +32.0 us, at a precision edge: group "
                + EXPAND + " run int8 with an input in fp32: 32.0 us (measured edge_int8 row (");

        CliRun cost = CliRun.of("cost", "--model", MODEL, "--platform", "host", "--targets", "cpu", "--cpu-threads",
                "1");
        assertThat(cost.exitCode()).as(cost.err()).isZero();
        assertThat(cost.out()).contains("precision edge g4 (" + EXPAND + ") on cpu:fp32: 245.3 us per input arriving"
                + " in the other precision, its dequantize included (measured edge_fp32 row (");
        // the stem reads only the image: no edge of its own
        assertThat(cost.out()).doesNotContain("precision edge g0 ");
    }

    @Test
    void withoutEdgeRowsTheEdgeIsItsCastAlone() {
        useTable(false);
        assertThat(explain(EXPAND)).doesNotContain("edge:fp32:").doesNotContain("edge:int8:");
        CostTable t = table();
        int squeezeOut = t.inputTensors(4).get(0);
        assertThat(keys(t, squeezeOut, 4, Precision.INT8, Precision.FP32)).singleElement().asString()
                .startsWith("cast:fp32");
    }

    @Test
    void intoFp32TheEdgeRowReplacesTheCastIntoInt8TheCastStaysBesideIt() {
        useTable(true);
        CostTable t = table();
        assertThat(t.graph().group(4).name()).isEqualTo(EXPAND);
        int squeezeOut = t.inputTensors(4).get(0);
        // int8 squeeze into the fp32 expand: the row (its DequantizeLinear inside), no cast step
        assertThat(keys(t, squeezeOut, 4, Precision.INT8, Precision.FP32))
                .containsExactly("edge:fp32:" + EXPAND + "@cpu");
        assertThat(cost(t, squeezeOut, 4, Precision.INT8, Precision.FP32)).isEqualTo(245_250);
        // fp32 squeeze into the int8 expand: the row and the tensor's quantize, shared with the other expand
        List<String> intoInt8 = keys(t, squeezeOut, 4, Precision.FP32, Precision.INT8);
        assertThat(intoInt8).hasSize(2).contains("edge:int8:" + EXPAND + "@cpu");
        assertThat(intoInt8).anyMatch(k -> k.startsWith("cast:int8"));
        String cast = intoInt8.stream().filter(k -> k.startsWith("cast:")).findFirst().orElseThrow();
        assertThat(keys(t, squeezeOut, 3, Precision.FP32, Precision.INT8)).contains(cast)
                .contains("edge:int8:/features/features.3/expand1x1/Conv@cpu");
        // a max pool keeps its cast and pays its pool edge
        int stemOut = t.inputTensors(1).get(0);
        assertThat(keys(t, stemOut, 1, Precision.INT8, Precision.FP32)).hasSize(2).anyMatch(k -> k.startsWith("cast:"))
                .contains("pool_edge:in:/features/features.2/MaxPool@cpu");
    }

    @Test
    void validationNamesThePoolOrtRunsOnItsPlainKernel() {
        useTable(true);
        // fire3's expand 1x1 fp32 into its int8 concat: ORT runs that concat in NCHW and the pool after it on the
        // plain uint8 kernel; all-int8 runs it as NhwcMaxPool
        CliRun mixed = CliRun.of("--model", MODEL, "--platform", "host", "--targets", "cpu", "--cpu-threads", "1",
                "--pin", "/features/features.4/expand1x1/Conv=cpu:fp32", "--pin", "/features/features.4/Concat=cpu:int8",
                "--pin", "/features/features.5/MaxPool=cpu:int8", "--validate", "--runtime", "onnxruntime");
        assertThat(mixed.exitCode()).as(mixed.err()).isZero();
        assertThat(mixed.out()).containsPattern("layout check: ONNX Runtime runs max pool /features/features\\.5/MaxPool"
                + " \\([0-9]+ us\\) on its plain NCHW uint8 kernel, where an all-int8 region would run NhwcMaxPool");
        CliRun int8 = CliRun.of("--model", MODEL, "--platform", "host", "--targets", "cpu", "--cpu-threads", "1",
                "--precisions", "int8", "--validate", "--runtime", "onnxruntime");
        assertThat(int8.exitCode()).as(int8.err()).isZero();
        assertThat(int8.out()).contains("validation: ").doesNotContain("layout check");
    }

    private CostTable table() {
        Platform host = Profiles.host(table.toString(), "amd64", 2, 1);
        return CostTables.build(ModelInput.load(MODEL), host, List.of("cpu"), EnumSet.of(Precision.FP32,
                Precision.INT8), 1, CostTables.models(GpuTiming.EAGER), new EstimatedNoise());
    }

    private static int option(CostTable t, int group, Precision p) {
        List<Option> options = t.options(group);
        for (int o = 0; o < options.size(); o++) {
            if (options.get(o).choice().precision() == p) {
                return o;
            }
        }
        throw new AssertionError("no " + p + " option of group " + group);
    }

    /** The crossing keys tensor {@code x} needs, its producer at {@code from}, into {@code consumer} at {@code to}. */
    private static List<String> keys(CostTable t, int x, int consumer, Precision from, Precision to) {
        long mask = t.needMask(x, consumer, option(t, t.tensor(x).producer(), from), option(t, consumer, to));
        List<String> out = new ArrayList<>();
        for (int k = 0; k < t.keys(x).size(); k++) {
            if ((mask & (1L << k)) != 0) {
                out.add(t.keys(x).get(k).key());
            }
        }
        return out;
    }

    private static long cost(CostTable t, int x, int consumer, Precision from, Precision to) {
        int p = option(t, t.tensor(x).producer(), from);
        return t.maskCost(x, p, t.needMask(x, consumer, p, option(t, consumer, to)));
    }

    @Test
    void aPoolRunsItsPlainUint8KernelAfterAnInt8ProducerAndAfterAnInt8ConcatWithAFloatInput() {
        useTable(true);
        assertThat(explain("/features/features.2/MaxPool")).contains("pays crossing"
                + " pool_edge:in:/features/features.2/MaxPool@cpu, +4622.0 us, at a precision edge: fp32 meets int8 at"
                + " max pool /features/features.2/MaxPool (its input, produced in the other precision): ONNX Runtime"
                + " runs its plain uint8 kernel, 4692.5 us (measured pool_edge row (");
        // the fp32 option pays it too (after an int8 stem), less its own 126.5 us
        assertThat(explain("/features/features.2/MaxPool")).containsPattern(" cpu:fp32 +126\\.5 us .*\\n.*"
                + "pays crossing pool_edge:in:/features/features\\.2/MaxPool@cpu, \\+4566\\.0 us");
        assertThat(explain("/features/features.4/Concat")).contains("pays crossing"
                + " pool_edge:concat:/features/features.5/MaxPool@cpu, +1824.5 us, at a precision edge: fp32 meets int8"
                + " at max pool /features/features.5/MaxPool (its input from an int8 concat with a float input, which"
                + " ORT runs in NCHW): ONNX Runtime runs its plain uint8 kernel, 1851.5 us (measured pool_edge row (");
    }
}
