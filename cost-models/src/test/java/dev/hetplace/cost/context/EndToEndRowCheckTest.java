package dev.hetplace.cost.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.cost.cpu.CpuCostModel;
import dev.hetplace.cost.gpu.GpuCostModel;
import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Profiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's end_to_end.csv whose rows the cost models cannot predict fails with one message naming file and line. */
class EndToEndRowCheckTest {
    private static final String HEADER = "model,device,precision,batch,threads,timing,median_us,p10_us,p90_us";
    private static final String GOOD_CPU = "resnet18,cpu,fp32,1,4,eager,13112.81,12764.91,13689.48";
    private static final String GOOD_GPU = "resnet18,cuda,fp16,1,,graph,340.98,340.43,342.32";

    @TempDir
    Path dir;

    private Platform platform(String... rows) throws IOException {
        for (String table : List.of("cpu_layers.csv", "gpu_layers.csv")) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("measured/x86-h200/" + table)) {
                Files.copy(in, dir.resolve(table));
            }
        }
        List<String> lines = new ArrayList<>(List.of(HEADER));
        lines.addAll(List.of(rows));
        Files.write(dir.resolve("end_to_end.csv"), lines, StandardCharsets.UTF_8);
        return Profiles.withOverrides(Profiles.builtIn("x86-h200"), Map.of(
                "devices.cpu.calibration", dir.resolve("cpu_layers.csv").toString(),
                "devices.gpu.calibration", dir.resolve("gpu_layers.csv").toString()));
    }

    private String file() {
        return dir.resolve("end_to_end.csv").toString();
    }

    private static Device cpu(Platform p) {
        return p.device("cpu").orElseThrow();
    }

    private static Device gpu(Platform p) {
        return p.device("gpu").orElseThrow();
    }

    @Test
    void aModelThatDoesNotImportNamesFileAndLine() throws IOException {
        Platform p = platform(GOOD_CPU, "resnet99,cpu,int8,1,4,eager,4481.69,4394.65,4659.05");
        assertThatThrownBy(() -> new CpuCostModel(InContextFit::cpu).inContext(cpu(p)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file() + ":3: model 'resnet99' does not import (unknown model 'resnet99'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aPrecisionTheDeviceLacksNamesFileAndLine() throws IOException {
        Platform p = platform(GOOD_CPU, "resnet18,cpu,fp16,1,4,eager,4481.69,4394.65,4659.05");
        assertThatThrownBy(() -> new CpuCostModel(InContextFit::cpu).inContext(cpu(p)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file() + ":3: precision fp16, but device cpu (x86-64 Intel Xeon host (16 cores)) has"
                        + " only fp32, int8");
    }

    @Test
    void anUnknownPrecisionOnTheGpuNamesFileAndLine() throws IOException {
        Platform p = platform(GOOD_CPU, GOOD_GPU, "resnet18,cuda,int4,1,,graph,340.98,340.43,342.32");
        assertThatThrownBy(() -> new GpuCostModel(GpuTiming.EAGER, InContextFit::gpu).inContext(gpu(p)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file() + ":4: precision 'int4' is none of fp32, tf32, fp16, bf16, int8, "
                        + "int8_skip_first_conv, int8_skip_first_conv_and_dense");
    }

    @Test
    void goodRowsFit() throws IOException {
        Platform p = platform(GOOD_CPU, GOOD_GPU);
        assertThat(new CpuCostModel(InContextFit::cpu).inContext(cpu(p)).rowsByThreads()).containsEntry(4, 1);
        assertThat(new GpuCostModel(GpuTiming.EAGER, InContextFit::gpu).inContext(gpu(p)).graphFactor()).containsOnlyKeys(
                dev.hetplace.hw.Precision.FP16);
    }

    /** Seed 15: random cells replaced by junk either fit or fail with one line naming the file and a line. */
    @Test
    void fuzzedRowsFailWithFileAndLineOrFit() throws IOException {
        Random random = new Random(15);
        String[] junk = {"", "resnet", "lenet", "x.onnx", "fp64", "int8", "cuda", "gpu", "cpu", "-1", "0", "abc",
            "graph", "eager", "1e3", "NaN", "int8_skip_first_conv", "bf16"};
        Platform p = platform(GOOD_CPU, GOOD_GPU);
        for (int round = 0; round < 40; round++) {
            String[] cpuCells = GOOD_CPU.split(",", -1);
            String[] gpuCells = GOOD_GPU.split(",", -1);
            String[] cells = random.nextBoolean() ? cpuCells : gpuCells;
            cells[random.nextInt(7)] = junk[random.nextInt(junk.length)];
            Files.write(dir.resolve("end_to_end.csv"), List.of(HEADER, String.join(",", cpuCells),
                    String.join(",", gpuCells)), StandardCharsets.UTF_8);
            for (Runnable fit : List.<Runnable>of(() -> new CpuCostModel(InContextFit::cpu).inContext(cpu(p)),
                    () -> new GpuCostModel(GpuTiming.EAGER, InContextFit::gpu).inContext(gpu(p)))) {
                try {
                    fit.run();
                } catch (IllegalArgumentException e) {
                    assertThat(e.getMessage()).as("round %d", round).matches(java.util.regex.Pattern.quote(file()) + ":[23]: .+")
                            .doesNotContain("\n");
                }
            }
        }
    }
}
