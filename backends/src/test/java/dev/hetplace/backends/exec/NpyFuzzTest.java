package dev.hetplace.backends.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hetplace.ir.Layer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged {@code .npy} input tensors (header length fields from 0 to 0x7FFFFFFF, absurd and negative shapes,
 * other dtypes, cut files, flipped bytes): each is read or refused with one line naming the file. Seeds named.
 */
class NpyFuzzTest {
    private static final String[] SHAPES = {"(1, 2, 2, 3)", "(2, 2, 3)", "(-1, 2, 2, 3)", "(99999999999, )",
            "(65536, 65536, 65536)", "(1, 2, 2, 3", "()", "(0, )", "(x, y)", "(2147483647, 2)"};
    private static final String[] DESCRS = {"<f4", "<f8", "|b1", ">f4", "'", ""};

    @TempDir
    Path dir;

    private static byte[] valid() throws IOException {
        return InputFilesTest.npy("<f4", "False", "(1, 2, 2, 3)", InputFilesTest.floats(InputFilesTest.twelve()));
    }

    private static byte[] withHeaderLength(byte[] npy, int version, int length) {
        byte[] b = npy.clone();
        b[6] = (byte) version;
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (version == 1) {
            buf.putShort(8, (short) length);
        } else {
            buf.putInt(8, length);
        }
        return b;
    }

    private byte[] mutate(SplittableRandom r) throws IOException {
        byte[] b = valid();
        return switch (r.nextInt(6)) {
            case 0 -> withHeaderLength(b, 1 + r.nextInt(3), new int[] {0, 1, 0x7FFF, 0xFFFF, 0x7FFFFFFF, -1,
                    b.length}[r.nextInt(7)]);
            case 1 -> InputFilesTest.npy(DESCRS[r.nextInt(DESCRS.length)], r.nextBoolean() ? "False" : "Maybe",
                    SHAPES[r.nextInt(SHAPES.length)], InputFilesTest.floats(InputFilesTest.twelve()));
            case 2 -> Arrays.copyOf(b, r.nextInt(b.length));
            case 3 -> {
                for (int f = 0; f < 1 + r.nextInt(4); f++) {
                    int at = r.nextInt(b.length);
                    b[at] = (byte) (b[at] ^ (1 << r.nextInt(8)));
                }
                yield b;
            }
            case 4 -> new String(b, StandardCharsets.ISO_8859_1).replace("'shape'", "'shape':(1,),'x'")
                    .getBytes(StandardCharsets.ISO_8859_1);
            default -> b;
        };
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {19, 1_901, 20_261_204})
    void damagedFilesAreReadOrRefusedInOneLine(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        Layer input = InputFilesTest.GRAPH.layer(0);
        Path f = dir.resolve("x.npy");
        int refused = 0;
        for (int c = 0; c < 300; c++) {
            byte[] bytes = mutate(r);
            Files.write(f, bytes);
            Throwable t = catchThrowable(() -> assertThat(InputFiles.read(f, input)).hasSize(12));
            if (t != null) {
                refused++;
                assertThat(t).as("seed " + seed + " case " + c).isInstanceOf(InputFileException.class);
                assertThat(t.getMessage()).as("seed " + seed + " case " + c).doesNotContain("\n").contains("x.npy");
            }
            assertThat(Files.readAllBytes(f)).isEqualTo(bytes);
        }
        assertThat(refused).isPositive();
    }

    @Test
    void aHeaderLengthOf0x7fffffffIsATruncatedHeader() throws IOException {
        Path f = Files.write(dir.resolve("big.npy"), withHeaderLength(valid(), 2, 0x7FFFFFFF));
        assertThatThrownBy(() -> InputFiles.read(f, InputFilesTest.GRAPH.layer(0)))
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("truncated .npy header (its length field says 2147483647 bytes");
    }
}
