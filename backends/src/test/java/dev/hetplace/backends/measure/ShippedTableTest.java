package dev.hetplace.backends.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hetplace.hw.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The x86-h200 files shipped in the jar, read through the documented measurement-table format. */
class ShippedTableTest {
    private static final LayerShape STEM = LayerShape.conv2d(3, 224, 224, 64, 7, 7, 2, 3, 1);
    private static final LayerShape RESNET18_DENSE = LayerShape.dense(512, 1000);

    @Test
    void cpuTableSplitsLayerRowsFromCastRows() {
        MeasurementTable cpu = ShippedTable.X86_H200_CPU_LAYERS.layers();
        // 21 ResNet-18 layers x 2 thread counts x (fp32, int8) and the same number of each cast
        assertThat(cpu.layers()).hasSize(84);
        assertThat(cpu.casts()).hasSize(84);
        assertThat(cpu.layers()).allMatch(m -> m.device().equals("cpu") && m.timing() == Timing.EAGER);
        assertThat(cpu.shapes("cpu")).hasSize(12).startsWith(STEM);

        Measurement stem = cpu.find("cpu", STEM, 1, 1, Precision.FP32, Timing.EAGER).orElseThrow();
        assertThat(stem.medianUs()).isEqualTo(2865.76);
        assertThat(stem.p10Us()).isEqualTo(2655.75);
        assertThat(stem.p90Us()).isEqualTo(3003.18);
        assertThat(stem.medianNs()).isEqualTo(2_865_760);
        assertThat(cpu.find("cpu", STEM, 1, 4, Precision.INT8, Timing.EAGER).orElseThrow().medianUs())
                .isEqualTo(470.73);
        assertThat(cpu.find("cpu", RESNET18_DENSE, 1, 4, Precision.FP32, Timing.EAGER).orElseThrow().medianUs())
                .isEqualTo(17.07);
        assertThat(cpu.find("cpu", STEM, 1, 4, Precision.FP32, Timing.GRAPH)).isEmpty();
        assertThat(cpu.find("cpu", STEM, 1, 2, Precision.FP32, Timing.EAGER)).isEmpty();

        CastMeasurement quantize = cpu.findCast("cpu", STEM, 1, 4, CastKind.QUANTIZE_INPUT).orElseThrow();
        assertThat(quantize.medianUs()).isEqualTo(10.50);
        assertThat(quantize.elements()).isEqualTo(3 * 224 * 224);
        CastMeasurement dequantize = cpu.findCast("cpu", STEM, 1, 4, CastKind.DEQUANTIZE_OUTPUT).orElseThrow();
        assertThat(dequantize.medianUs()).isEqualTo(26.69);
        assertThat(dequantize.elements()).isEqualTo(64 * 112 * 112);
    }

    @Test
    void gpuTableKeepsTimingsAndGemmTags() {
        MeasurementTable gpu = ShippedTable.X86_H200_GPU_LAYERS.layers();
        assertThat(gpu.layers()).hasSize(1610);
        assertThat(gpu.casts()).isEmpty();
        assertThat(gpu.layers()).allMatch(m -> m.device().equals("gpu") && m.threads() == 0);
        assertThat(gpu.find("gpu", STEM, 1, 0, Precision.FP32, Timing.EAGER).orElseThrow().medianUs())
                .isEqualTo(36.19);
        assertThat(gpu.find("gpu", STEM, 1, 0, Precision.FP32, Timing.GRAPH).orElseThrow().medianUs())
                .isEqualTo(21.17);
        assertThat(gpu.find("gpu", RESNET18_DENSE, 32, 0, Precision.FP16, Timing.GRAPH).orElseThrow().medianUs())
                .isEqualTo(3.47);
        Measurement gemm = gpu.find("gpu", RESNET18_DENSE, 32, 0, "int8_gemm", Timing.GRAPH).orElseThrow();
        assertThat(gemm.medianUs()).isEqualTo(17.56);
        assertThat(gemm.gemmCore()).isTrue();
        assertThat(gemm.precision()).isEqualTo(Precision.INT8);
        assertThat(gemm.precisionTag()).isEqualTo("int8_gemm");
        assertThat(gpu.layers().stream().map(Measurement::precisionTag).distinct().sorted())
                .containsExactly("bf16", "fp16", "fp16_gemm", "fp32", "int8_gemm", "tf32");
        // MobileNet-V2's depthwise convs keep their groups
        assertThat(gpu.shapes("gpu")).contains(LayerShape.conv2d(32, 112, 112, 32, 3, 3, 1, 1, 32));
    }

