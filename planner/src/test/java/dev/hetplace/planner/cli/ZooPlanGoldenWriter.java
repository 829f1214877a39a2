package dev.hetplace.planner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Regenerates {@code golden/zoo-plans.tsv} from real runs of {@code place --format json}, row by row in the
 * file's order, keeping its comment lines, and prints the rows that changed. Run it when a deliberate cost
 * change moves plans, and say in the commit how many rows changed and why:
 * <pre>
 * bin/place models &gt; /dev/null                        # builds planner/target/hetplace-place.jar
 * mvn -q -B -o -pl planner -am test-compile
 * HETPLACE_CACHE=planner/target/test-cache java -Xss16m \
 *     -cp planner/target/test-classes:planner/target/hetplace-place.jar \
 *     dev.hetplace.planner.cli.ZooPlanGoldenWriter planner/src/test/resources/golden/zoo-plans.tsv
 * </pre>
 */
public final class ZooPlanGoldenWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ZooPlanGoldenWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        List<String> out = new ArrayList<>();
        int changed = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                out.add(line);
                continue;
            }
            String[] f = line.split("\t");
            String row = row(f[0], f[1], f[2]);
            if (!row.equals(line)) {
                changed++;
                System.out.println("- " + line);
                System.out.println("+ " + row);
            }
            out.add(row);
        }
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "zoo-plans", ".tmp");
        Files.writeString(tmp, String.join("\n", out) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println(changed + " rows changed");
    }

    /** The golden row of one model on one platform, as {@link ZooPlanGoldenTest} reads it. */
    static String row(String model, String platform, String targets) throws Exception {
        CliRun r = CliRun.of("--model", model, "--platform", platform, "--targets", targets, "--format", "json");
        if (r.exitCode() != 0) {
            throw new IllegalStateException(model + " on " + platform + ": " + r.err());
        }
        JsonNode plan = JSON.readTree(r.out()).get("plan");
        List<String> choices = new ArrayList<>();
        plan.get("groups").forEach(n -> choices.add(n.get("device").asText() + ":" + n.get("precision").asText()));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(plan.toString().getBytes(StandardCharsets.UTF_8)));
        return String.join("\t", model, platform, targets, Long.toString(plan.get("totals").get("objectiveNs")
                .longValue()), sha, runLength(choices));
    }

    /** {@code [a, a, a, b]} -> {@code a*3 b}. */
    static String runLength(List<String> items) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < items.size();) {
            int j = i;
            while (j < items.size() && items.get(j).equals(items.get(i))) {
                j++;
            }
            tokens.add(j - i == 1 ? items.get(i) : items.get(i) + "*" + (j - i));
            i = j;
        }
        return String.join(" ", tokens);
    }
}
