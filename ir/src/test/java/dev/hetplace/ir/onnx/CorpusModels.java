package dev.hetplace.ir.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The corpus table {@code models/corpus/corpus.csv}: what torch counted for each exported model. */
public final class CorpusModels {
    /** One row: the model's file, input shape and torch's parameter and MAC counts. */
    public record Row(String name, String kind, List<Integer> inputShape, String inputDtype, long params,
                      long convMacs, long linearMacs, long matmulMacs) {
        public Path file() {
            return folder().resolve(name + ".onnx");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private CorpusModels() {
    }

    public static Path folder() {
        return ShippedModels.corpus("corpus.csv").getParent();
    }

    public static List<Row> rows() {
        List<String> lines;
        try {
            lines = Files.readAllLines(folder().resolve("corpus.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> header = List.of(lines.get(0).split(","));
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.add(new Row(f[header.indexOf("name")], f[header.indexOf("kind")],
                    Arrays.stream(f[header.indexOf("input_shape")].split("x")).map(Integer::valueOf).toList(),
                    f[header.indexOf("input_dtype")], Long.parseLong(f[header.indexOf("params")]),
                    Long.parseLong(f[header.indexOf("conv_macs")]), Long.parseLong(f[header.indexOf("linear_macs")]),
                    Long.parseLong(f[header.indexOf("matmul_macs")])));
        }
        return rows;
    }
}
