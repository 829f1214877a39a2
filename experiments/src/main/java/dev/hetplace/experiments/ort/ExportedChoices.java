package dev.hetplace.experiments.ort;

import dev.hetplace.planner.onnx.OnnxExport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The device and precision every group has in a written ONNX export, read back from its nodes'
 * {@code metadata_props} ({@code hetplace.group}, {@code hetplace.device}, {@code hetplace.precision}): what a
 * study times, to be compared with the plan it meant to export.
 */
final class ExportedChoices {
    private ExportedChoices() {
    }

    /** {@code device:precision} by group name; a group whose nodes disagree lists every pair, comma-separated. */
    static Map<String, String> read(Path onnx) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(onnx);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + onnx + ": " + e.getMessage(), e);
        }
        Map<String, TreeSet<String>> byGroup = new LinkedHashMap<>();
        for (Map<String, String> meta : OnnxExport.metadataByNode(bytes).values()) {
            String group = meta.get("hetplace.group");
            if (group != null) {
                byGroup.computeIfAbsent(group, k -> new TreeSet<>())
                        .add(meta.get("hetplace.device") + ":" + meta.get("hetplace.precision"));
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        byGroup.forEach((g, s) -> out.put(g, String.join(",", s)));
        return out;
    }
}
