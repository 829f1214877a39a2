package dev.hetplace.planner.onnx;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hetplace.ir.files.AtomicWrite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an export: {@code plan.onnx} (the whole model) and, for a plan on several devices, {@code
 * plan.part<i>-<device>.onnx} per device region and {@code plan.manifest.json} (order, device, files, boundary
 * tensors), all or none of them.
 */
public final class OnnxFiles {
    public static final int MANIFEST_VERSION = 1;

    private OnnxFiles() {
    }

    /** The files written, whole model first (then the partitions and the manifest when there are any). */
    public static List<Path> write(Path target, OnnxModels m) {
        Map<Path, AtomicWrite.Content> files = new LinkedHashMap<>();
        files.put(target, m.whole()::writeTo);
        if (!m.partitions().isEmpty()) {
            String stem = stem(target);
            ObjectNode manifest = new ObjectMapper().createObjectNode();
            manifest.put("manifestVersion", MANIFEST_VERSION);
            manifest.put("model", target.getFileName().toString());
            m.inputs().forEach(manifest.putArray("inputs")::add);
            m.outputs().forEach(manifest.putArray("outputs")::add);
            ArrayNode parts = manifest.putArray("partitions");
            for (OnnxModels.Partition p : m.partitions()) {
                Path file = sibling(target, stem + ".part" + p.index() + "-" + safe(p.device()) + ".onnx");
                files.put(file, p.model()::writeTo);
                ObjectNode n = parts.addObject();
                n.put("order", p.index());
                n.put("device", p.device());
                n.put("file", file.getFileName().toString());
                p.inputs().forEach(n.putArray("inputs")::add);
                p.outputs().forEach(n.putArray("outputs")::add);
                p.groups().forEach(n.putArray("groups")::add);
            }
            try {
                String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(manifest);
                byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
                files.put(sibling(target, stem + ".manifest.json"), o -> o.write(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        AtomicWrite.writeStreams(files);
        return List.copyOf(files.keySet());
    }

    /** The manifest of a multi-device export written to {@code target}. */
    public static Path manifest(Path target) {
        return sibling(target, stem(target) + ".manifest.json");
    }

    private static String stem(Path target) {
        String n = target.getFileName().toString();
        return n.endsWith(".onnx") ? n.substring(0, n.length() - 5) : n;
    }

    private static Path sibling(Path target, String name) {
        return target.getParent() == null ? Path.of(name) : target.getParent().resolve(name);
    }

    private static String safe(String device) {
        return device.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
