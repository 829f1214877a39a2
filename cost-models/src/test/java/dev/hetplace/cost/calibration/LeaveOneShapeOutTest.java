package dev.hetplace.cost.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeaveOneShapeOutTest {
    @Test
    void printsCpuAndGpu() {
        List<FidelityRow> cpu = LeaveOneShapeOut.run("cpu",
                CalibratedKernels.load("x86-h200/cpu_layers.csv", List.of("fp32", "int8")));
        List<FidelityRow> gpu = LeaveOneShapeOut.run("gpu",
                CalibratedKernels.load("x86-h200/gpu_layers.csv", List.of("fp32", "tf32", "fp16", "bf16", "int8_gemm")));
        cpu.forEach(r -> System.out.println(r.format()));
        gpu.forEach(r -> System.out.println(r.format()));
        assertThat(cpu).hasSize(4);
    }
}
