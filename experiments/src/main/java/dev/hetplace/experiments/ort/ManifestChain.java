package dev.hetplace.experiments.ort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hetplace.backends.ort.OrtChain;
import dev.hetplace.backends.ort.OrtSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An exported plan opened as a deployment would open it from disk: the partitions its {@code .manifest.json} lists,
 * in order, each in a session with the settings its device asks for (a GPU partition on CUDA, a host one on the
 * CPU); a plan without a manifest (one device) is its whole {@code .onnx} file.
 */
final class ManifestChain {
    private ManifestChain() {
    }

    /** The sessions, and the device of each (in chain order). */
    record Opened(OrtChain chain, List<String> devices) {
    }

    static Opened open(Path onnx, String wholeDevice, Function<String, OrtSettings> byDevice) {
        Path manifest = onnx.resolveSibling(onnx.getFileName().toString().replaceFirst("\\.onnx$", "")
                + ".manifest.json");
        List<byte[]> models = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> devices = new ArrayList<>();
        if (Files.exists(manifest)) {
            JsonNode m = read(manifest);
            for (JsonNode p : m.path("partitions")) {
                Path file = onnx.resolveSibling(p.path("file").asText());
                models.add(bytes(file));
                names.add(file.toString());
                devices.add(p.path("device").asText());
            }
        } else {
            models.add(bytes(onnx));
            names.add(onnx.toString());
            devices.add(wholeDevice);
        }
        return new Opened(OrtChain.open(models, names, devices.stream().map(byDevice).toList()), devices);
    }

    private static JsonNode read(Path manifest) {
        try {
            return new ObjectMapper().readTree(manifest.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
