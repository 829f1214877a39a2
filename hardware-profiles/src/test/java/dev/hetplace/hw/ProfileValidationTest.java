package dev.hetplace.hw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each broken profile fails with one line naming the file and the field; nothing is returned half-loaded. */
class ProfileValidationTest {
    @TempDir
    Path dir;

    private String loadBroken(Consumer<ObjectNode> breakIt) throws IOException {
        return loadBroken("pynq-z1", breakIt);
    }

    private String loadBroken(String builtIn, Consumer<ObjectNode> breakIt) throws IOException {
        ObjectNode tree = Profiles.builtInJson(builtIn);
        breakIt.accept(tree);
        Path file = dir.resolve("board.json");
        Files.writeString(file, Profiles.builtInJson(builtIn).equals(tree) ? "" : tree.toPrettyString());
        return loadMessage(file);
    }

    private static String loadMessage(Path file) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Profiles.load(file));
        assertThat(t).isInstanceOf(ProfileException.class).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.getMessage()).doesNotContain("\n");
        return t.getMessage().replace(file.toString(), "board.json");
    }

    private static ObjectNode cpu(ObjectNode tree) {
        return (ObjectNode) tree.get("devices").get(0);
    }

    private static ObjectNode vta(ObjectNode tree) {
        return (ObjectNode) tree.get("devices").get(1);
    }

    @Test
    void aValidFileLoads() throws IOException {
        Path file = dir.resolve("ok.json");
        Files.writeString(file, Profiles.builtInJson("pynq-z1").toString());
        assertThat(Profiles.load(file)).isEqualTo(Profiles.builtIn("pynq-z1"));
        assertThat(Profiles.resolve(file.toString())).isEqualTo(Profiles.builtIn("pynq-z1"));
    }

    @Test
    void missingField() throws IOException {
        assertThat(loadBroken(t -> vta(t).remove("logBlockIn")))
                .isEqualTo("board.json: devices.vta.logBlockIn: missing field");
        assertThat(loadBroken(t -> t.remove("name"))).isEqualTo("board.json: name: missing field");
        assertThat(loadBroken(t -> ((ObjectNode) t.get("links").get(0)).remove("bandwidthGBps")))
                .isEqualTo("board.json: links.cpu->vta.bandwidthGBps: missing field");
        assertThat(loadBroken(t -> cpu(t).remove("clockMHz")))
                .isEqualTo("board.json: devices.cpu.clockMHz: missing field");
        assertThat(loadBroken(t -> cpu(t).remove("id"))).isEqualTo("board.json: devices[0].id: missing field");
    }

    @Test
    void aGpuWithoutAPositiveMultiprocessorCountIsRejected() throws IOException {
        assertThat(loadBroken("x86-h200", t -> ((ObjectNode) t.get("devices").get(1)).remove("multiprocessors")))
                .isEqualTo("board.json: devices.gpu.multiprocessors: missing field");
        assertThat(loadBroken("x86-h200", t -> ((ObjectNode) t.get("devices").get(1)).put("multiprocessors", 0)))
                .isEqualTo("board.json: devices.gpu.multiprocessors: must be positive, got 0");
        assertThat(Profiles.builtIn("x86-h200").device("gpu").orElseThrow().gpu().multiprocessors()).isEqualTo(132);
    }

    @Test
    void negativeOrZeroNumber() throws IOException {
        assertThat(loadBroken(t -> vta(t).put("clockMHz", -100)))
                .isEqualTo("board.json: devices.vta.clockMHz: must be positive, got -100");
        assertThat(loadBroken(t -> cpu(t).put("cores", 0)))
                .isEqualTo("board.json: devices.cpu.cores: must be positive, got 0");
        assertThat(loadBroken(t -> ((ObjectNode) t.get("links").get(1)).put("bandwidthGBps", 0.0)))
                .isEqualTo("board.json: links.vta->cpu.bandwidthGBps: must be positive, got 0.0");
        assertThat(loadBroken(t -> ((ObjectNode) t.get("links").get(1)).put("latencyUs", -1.5)))
                .isEqualTo("board.json: links.vta->cpu.latencyUs: must be >= 0, got -1.5");
        assertThat(loadBroken(t -> vta(t).put("logBatch", -1)))
                .isEqualTo("board.json: devices.vta.logBatch: must be >= 0, got -1");
        assertThat(loadBroken(t -> vta(t).put("logBlockIn", 4.5)))
                .isEqualTo("board.json: devices.vta.logBlockIn: must be an integer, got 4.5");
        assertThat(loadBroken(t -> cpu(t).put("memoryBytes", -1)))
                .isEqualTo("board.json: devices.cpu.memoryBytes: must be positive, got -1");
        assertThat(loadBroken(t -> vta(t).put("clockMHz", "fast")))
                .isEqualTo("board.json: devices.vta.clockMHz: must be a number, got \"fast\"");
    }

    @Test
    void unknownPrecisionOrOpName() throws IOException {
        assertThat(loadBroken(t -> ((ArrayNode) cpu(t).get("precisions")).add("int4")))
                .isEqualTo("board.json: devices.cpu.precisions[2]: unknown precision 'int4'"
                        + " (known: fp32, tf32, fp16, bf16, int8)");
        assertThat(loadBroken(t -> ((ArrayNode) vta(t).get("ops")).add("conv3d")))
                .startsWith("board.json: devices.vta.ops[6]: unknown op 'conv3d' (known: *, add, avg_pool2d, ");
        assertThat(loadBroken(t -> vta(t).putArray("precisions").add("fp32")))
                .isEqualTo("board.json: devices.vta.precisions: a vta device computes int8 only (8-bit inputs"
                        + " and weights), got [fp32]");
        assertThat(loadBroken(t -> ((ObjectNode) vta(t).get("opRestrictions")).putObject("max_pool2d")))
                .isEqualTo("board.json: devices.vta.opRestrictions.max_pool2d: restricts op 'max_pool2d', which"
                        + " the device's ops do not list");
        assertThat(loadBroken(t -> ((ObjectNode) vta(t).get("opRestrictions").get("conv2d")).put("kernel", 3)))
                .isEqualTo("board.json: devices.vta.opRestrictions.conv2d.kernel: unknown field"
                        + " (restrictable attribute fields: groups, dilation)");
    }

    @Test
    void unknownKindOrField() throws IOException {
        assertThat(loadBroken(t -> vta(t).put("kind", "npu")))
                .isEqualTo("board.json: devices.vta.kind: unknown kind 'npu' (known: cpu, vta, gpu)");
        assertThat(loadBroken(t -> vta(t).put("logBlockInn", 5)))
                .startsWith("board.json: devices.vta.logBlockInn: unknown field (a vta device's fields: id, kind,");
        assertThat(loadBroken(t -> cpu(t).put("logBlockIn", 5)))
                .startsWith("board.json: devices.cpu.logBlockIn: unknown field (a cpu device's fields: ");
        assertThat(loadBroken(t -> vta(t).put("design", "verilog")))
                .isEqualTo("board.json: devices.vta.design: unknown design 'verilog' (known: hls, chisel)");
    }

    @Test
    void linkToADeviceThatDoesNotExist() throws IOException {
        assertThat(loadBroken(t -> ((ObjectNode) t.get("links").get(0)).put("to", "gpu")))
                .isEqualTo("board.json: links[0].to: no device 'gpu' (devices: cpu, vta)");
        assertThat(loadBroken(t -> ((ObjectNode) t.get("links").get(0)).put("to", "cpu")))
                .isEqualTo("board.json: links[0].to: a link joins two different devices, got cpu->cpu");
        assertThat(loadBroken(t -> ((ArrayNode) t.get("links")).add(t.get("links").get(0).deepCopy())))
                .isEqualTo("board.json: links[2]: duplicate link cpu->vta");
    }

    @Test
    void duplicateDeviceId() throws IOException {
        assertThat(loadBroken(t -> vta(t).put("id", "cpu")))
                .isEqualTo("board.json: devices[1].id: duplicate device id 'cpu'");
        assertThat(loadBroken(t -> vta(t).put("id", "VTA 1")))
                .startsWith("board.json: devices[1].id: 'VTA 1' is not a device id");
    }

    @Test
    void schemaVersionMissingOrUnsupported() throws IOException {
        assertThat(loadBroken(t -> t.remove("schemaVersion")))
                .isEqualTo("board.json: schemaVersion: missing field (this build reads schemaVersion 1)");
        assertThat(loadBroken(t -> t.put("schemaVersion", 2)))
                .isEqualTo("board.json: schemaVersion: unsupported version 2 (this build reads 1)");
    }

    @Test
    void malformedJsonNamesTheLine() throws IOException {
        Path file = dir.resolve("board.json");
        Files.writeString(file, "{\n  \"schemaVersion\": 1,\n  \"name\": \"x\"\n  \"devices\": []\n}\n");
        assertThat(loadMessage(file)).startsWith("board.json: malformed JSON at line 4, column 3: Unexpected"
                + " character ('\"' (code 34)): was expecting comma to separate Object entries");
        Files.writeString(file, "{\"schemaVersion\": 1, \"name\": \"a\", \"name\": \"b\"}");
        assertThat(loadMessage(file)).startsWith("board.json: malformed JSON at line 1").contains("Duplicate field 'name'");
        Files.writeString(file, "");
        assertThat(loadMessage(file)).isEqualTo("board.json: malformed JSON at line 1: the file is empty");
        Files.writeString(file, "[1, 2]");
        assertThat(loadMessage(file)).isEqualTo("board.json: the profile: must be a JSON object");
    }

    @Test
    void aMissingFileOrUnknownNameIsBadInput() {
        assertThatThrownBy(() -> Profiles.load(dir.resolve("none.json")))
                .isInstanceOf(ProfileException.class).hasMessageEndingWith("none.json: no such profile file");
        assertThatThrownBy(() -> Profiles.resolve("pynq"))
                .hasMessage("unknown platform 'pynq' (built-in: pynq-z1, ultra96, zcu104, de10-nano, x86-h200;"
                        + " or a path to a profile JSON file)");
        assertThatThrownBy(() -> Profiles.builtIn("pynq"))
                .hasMessage("unknown platform 'pynq' (built-in: pynq-z1, ultra96, zcu104, de10-nano, x86-h200)");
    }

    @Test
    void theHashIgnoresFormattingButNotContent() throws IOException {
        Path compact = dir.resolve("compact.json");
        Files.writeString(compact, Profiles.builtInJson("pynq-z1").toString());
        Path pretty = dir.resolve("pretty.json");
        Files.writeString(pretty, Profiles.builtInJson("pynq-z1").toPrettyString());
        String hash = Profiles.builtIn("pynq-z1").profileHash();
        assertThat(Profiles.load(compact).profileHash()).isEqualTo(hash).matches("[0-9a-f]{64}");
        assertThat(Profiles.load(pretty).profileHash()).isEqualTo(hash);
        ObjectNode tree = Profiles.builtInJson("pynq-z1");
        vta(tree).put("clockMHz", 101.0);
        assertThat(Profiles.fromJson(tree, "t").profileHash()).isNotEqualTo(hash);
        assertThat(Profiles.builtIn("zcu104").profileHash()).isNotEqualTo(Profiles.builtIn("ultra96").profileHash());
    }

    @Test
    void tvmRuntimeFieldsComeAllOrNone() throws IOException {
        assertThat(loadBroken(t -> vta(t).remove("runtimeYieldUs"))).startsWith(
                "board.json: devices.vta.runtimeYieldUs: missing field (a vta device states all of runtimeDispatchUs,"
                        + " runtimeInsnNs, runtimeMemcpyGBps, runtimeMmioWriteNs, runtimeMmioReadNs, runtimeYieldUs,"
                        + " runtimeCoherence, runtimeFlushNsPerByte or none");
        assertThat(loadBroken(t -> vta(t).put("runtimeCoherence", "snooped"))).isEqualTo(
                "board.json: devices.vta.runtimeCoherence: unknown coherence 'snooped' (known: coherent, non-coherent)");
        assertThat(loadBroken(t -> vta(t).put("runtimeInsnNs", -1.0)))
                .isEqualTo("board.json: devices.vta.runtimeInsnNs: must be >= 0, got -1.0");
        assertThat(loadBroken(t -> vta(t).put("runtimeMemcpyGBps", 0.0)))
                .isEqualTo("board.json: devices.vta.runtimeMemcpyGBps: must be positive, got 0.0");

        ObjectNode none = Profiles.builtInJson("pynq-z1");
        ProfileSchema.VTA_RUNTIME.forEach(vta(none)::remove);
        assertThat(Profiles.fromJson(none, "t").device("vta").orElseThrow().vta().runtime())
                .isEqualTo(VtaRuntime.NONE);
        ObjectNode flushing = Profiles.builtInJson("pynq-z1");
        vta(flushing).put("runtimeCoherence", "non-coherent");
        Platform p = Profiles.fromJson(flushing, "t");
        assertThat(p.device("vta").orElseThrow().vta().runtime().coherent()).isFalse();
        assertThat(Profiles.fromJson(Profiles.toJson(p), "again")).isEqualTo(p);
    }
}
