package dev.hetplace.ir.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.ir.Graph;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Damaged copies of resnet18.onnx either import or fail with a one-line OnnxImportException, nothing else. */
class CorruptFilesTest {

    private static void importsOrFailsInOneLine(byte[] bytes, String what) {
        try {
            Graph g = OnnxImporter.load(bytes, "damaged.onnx");
            assertThat(g.size()).as(what).isPositive();
        } catch (OnnxImportException e) {
            assertThat(e.getMessage()).as(what).startsWith("damaged.onnx: ").doesNotContain("\n");
        }
    }

    /** Cut after every 53rd byte (the file has 10,795). */
    @ParameterizedTest
    @ValueSource(ints = {53})
    void everyTruncation(int step) throws IOException {
        byte[] whole = Files.readAllBytes(ShippedModels.path("resnet18.onnx"));
        for (int keep = 1; keep < whole.length; keep += step) {
            importsOrFailsInOneLine(Arrays.copyOf(whole, keep), "cut at " + keep);
        }
    }

    /** Seeds 1 to 4: 200 copies each, with 1 to 8 bytes overwritten at random. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void randomByteDamage(long seed) throws IOException {
        byte[] whole = Files.readAllBytes(ShippedModels.path("resnet18.onnx"));
        Random r = new Random(seed);
        for (int copy = 0; copy < 200; copy++) {
            byte[] b = whole.clone();
            int n = 1 + r.nextInt(8);
            StringBuilder what = new StringBuilder("seed " + seed + " copy " + copy + ":");
            for (int k = 0; k < n; k++) {
                int at = r.nextInt(b.length);
                b[at] = (byte) r.nextInt(256);
                what.append(' ').append(at);
            }
            importsOrFailsInOneLine(b, what.toString());
        }
    }
}
