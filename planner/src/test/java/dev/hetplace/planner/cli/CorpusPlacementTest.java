package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model of models/corpus (the torchvision / torch.nn exports listed in corpus.csv) is grouped, priced and
 * placed by {@code place} on every fixed built-in platform: the four cpu,vta boards (pynq-z1, ultra96, zcu104,
 * de10-nano) and cpu,gpu x86-h200 (host is left out: its costs are this machine's own measurements). The solver
 * is the default ({@code --solver auto}): the exact DP, or on graphs too wide for it (DenseNet's concatenations)
 * its relaxation and a beam whose plan is kept when within 1% of the bound. Whether each plan is proven optimal is
 * the exact-quality-corpus study's question (experiments/specs/exact-quality-corpus), not this test's.
 */
class CorpusPlacementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TARGETS = new LinkedHashMap<>();

    static {
        for (String board : List.of("pynq-z1", "ultra96", "zcu104", "de10-nano")) {
            TARGETS.put(board, "cpu,vta");
        }
        TARGETS.put("x86-h200", "cpu,gpu");
    }

    static Stream<Arguments> corpusOnPlatforms() throws IOException {
        Path folder = corpusFolder();
        List<Arguments> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(folder.resolve("corpus.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String name = line.substring(0, line.indexOf(','));
            Path file = folder.resolve(name + ".onnx");
            TARGETS.forEach((platform, targets) -> out.add(Arguments.of(name, file, platform, targets,
                    Set.of(targets.split(",")))));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("corpusOnPlatforms")
    void placesEveryGroup(String name, Path file, String platform, String targets, Set<String> devices)
            throws IOException {
        List<String> args = List.of("--model", file.toString(), "--platform", platform, "--targets", targets,
                "--format", "json");
        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        JsonNode plan = JSON.readTree(run.out()).get("plan");
        JsonNode groups = plan.get("groups");
        assertThat(groups.size()).isPositive();
        long computeNs = 0;
        for (JsonNode g : groups) {
            assertThat(devices).as(g.get("group").asText()).contains(g.get("device").asText());
            assertThat(g.get("timeNs").asLong()).as(g.get("group").asText()).isNotNegative();
            computeNs += g.get("timeNs").asLong();
        }
        assertThat(computeNs).isPositive();
    }

    private static Path corpusFolder() {
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("models/corpus/corpus.csv"))) {
                return d.resolve("models/corpus");
            }
        }
        throw new IllegalStateException("no models/corpus/corpus.csv above " + System.getProperty("user.dir"));
    }
}
