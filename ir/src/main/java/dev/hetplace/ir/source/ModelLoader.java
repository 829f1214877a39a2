package dev.hetplace.ir.source;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.json.GraphJson;
import dev.hetplace.ir.zoo.ModelZoo;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a user's {@code --model} argument into a graph: a path ending in {@code .onnx} is imported, a path
 * ending in {@code .json} is read as the graph JSON form ({@link GraphJson}), anything else is a zoo name.
 */
public final class ModelLoader {
    private ModelLoader() {
    }

    public static Graph load(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no model given: name a zoo model or an .onnx file");
        }
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".onnx")) {
            return loadOnnx(Path.of(spec));
        }
        if (lower.endsWith(".json")) {
            return GraphJson.read(Path.of(spec));
        }
        if (spec.contains("/") || spec.contains(java.io.File.separator)) {
            throw new IllegalArgumentException("model file " + spec + " is neither .onnx nor a graph .json file");
        }
        return ModelZoo.build(spec);
    }

    static Graph loadOnnx(Path path) {
        return dev.hetplace.ir.onnx.OnnxImporter.load(path);
    }
}
