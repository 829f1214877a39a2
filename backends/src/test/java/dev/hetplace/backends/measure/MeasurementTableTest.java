package dev.hetplace.backends.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hetplace.hw.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented CSV format as users write it, and its bad input. */
class MeasurementTableTest {
    private static final String HEADER = String.join(",", MeasurementTable.COLUMNS);
    private static final LayerShape CONV = LayerShape.conv2d(64, 56, 56, 64, 3, 3, 1, 1, 1);

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private String error(Path file) {
        Throwable t = catchThrowable(() -> MeasurementTable.read(file));
        assertThat(t).isInstanceOf(MeasurementException.class).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.getMessage()).doesNotContain("\n");
        return t.getMessage().replace(dir.toString() + "/", "");
    }

    @Test
    void readsAUsersTableWithCommentsCastsAndOptionalPercentiles() throws IOException {
        Path file = write("pynq.csv",
                "# measured on my board",
                HEADER,
                "vta,conv2d,1,64,56,56,64,3,3,1,1,1,56,56,,int8,,812.5,800,830",
                "cpu,conv2d,1,64,56,56,64,3,3,1,1,1,56,56,2,fp32,eager,40125,,",
                "cpu,dense,1,512,1,1,1000,1,1,1,0,1,1,1,2,quantize_input,eager,3.5,,",
                "",
                "vta,conv2d,1,64,56,56,64,3,3,1,1,1,56,56,,int8,,790,,",
                "vta,conv2d,1,64,56,56,64,3,3,1,1,1,56,56,,int8,,900,,");
        MeasurementTable t = MeasurementTable.read(file);
        assertThat(t.layers()).hasSize(4);
        assertThat(t.casts()).containsExactly(new CastMeasurement("cpu", LayerShape.dense(512, 1000), 1, 2,
                CastKind.QUANTIZE_INPUT, Timing.EAGER, 3.5, Double.NaN, Double.NaN));
        Measurement cpu = t.find("cpu", CONV, 1, 2, Precision.FP32, Timing.EAGER).orElseThrow();
        assertThat(cpu.medianUs()).isEqualTo(40125.0);
        assertThat(cpu.p10Us()).isNaN();
        // three vta rows for one key: find returns the middle one
        assertThat(t.findAll("vta", CONV, 1, 0, "int8", Timing.EAGER)).extracting(Measurement::medianUs)
                .containsExactly(812.5, 790.0, 900.0);
        assertThat(t.find("vta", CONV, 1, 0, Precision.INT8, Timing.EAGER).orElseThrow().medianUs())
                .isEqualTo(812.5);
        assertThat(t.shapes("vta")).containsExactly(CONV);
        assertThat(CONV.macs()).isEqualTo(64L * 56 * 56 * 64 * 9);
    }

    /** squeezenet1_1's first pool is ceil-mode (111 -> 55), resnet18's floor with padding (112 -> 56). */
    @Test
    void poolEdgeRowsAreMaxPoolShapesWithFloorOrCeilOutputs() throws IOException {
        Path file = write("ort.csv", HEADER,
                "cpu,max_pool2d,1,64,111,111,64,3,3,2,0,64,55,55,1,pool_edge,eager,15033,6661,19664",
                "cpu,max_pool2d,1,64,112,112,64,3,3,2,1,64,56,56,1,pool_edge,eager,16612,6549,27510",
                "cpu,max_pool2d,1,256,27,27,256,3,3,2,0,256,13,13,1,pool_edge,eager,23.5,13,29");
        MeasurementTable t = MeasurementTable.read(file);
        LayerShape stem = LayerShape.maxPool2d(64, 111, 111, 3, 3, 2, 0, 55, 55);
        assertThat(t.layers()).isEmpty();
        assertThat(t.poolEdges("cpu")).hasSize(3);
        assertThat(t.findCast("cpu", stem, 1, 1, CastKind.POOL_EDGE).orElseThrow().medianUs()).isEqualTo(15033.0);
        assertThat(stem.macs()).isEqualTo(64L * 55 * 55 * 9);

        assertThat(error(write("a.csv", HEADER,
                "cpu,max_pool2d,1,64,111,111,64,3,3,2,0,64,54,55,1,pool_edge,eager,1,,")))
                .isEqualTo("a.csv:2: oh/ow 54x55 do not follow from h, w, kh, kw, stride and pad (floor or ceil)");
        assertThat(error(write("b.csv", HEADER,
                "cpu,max_pool2d,1,64,111,111,64,3,3,2,0,64,55,55,1,int8,eager,1,,")))
                .isEqualTo("b.csv:2: column 'precision': a max_pool2d row is a pool_edge row, not 'int8'");
        assertThat(error(write("c.csv", HEADER,
                "cpu,conv2d,1,64,56,56,64,3,3,1,1,1,56,56,1,pool_edge,eager,1,,")))
                .isEqualTo("c.csv:2: column 'precision': a pool_edge row is a max_pool2d row, not conv2d");
        assertThat(error(write("d.csv", HEADER,
                "cpu,max_pool2d,1,64,111,111,32,3,3,2,0,64,55,55,1,pool_edge,eager,1,,")))
                .isEqualTo("d.csv:2: a max_pool2d row has cin = cout = groups (the channels)");
    }

    /**
     * squeezenet1_1's first max pool (3x3 s2, 1x64x111x111 -> 1x64x55x55) and a fire module's concat as `place
     * measure --runtime onnxruntime --cpu-threads 2` wrote them, and an add ORT ran inside the conv before it (0 us).
     */
    @Test
    void passRowsAreWholeGroupsByOpClassWithTheirElements() throws IOException {
        Path file = write("ort.csv", HEADER,
                "cpu,pool,1,788544,1,1,193600,3,3,2,0,1,1,1,2,fp32,eager,71.000,70.000,137.000",
                "cpu,copy,1,387200,1,1,387200,1,1,1,0,1,1,1,2,int8,eager,35.000,33.000,36.000",
                "cpu,eltwise,1,401408,1,1,200704,1,1,1,0,1,1,1,2,fp32,eager,0,0,0",
                "cpu,conv2d,1,64,56,56,64,3,3,1,1,1,56,56,2,fp32,eager,40,,");
        MeasurementTable t = MeasurementTable.read(file);
        assertThat(t.layers()).extracting(m -> m.shape().op()).containsExactly("conv2d");
        assertThat(t.passes()).containsExactly(
                new Measurement("cpu", PassShape.of("pool", 64L * 111 * 111, 64L * 55 * 55, 3, 3, 2, 0), 1, 2,
                        Precision.FP32, false, Timing.EAGER, 71, 70, 137),
                new Measurement("cpu", PassShape.of("copy", 387_200, 387_200, 1, 1, 1, 0), 1, 2, Precision.INT8, false,
                        Timing.EAGER, 35, 33, 36),
                new Measurement("cpu", PassShape.of("eltwise", 401_408, 200_704, 1, 1, 1, 0), 1, 2, Precision.FP32,
                        false, Timing.EAGER, 0, 0, 0));

        assertThat(error(write("a.csv", HEADER, "cpu,pool,1,788544,1,1,193600,3,3,2,0,1,1,1,2,pool_edge,eager,7,,")))
                .isEqualTo("a.csv:2: column 'precision': a pool pass row is fp32, int8, edge_int8 or edge_fp32, not"
                        + " 'pool_edge'");
        assertThat(error(write("b.csv", HEADER, "cpu,copy,1,128,55,55,128,1,1,1,0,1,55,55,2,fp32,eager,7,,")))
                .isEqualTo("b.csv:2: a copy pass row has h, w, groups, oh, ow = 1 (cin and cout hold the elements"
                        + " read and written)");
        assertThat(error(write("c.csv", HEADER, "cpu,eltwise,1,100,1,1,50,1,1,1,0,1,1,1,2,int8,eager,-1,,")))
                .isEqualTo("c.csv:2: column 'median_us': must be a number >= 0, got -1");
        assertThat(error(write("d.csv", HEADER, "cpu,eltwise,1,100,1,1,50,1,1,1,0,1,1,1,2,int8,eager,5,6,7")))
                .isEqualTo("d.csv:2: percentiles out of order: p10_us 6.0, median_us 5.0, p90_us 7.0");
        assertThat(error(write("e.csv", HEADER, "cpu,eltwise,1,100,1,1,50,3,3,1,0,1,1,1,2,int8,eager,5,,")))
                .isEqualTo("e.csv:2: a eltwise pass row has kh, kw, stride = 1 and pad = 0 (a window is a pool's)");
        assertThat(error(write("f.csv", HEADER, "cpu,copy,4,100,1,1,100,1,1,1,0,1,1,1,2,fp32,eager,5,,")))
                .isEqualTo("f.csv:2: column 'batch': a pass row is measured at batch 1 (cin and cout count its"
                        + " elements)");
    }

    @Test
    void readsPrecisionEdgeRowsOfGemmAndPassGroupsWhichMayBeZero() throws IOException {
        Path file = write("ort.csv", HEADER,
                "cpu,conv2d,1,64,56,56,64,3,3,1,1,1,56,56,1,edge_int8,eager,133.5,120,150",
                "cpu,eltwise,1,1605632,1,1,802816,1,1,1,0,1,1,1,1,edge_fp32,eager,1084.000,1020.000,1190.000",
                "cpu,copy,1,387200,1,1,387200,1,1,1,0,1,1,1,1,edge_fp32,eager,0,0,0");
        MeasurementTable t = MeasurementTable.read(file);
        assertThat(t.layers()).isEmpty();
        assertThat(t.passes()).isEmpty();
        assertThat(t.casts()).containsExactly(
                new CastMeasurement("cpu", CONV, 1, 1, CastKind.EDGE_INT8, Timing.EAGER, 133.5, 120, 150),
                new CastMeasurement("cpu", PassShape.of("eltwise", 1_605_632, 802_816, 1, 1, 1, 0), 1, 1,
                        CastKind.EDGE_FP32, Timing.EAGER, 1084, 1020, 1190),
                new CastMeasurement("cpu", PassShape.of("copy", 387_200, 387_200, 1, 1, 1, 0), 1, 1,
                        CastKind.EDGE_FP32, Timing.EAGER, 0, 0, 0));
        assertThat(t.casts()).allMatch(c -> c.kind().isPrecisionEdge());

        assertThat(error(write("a.csv", HEADER,
                "cpu,max_pool2d,1,64,112,112,64,3,3,2,1,64,56,56,1,edge_int8,eager,9,,")))
                .isEqualTo("a.csv:2: column 'precision': a max_pool2d row is a pool_edge row, not 'edge_int8'");
        assertThat(error(write("b.csv", HEADER, "cpu,conv2d,1,64,56,56,64,3,3,1,1,1,56,56,1,edge_fp32,eager,-2,,")))
                .isEqualTo("b.csv:2: column 'median_us': must be a number >= 0, got -2");
        assertThat(error(write("d.csv", HEADER, "cpu,conv2d,2,64,56,56,64,3,3,1,1,1,56,56,1,edge_int8,eager,2,,")))
                .isEqualTo("d.csv:2: column 'batch': an edge_int8 row is measured at batch 1");
        assertThat(error(write("e.csv", HEADER, "cpu,copy,1,100,1,1,100,1,1,1,0,1,1,1,1,edge_fp32,graph,2,,")))
                .isEqualTo("e.csv:2: column 'timing': an edge_fp32 row is timed eager (ONNX Runtime's profile)");
        assertThat(error(write("c.csv", HEADER, "cpu,conv2d,1,64,56,56,64,3,3,1,1,1,56,56,1,edge_fp16,eager,2,,")))
                .isEqualTo("c.csv:2: column 'precision': unknown precision 'edge_fp16' (known: fp32, tf32, fp16, bf16,"
                        + " int8, <precision>_gemm, quantize_input, dequantize_output, pool_edge, edge_int8,"
                        + " edge_fp32)");
    }

    @Test
    void columnsMayComeInAnyOrderAndPercentilesMayBeAbsent() throws IOException {
        Path file = write("t.csv",
                "precision,median_us,device,op,batch,cin,h,w,cout,kh,kw,stride,pad,groups,oh,ow,threads,timing,note",
                "fp16,12.5,gpu,conv2d,8,64,56,56,64,3,3,1,1,1,56,56,,graph,any text");
        Measurement m = MeasurementTable.read(file).layers().get(0);
        assertThat(m).isEqualTo(new Measurement("gpu", CONV, 8, 0, Precision.FP16, false, Timing.GRAPH, 12.5,
                Double.NaN, Double.NaN));
    }

    @Test
    void perDeviceFilesTakeTheDeviceFromTheirName() throws IOException {
        Path file = write("vta_layers.csv",
                "op,batch,cin,h,w,cout,kh,kw,stride,pad,groups,oh,ow,precision,median_us",
                "conv2d,1,64,56,56,64,3,3,1,1,1,56,56,int8,700");
        assertThat(MeasurementTable.readPerDevice(file).find("vta", CONV, 1, 0, Precision.INT8, Timing.EAGER))
                .isPresent();
    }

    @Test
    void aMalformedRowNamesFileAndLine() throws IOException {
        assertThat(error(write("a.csv", HEADER, "cpu,conv2d,1,64,56,56,64,3,3,1,1,1,56,56,2,fp32,eager,40,39,41",
                "cpu,conv2d,1,64,56,56,64,3,3,1,1,1,56,56,2,fp32,eager,40")))
                .isEqualTo("a.csv:3: expected 20 columns as in the header, got 18");
        assertThat(error(write("b.csv", HEADER, "cpu,conv2d,1,64,56,56,64,3,3,1,1,1,56,56,2,fp32,eager,fast,,")))
                .isEqualTo("b.csv:2: column 'median_us': 'fast' is not a number");
        assertThat(error(write("c.csv", HEADER, "cpu,conv2d,1,64,56,56,64,3,3,1,1,1,56,56,2,fp32,eager,-4,,")))
                .isEqualTo("c.csv:2: column 'median_us': must be a positive number, got -4");
        assertThat(error(write("d.csv", HEADER, "cpu,conv2d,1,64,56,56,64,3,3,2,1,1,56,56,2,fp32,eager,40,,")))
                .isEqualTo("d.csv:2: oh/ow 56x56 do not follow from h, w, kh, kw, stride and pad (expected 28x28)");
        assertThat(error(write("e.csv", HEADER, "cpu,conv2d,0,64,56,56,64,3,3,1,1,1,56,56,2,fp32,eager,40,,")))
                .isEqualTo("e.csv:2: column 'batch': must be >= 1, got 0");
        assertThat(error(write("f.csv", HEADER, "cpu,conv3d,1,64,56,56,64,3,3,1,1,1,56,56,2,fp32,eager,40,,")))
                .isEqualTo("f.csv:2: column 'op': unknown op 'conv3d' (known: conv2d, dense, max_pool2d, pool, global_pool,"
                        + " eltwise, activation, copy, normalization, model)");
        assertThat(error(write("g.csv", HEADER, "cpu,conv2d,1,64,56,56,64,3,3,1,1,1,56,56,2,fp32,lazy,40,,")))
                .isEqualTo("g.csv:2: column 'timing': unknown timing 'lazy' (known: eager, graph)");
        assertThat(error(write("h.csv", HEADER, "cpu,conv2d,1,64,56,56,64,3,3,1,1,1,56,56,2,fp32,eager,40,45,50")))
                .isEqualTo("h.csv:2: percentiles out of order: p10_us 45.0, median_us 40.0, p90_us 50.0");
        assertThat(error(write("i.csv", HEADER, "cpu,conv2d,1,64,56,56,60,3,3,1,1,8,56,56,2,fp32,eager,40,,")))
                .isEqualTo("i.csv:2: layer shape conv2d 64x56x56 -> 60, 3x3 s1 p1 g8: groups must divide both"
                        + " channel counts");
        assertThat(error(write("j.csv", "device,op,batch", "cpu,conv2d,1")))
                .startsWith("j.csv:1: missing column 'cin' (required: device, op, batch, cin, ");
        assertThat(error(write("k.csv", "")))
                .isEqualTo("k.csv: empty file (expected a header row)");
    }

    @Test
    void anUnknownPrecisionInARowIsBadInput() throws IOException {
        assertThat(error(write("p.csv", HEADER, "gpu,conv2d,1,64,56,56,64,3,3,1,1,1,56,56,,fp8,graph,4,,")))
                .isEqualTo("p.csv:2: column 'precision': unknown precision 'fp8' (known: fp32, tf32, fp16, bf16,"
                        + " int8, <precision>_gemm, quantize_input, dequantize_output, pool_edge, edge_int8,"
                        + " edge_fp32)");
        assertThat(error(write("q.csv", HEADER, "gpu,conv2d,1,64,56,56,64,3,3,1,1,1,56,56,,fp8_gemm,graph,4,,")))
                .startsWith("q.csv:2: column 'precision': unknown precision 'fp8_gemm'");
    }

    @Test
    void aMissingFileIsBadInput() {
        assertThat(error(dir.resolve("none.csv"))).isEqualTo("none.csv: no such measurement file");
    }
}
