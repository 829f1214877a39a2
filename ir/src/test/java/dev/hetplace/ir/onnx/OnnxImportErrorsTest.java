package dev.hetplace.ir.onnx;

import static dev.hetplace.ir.onnx.TestModel.dims;
import static dev.hetplace.ir.onnx.TestModel.i;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input: one line naming the file (and node) and what is wrong, as an IllegalArgumentException. */
class OnnxImportErrorsTest {
    @TempDir
    Path tmp;

    private static String failure(Runnable r) {
        Throwable t = catchThrowable(r::run);
        assertThat(t).isInstanceOf(OnnxImportException.class).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.getMessage()).doesNotContain("\n");
        return t.getMessage();
    }

    private static String failure(TestModel m) {
        return failure(m::load);
    }

    @Test
    void missingFile() {
        Path p = tmp.resolve("nothere.onnx");
        assertThat(failure(() -> OnnxImporter.load(p))).isEqualTo(p + ": no such file");
    }

    @Test
    void directory() {
        assertThat(failure(() -> OnnxImporter.load(tmp))).isEqualTo(tmp + ": is a directory, not an ONNX file");
    }

    @Test
    void emptyFile() throws IOException {
        Path p = Files.write(tmp.resolve("empty.onnx"), new byte[0]);
        assertThat(failure(() -> OnnxImporter.load(p))).isEqualTo(p + ": is empty (0 bytes), not an ONNX model");
    }

    /** Cut inside the header, inside squeezenet's weights, and one byte short of the end. */
    @ParameterizedTest
    @ValueSource(ints = {12, 2_000_000, 4_950_120})
    void truncatedFile(int keep) throws IOException {
        byte[] whole = Files.readAllBytes(ShippedModels.path("squeezenet1_1.onnx"));
        Path p = Files.write(tmp.resolve("squeezenet_cut.onnx"), Arrays.copyOf(whole, keep));

        assertThat(failure(() -> OnnxImporter.load(p))).isEqualTo(p + ": is truncated: its data ends in the middle"
                + " of a protobuf field (" + keep + " bytes)");
    }

    @Test
    void truncatedBetweenFieldsLosesTheOpset() throws IOException {
        byte[] whole = Files.readAllBytes(ShippedModels.path("resnet18.onnx"));
        ai.onnx.proto.OnnxMl.ModelProto model = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(whole);
        int withoutOpset = model.toBuilder().clearOpsetImport().build().getSerializedSize();
        Path p = Files.write(tmp.resolve("resnet18_cut.onnx"), Arrays.copyOf(whole, withoutOpset));

        assertThat(failure(() -> OnnxImporter.load(p))).isEqualTo(p + ": declares no ai.onnx opset (opset_import is"
                + " missing or the file is truncated)");
    }

    @Test
    void textFile() throws IOException {
        Path p = Files.writeString(tmp.resolve("model.onnx"), "graph(%input : Float(1, 3, 224, 224)):\n  relu\n");
        assertThat(failure(() -> OnnxImporter.load(p))).isEqualTo(p + ": is a text file, not an ONNX model");
    }

    @Test
    void pngImage() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0};
        Path p = Files.write(tmp.resolve("cat.onnx"), png);
        assertThat(failure(() -> OnnxImporter.load(p))).isEqualTo(p + ": is a PNG image, not an ONNX model");
    }

    /** Seed 7: random bytes are not a ModelProto (or parse to one without a graph). */
    @Test
    void randomBytes() throws IOException {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Path p = Files.write(tmp.resolve("noise.onnx"), noise);
        assertThat(failure(() -> OnnxImporter.load(p))).startsWith(p + ": is ").contains("not an ONNX model");
    }

    @Test
    void cycleNamesANodeOnIt() {
        String msg = failure(TestModel.named("cycle").input("x", 1, 4)
                .node("Relu", "head", List.of("x"), "h")
                .node("Add", "loop_add", List.of("h", "back"), "a")
                .node("Relu", "loop_relu", List.of("a"), "back")
                .node("Relu", "tail", List.of("a"), "y")
                .output("y"));
        assertThat(msg).isEqualTo("cycle.onnx: node 'loop_add' (Add): is on a cycle: 'loop_add' (Add) -> "
                + "'loop_relu' (Relu) -> 'loop_add' (Add)");
    }

    @Test
    void undefinedInput() {
        String msg = failure(TestModel.named("dangling").input("x", 1, 4)
                .node("Add", "sum", List.of("x", "ghost"), "y")
                .output("y"));
        assertThat(msg).isEqualTo("dangling.onnx: node 'sum' (Add): reads undefined input 'ghost' (no node, graph"
                + " input or initializer defines it)");
    }

    @Test
    void opsetTooOld() {
        String msg = failure(TestModel.named("old").opset(6).input("x", 1, 4)
                .node("Relu", "r", List.of("x"), "y").output("y"));
        assertThat(msg).isEqualTo("old.onnx: uses ai.onnx opset 6, but hetplace reads opsets 7 to 21 (re-export it"
                + " with a newer exporter)");
    }

    @Test
    void opsetTooNew() {
        String msg = failure(TestModel.named("new").opset(22).input("x", 1, 4)
                .node("Relu", "r", List.of("x"), "y").output("y"));
        assertThat(msg).isEqualTo("new.onnx: uses ai.onnx opset 22, but hetplace reads opsets 7 to 21 (re-export it"
                + " with opset_version=21)");
    }

    @Test
    void addOfMismatchedShapes() {
        String msg = failure(TestModel.named("mismatch").input("a", 1, 3, 4, 4).input("b", 1, 5, 4, 4)
                .node("Add", "residual", List.of("a", "b"), "y").output("y"));
        assertThat(msg).isEqualTo("mismatch.onnx: node 'residual' (Add): shapes [1, 3, 4, 4] and [1, 5, 4, 4] do not"
                + " broadcast");
    }

    @Test
    void convWeightForOtherChannels() {
        String msg = failure(TestModel.named("conv_mismatch").input("x", 1, 3, 8, 8)
                .weight("w", dims(16, 4, 3, 3))
                .node("Conv", "stem", List.of("x", "w"), "y").output("y"));
        assertThat(msg).isEqualTo("conv_mismatch.onnx: node 'stem' (Conv): weight [16, 4, 3, 3] with group 1 expects"
                + " 4 input channels, but input [1, 3, 8, 8] has 3");
    }

    @Test
    void gemmInnerDimensionMismatch() {
        String msg = failure(TestModel.named("gemm_mismatch").input("x", 1, 512)
                .weight("w", dims(1000, 256))
                .node("Gemm", "fc", List.of("x", "w"), "y", i("transB", 1)).output("y"));
        assertThat(msg).isEqualTo("gemm_mismatch.onnx: node 'fc' (Gemm): A [1, 512] and B [1000, 256] (transposed)"
                + " differ in the inner dimension (512 vs 256)");
    }

    @Test
    void declaredShapeDisagreesWithInference() {
        String msg = failure(TestModel.named("declared").input("x", 1, 3, 8, 8)
                .node("MaxPool", "pool", List.of("x"), "y", TestModel.ints("kernel_shape", 2, 2),
                        TestModel.ints("strides", 2, 2))
                .output("y", 1, 3, 3, 3));
        assertThat(msg).isEqualTo("declared.onnx: node 'pool' (MaxPool): output 'y' is declared [1, 3, 3, 3] but its"
                + " inputs give [1, 3, 4, 4]");
    }

    @Test
    void valueWrittenTwice() {
        String msg = failure(TestModel.named("twice").input("x", 1, 4)
                .node("Relu", "first", List.of("x"), "y")
                .node("Sigmoid", "second", List.of("x"), "y")
                .output("y"));
        assertThat(msg).isEqualTo("twice.onnx: node 'second' (Sigmoid): writes value 'y', which node 'first' (Relu)"
                + " also writes");
    }

    @Test
    void symbolicSequenceLength() {
        ai.onnx.proto.OnnxMl.ModelProto.Builder m = TestModel.named("dyn").input("x", 1, 4)
                .node("Relu", "r", List.of("x"), "y").output("y").build().toBuilder();
        m.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                .getDimBuilder(1).setDimParam("seq");
        String msg = failure(() -> OnnxImporter.load(m.build().toByteArray(), "dyn.onnx"));
        assertThat(msg).isEqualTo("dyn.onnx: graph input 'x' dimension 1 is symbolic ('seq'); hetplace needs every"
                + " dimension but the batch fixed (export with a static shape)");
    }

    @Test
    void symbolicBatchIsOne() {
        ai.onnx.proto.OnnxMl.ModelProto.Builder m = TestModel.named("batch").input("x", 1, 4)
                .node("Relu", "r", List.of("x"), "y").output("y").build().toBuilder();
        m.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                .getDimBuilder(0).setDimParam("N");
        assertThat(OnnxImporter.load(m.build().toByteArray(), "batch.onnx").layer(0).output().shape())
                .containsExactly(1, 4);
    }

    @Test
    void readsTheSameFromAStream() throws IOException {
        try (var in = Files.newInputStream(ShippedModels.path("resnet18.onnx"))) {
            assertThat(OnnxImporter.load(in, "resnet18.onnx").size()).isEqualTo(50);
        }
        String msg = failure(() -> OnnxImporter.load(new java.io.ByteArrayInputStream(
                "not a model".getBytes(StandardCharsets.UTF_8)), "stdin"));
        assertThat(msg).isEqualTo("stdin: is a text file, not an ONNX model");
    }
}