    @Test
    void mergedLayersHoldBothDevices() {
        MeasurementTable all = ShippedTable.X86_H200_CPU_LAYERS.layers().merge(ShippedTable.X86_H200_GPU_LAYERS.layers());
        assertThat(all.layers()).hasSize(84 + 1610);
        assertThat(all.source()).isEqualTo("x86-h200/cpu_layers.csv + x86-h200/gpu_layers.csv");
    }

    @Test
    void transferPaddingAndEndToEndFilesReadAsRecords() {
        List<TransferMeasurement> transfers = ShippedTable.X86_H200_TRANSFER.read(TransferMeasurement::read);
        assertThat(transfers).hasSize(28);
        assertThat(transfers).contains(new TransferMeasurement(TransferMeasurement.Direction.H2D, true, 67108864,
                1233.18, 1224.13, 1240.29));

        List<PaddingMeasurement> padding = ShippedTable.X86_H200_PADDING.read(PaddingMeasurement::read);
        assertThat(padding).hasSize(30);
        assertThat(padding).contains(new PaddingMeasurement("gpu", Precision.FP16, 1, 3, 4, 8.29, 8.27, 8.43));
        assertThat(padding).filteredOn(p -> p.device().equals("cpu")).hasSize(6);

        List<EndToEndMeasurement> e2e = ShippedTable.X86_H200_END_TO_END.read(EndToEndMeasurement::read);
        assertThat(e2e).hasSize(14);
        assertThat(e2e).contains(new EndToEndMeasurement("resnet18", "cuda", "fp16", 32, 0, "graph", 931.89,
                "x86-h200/end_to_end.csv", 9, 931.42, 935.72));
        assertThat(e2e).contains(new EndToEndMeasurement("resnet18", "cpu", "int8_skip_first_conv", 1, 4, "eager",
                5200.11, "x86-h200/end_to_end.csv", 15, 5094.46, 5355.55));
    }

    @Test
    void anUnknownShippedTableIsBadInput() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CalibrationTables.layers("x86-h200/npu_layers.csv",
                        "npu"))
                .isInstanceOf(MeasurementException.class)
                .hasMessage("measurement table 'x86-h200/npu_layers.csv' is neither shipped (one of"
                        + " x86-h200/cpu_layers.csv, x86-h200/gpu_layers.csv, x86-h200/end_to_end.csv,"
                        + " x86-h200/transfer.csv, x86-h200/padding.csv) nor a file");
    }

    @Test
    void sumsOfLayerRowsMatchTheReadmeCaveat() {
        // README: at 1 thread the per-layer CPU rows add up to 52.2 ms fp32 and 17.0 ms int8
        MeasurementTable cpu = ShippedTable.X86_H200_CPU_LAYERS.layers();
        double fp32 = cpu.layers().stream().filter(m -> m.threads() == 1 && m.precision() == Precision.FP32)
                .mapToDouble(Measurement::medianUs).sum();
        double int8 = cpu.layers().stream().filter(m -> m.threads() == 1 && m.precision() == Precision.INT8)
                .mapToDouble(Measurement::medianUs).sum();
        assertThat(fp32 / 1000).isCloseTo(52.2, within(0.05));
        assertThat(int8 / 1000).isCloseTo(17.0, within(0.05));
    }
}
