package dev.hetplace.planner.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's {@code models/onnx} folder by walking up from the working directory. */
public final class ShippedModelFiles {
    private ShippedModelFiles() {
    }

    public static Path onnx(String fileName) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("models").resolve("onnx");
            if (Files.isDirectory(candidate)) {
                return candidate.resolve(fileName);
            }
        }
        throw new IllegalStateException("no models/onnx folder above " + dir);
    }
}
