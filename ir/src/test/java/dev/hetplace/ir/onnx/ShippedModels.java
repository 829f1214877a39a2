package dev.hetplace.ir.onnx;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's {@code models/onnx} and {@code models/corpus} folders by walking up from the working directory. */
public final class ShippedModels {
    private ShippedModels() {
    }

    /** A file of {@code models/onnx}. */
    public static Path path(String fileName) {
        return in("onnx", fileName);
    }

    /** A file of the real-model corpus, {@code models/corpus}. */
    public static Path corpus(String fileName) {
        return in("corpus", fileName);
    }

    private static Path in(String folder, String fileName) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("models").resolve(folder);
            if (Files.isDirectory(candidate)) {
                return candidate.resolve(fileName);
            }
        }
        throw new IllegalStateException("no models/" + folder + " folder above " + dir);
    }
}
