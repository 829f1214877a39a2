package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model of models/corpus (the torchvision / torch.nn exports listed in corpus.csv) is grouped, priced and
 * placed by {@code place} on the two default platforms: cpu,vta (pynq-z1) and cpu,gpu (x86-h200). The DP is
 * run with its state budget ({@code --solver exact}: exact where it fits, a beam on the widest graphs). On
 * DenseNet's concatenations the DP takes minutes here (90 s and 158 s for densenet121 on a shared 2-core
 * machine), so those use a short Timefold search from its own construction; proving plans optimal is the
 * exact solver's task (issue 14 item 4), not this test's.
 */
class CorpusPlacementTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> corpusOnPlatforms() throws IOException {
        Path folder = corpusFolder();
        List<Arguments> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(folder.resolve("corpus.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String name = line.substring(0, line.indexOf(','));
            Path file = folder.resolve(name + ".onnx");
            out.add(Arguments.of(name, file, "cpu,vta", Set.of("cpu", "vta")));
            out.add(Arguments.of(name, file, "cpu,gpu", Set.of("cpu", "gpu")));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("corpusOnPlatforms")
    void placesEveryGroup(String name, Path file, String targets, Set<String> devices) throws IOException {
        List<String> solver = name.startsWith("densenet")
                ? List.of("--solver", "timefold", "--no-dp-seed", "--timefold-steps", "100")
                : List.of("--solver", "exact");
        List<String> args = new ArrayList<>(List.of("--model", file.toString(), "--targets", targets));
        args.addAll(solver);
        args.addAll(List.of("--format", "json"));
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
