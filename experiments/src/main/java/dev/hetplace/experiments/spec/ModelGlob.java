package dev.hetplace.experiments.spec;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Model entries with a wildcard in their file name ({@code models/onnx/*.onnx}) stand for every matching file in
 * that folder, sorted by name, so a spec can cover a whole corpus without listing it.
 */
final class ModelGlob {
    private ModelGlob() {
    }

    static List<String> expand(List<String> models) {
        List<String> out = new ArrayList<>();
        for (String m : models) {
            if (!m.contains("*") && !m.contains("?")) {
                out.add(m);
                continue;
            }
            Path pattern = Path.of(m);
            Path dir = pattern.getParent() == null ? Path.of(".") : pattern.getParent();
            if (dir.toString().contains("*") || dir.toString().contains("?")) {
                throw new IllegalArgumentException("'" + m + "': only the file name may hold wildcards");
            }
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("'" + m + "': no folder " + dir);
            }
            PathMatcher match = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
            List<String> found = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> Files.isRegularFile(f) && match.matches(f.getFileName()))
                        .map(f -> pattern.getParent() == null ? f.getFileName().toString() : f.toString())
                        .sorted().forEach(found::add);
            } catch (IOException e) {
                throw new IllegalArgumentException("'" + m + "': cannot list " + dir + " (" + e.getMessage() + ")");
            }
            if (found.isEmpty()) {
                throw new IllegalArgumentException("'" + m + "' matches no file");
            }
            out.addAll(found);
        }
        return out;
    }
}
