package dev.hetplace.ir.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("plan.json");
        Files.writeString(f, "old");
        AtomicWrite.write(f, "new\n");
        assertThat(Files.readString(f)).isEqualTo("new\n");
        assertThat(listing()).containsExactly("plan.json");
    }

    @Test
    void theFileGetsTheSamePermissionsAsAnyFileCreatedThere() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path written = dir.resolve("written");
        AtomicWrite.write(written, new byte[] {1, 2, 3});
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(expected);
    }

    @Test
    void aMissingDirectoryWritesNoneOfTheFiles() {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        files.put(dir.resolve("a.onnx"), "a".getBytes(StandardCharsets.UTF_8));
        files.put(dir.resolve("missing").resolve("b.onnx"), "b".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> AtomicWrite.writeAll(files))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write " + dir.resolve("missing").resolve("b.onnx") + ": directory "
                        + dir.resolve("missing") + " does not exist");
        assertThat(listing()).isEmpty();
    }

    @Test
    void aTargetThatCannotBeReplacedLeavesNothingBehind() throws IOException {
        Path taken = Files.createDirectory(dir.resolve("taken"));
        Files.writeString(taken.resolve("inside"), "x");
        assertThatThrownBy(() -> AtomicWrite.write(taken, "text"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot write " + taken + ": Is a directory");
        assertThat(listing()).containsExactly("taken");
    }

    private java.util.List<String> listing() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
