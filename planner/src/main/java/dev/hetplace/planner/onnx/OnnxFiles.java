package dev.hetplace.planner.onnx;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an export: {@code plan.onnx} (the whole model) and, for a plan on several devices, {@code
 * plan.part<i>-<device>.onnx} per device region and {@code plan.manifest.json} (order, device, files, boundary
 * tensors). All files are written to temporary siblings first and renamed into place only when every one is
 * complete; on failure none is left behind.
 */
public final class OnnxFiles {
    public static final int MANIFEST_VERSION = 1;

    private OnnxFiles() {
    }

    /** The files written, whole model first (then the partitions and the manifest when there are any). */
    public static List<Path> write(Path target, OnnxModels m) {
        Map<Path, Content> files = new LinkedHashMap<>();
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
        writeAll(files);
        return List.copyOf(files.keySet());
    }

    /** The manifest of a multi-device export written to {@code target}. */
    public static Path manifest(Path target) {
        return sibling(target, stem(target) + ".manifest.json");
    }

    /** A file's bytes, streamed: a model is serialized straight into its file, without a copy in memory. */
    @FunctionalInterface
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void writeAll(Map<Path, Content> files) {
        List<Path[]> staged = new ArrayList<>();
        try {
            for (Map.Entry<Path, Content> e : files.entrySet()) {
                Path abs = e.getKey().toAbsolutePath();
                Path dir = abs.getParent();
                if (dir == null || !Files.isDirectory(dir)) {
                    throw new IllegalArgumentException("cannot write " + e.getKey() + ": directory " + dir
                            + " does not exist");
                }
                Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
                staged.add(new Path[] {tmp, abs});
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    e.getValue().writeTo(out);
                }
                readableByAll(tmp);
            }
            for (Path[] s : staged) {
                Files.move(s[0], s[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + files.keySet().iterator().next() + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        } finally {
            for (Path[] s : staged) {
                try {
                    Files.deleteIfExists(s[0]);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named after its target
                }
            }
        }
    }

    /** rw-r--r-- where the file system has POSIX permissions (temporary files start as rw-------). */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the default permissions stand
        }
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
