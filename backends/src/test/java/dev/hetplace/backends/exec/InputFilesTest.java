package dev.hetplace.backends.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.tensor.TensorType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
    static final Graph GRAPH = graph();

    @TempDir
    Path dir;

    private static Graph graph() {
        GraphBuilder b = new GraphBuilder("tiny");
        int x = b.input("data", TensorType.fp32(1, 2, 2, 3));
        return b.build(b.relu("relu", x));
    }

    static byte[] floats(float... v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            buf.putFloat(f);
        }
        return buf.array();
    }

    static float[] twelve() {
        float[] v = new float[12];
        for (int i = 0; i < 12; i++) {
            v[i] = i - 5.5f;
        }
        return v;
    }

    /** A version-1 .npy file as numpy.save writes it: magic, header padded to 64 bytes with '\n', data. */
    static byte[] npy(String descr, String fortran, String shape, byte[] data) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
        int len = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - len % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(data);
        return out.toByteArray();
    }

    @Test
    void readsRawAndNpySamplesInNameOrder() throws IOException {
        Files.write(dir.resolve("a.bin"), floats(twelve()));
        Files.write(dir.resolve("b.npy"), npy("<f4", "False", "(1, 2, 2, 3)", floats(twelve())));
        Files.write(dir.resolve("c.npy"), npy("<f4", "False", "(2, 2, 3)", floats(new float[12])));
        CalibrationInputs in = InputFiles.load(dir, GRAPH);
        assertThat(in.size()).isEqualTo(3);
        assertThat(in.sample(0)[0]).containsExactly(twelve());
        assertThat(in.sample(1)[0]).containsExactly(twelve());
        assertThat(in.sample(2)[0]).containsOnly(0f);
        assertThat(in.source()).isEqualTo("files(" + dir + ", n=3)");
    }

    @Test
    void rawFileOfTheWrongSize() throws IOException {
        Path f = dir.resolve("x.raw");
        Files.write(f, floats(1, 2, 3));
        assertThatThrownBy(() -> InputFiles.load(dir, GRAPH)).isInstanceOf(InputFileException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file '" + f + "' has 12 bytes, input 'data' (1x2x2x3 float32) needs 48");
    }

    @Test
    void npyOfTheWrongDtype() throws IOException {
        Path f = dir.resolve("x.npy");
        Files.write(f, npy("<f8", "False", "(1, 2, 2, 3)", new byte[96]));
        assertThatThrownBy(() -> InputFiles.load(dir, GRAPH)).isInstanceOf(InputFileException.class)
                .hasMessage("file '" + f + "' holds dtype '<f8', expected little-endian float32 ('<f4')");
    }

    @Test
    void npyOfTheWrongShapeOrOrder() throws IOException {
        Path f = dir.resolve("x.npy");
        Files.write(f, npy("<f4", "False", "(1, 3, 2, 2)", floats(twelve())));
        assertThatThrownBy(() -> InputFiles.load(dir, GRAPH)).isInstanceOf(InputFileException.class)
                .hasMessage("file '" + f + "' has shape [1, 3, 2, 2], input 'data' needs [1, 2, 2, 3]");
        Files.write(f, npy("<f4", "True", "(1, 2, 2, 3)", floats(twelve())));
        assertThatThrownBy(() -> InputFiles.load(dir, GRAPH)).isInstanceOf(InputFileException.class)
                .hasMessage("file '" + f + "' is in Fortran order, expected C order");
    }

    @Test
    void nanAndInfiniteValuesAreRejected() throws IOException {
        float[] v = twelve();
        v[7] = Float.NaN;
        Path f = dir.resolve("nan.bin");
        Files.write(f, floats(v));
        assertThatThrownBy(() -> InputFiles.load(dir, GRAPH)).isInstanceOf(InputFileException.class)
                .hasMessage("file '" + f + "' has a non-finite value (NaN) at element 7");
        Files.delete(f);
        v[7] = 0;
        v[11] = Float.NEGATIVE_INFINITY;
        Path g = dir.resolve("inf.npy");
        Files.write(g, npy("<f4", "False", "(1, 2, 2, 3)", floats(v)));
        assertThatThrownBy(() -> InputFiles.load(dir, GRAPH)).isInstanceOf(InputFileException.class)
                .hasMessage("file '" + g + "' has a non-finite value (-Infinity) at element 11");
    }

    @Test
    void missingDirectoryEmptyDirectoryAndForeignFiles() throws IOException {
        Path none = dir.resolve("none");
        assertThatThrownBy(() -> InputFiles.load(none, GRAPH)).isInstanceOf(InputFileException.class)
                .hasMessage("inputs directory '" + none + "' does not exist or is not a directory");
        assertThatThrownBy(() -> InputFiles.load(dir, GRAPH)).isInstanceOf(InputFileException.class)
                .hasMessage("inputs directory '" + dir + "' holds no .bin, .raw or .npy files");
        Path png = dir.resolve("cat.png");
        Files.write(png, new byte[48]);
        assertThatThrownBy(() -> InputFiles.load(dir, GRAPH)).isInstanceOf(InputFileException.class)
                .hasMessage("file '" + png + "' is not an input file (expected .bin, .raw or .npy)");
    }

    @Test
    void truncatedOrForeignNpy() throws IOException {
        Path f = dir.resolve("x.npy");
        Files.write(f, floats(twelve()));
        assertThatThrownBy(() -> InputFiles.load(dir, GRAPH)).isInstanceOf(InputFileException.class)
                .hasMessage("file '" + f + "' is not a .npy file (no \\x93NUMPY magic)");
        byte[] full = npy("<f4", "False", "(1, 2, 2, 3)", floats(twelve()));
        Files.write(f, java.util.Arrays.copyOf(full, full.length - 4));
        assertThatThrownBy(() -> InputFiles.load(dir, GRAPH)).isInstanceOf(InputFileException.class)
                .hasMessage("file '" + f + "' has 44 data bytes, its header shape [1, 2, 2, 3] needs 48");
    }

    @Test
    void severalInputsReadOneSubdirectoryPerSample() throws IOException {
        GraphBuilder b = new GraphBuilder("two-inputs");
        int x = b.input("x", TensorType.fp32(1, 3));
        int y = b.input("y", TensorType.fp32(1, 3));
        Graph g = b.build(b.addTensors("sum", x, y));
        Path s0 = Files.createDirectory(dir.resolve("sample0"));
        Files.write(s0.resolve("x.bin"), floats(1, 2, 3));
        Files.write(s0.resolve("y.bin"), floats(4, 5, 6));
        CalibrationInputs in = InputFiles.load(dir, g);
        assertThat(in.size()).isEqualTo(1);
        assertThat(in.sample(0)[1]).containsExactly(4, 5, 6);
        Files.delete(s0.resolve("y.bin"));
        assertThatThrownBy(() -> InputFiles.load(dir, g)).isInstanceOf(InputFileException.class)
                .hasMessage("sample directory '" + s0 + "' has no file for input 'y' (y.bin, .raw or .npy)");
    }
}
