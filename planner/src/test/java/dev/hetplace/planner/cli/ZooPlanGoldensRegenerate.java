package dev.hetplace.planner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Re-runs every row of {@code golden/zoo-plans.tsv} (the file {@link ZooPlanGoldenTest} reads) and writes back the
 * rows whose objective, plan hash or choices changed, comments kept, through a temp file and an atomic rename;
 * prints each changed row and how many changed. For a deliberate change of the costs, e.g.
 * {@code java -cp <planner test classpath> dev.hetplace.planner.cli.ZooPlanGoldensRegenerate
 * planner/src/test/resources/golden/zoo-plans.tsv}.
 */
public final class ZooPlanGoldensRegenerate {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ZooPlanGoldensRegenerate() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        PrintWriter log = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
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
                log.printf("changed: %s%n   was: %s%n", row, line);
            }
            out.add(row);
        }
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "zoo-plans", ".tmp");
        Files.write(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        log.printf("%d of %d rows changed%n", changed, out.stream().filter(l -> !l.startsWith("#")).count());
    }

    /** The golden row of one model on one platform as {@code place --format json} plans it now. */
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
        return String.join("\t", model, platform, targets,
                String.valueOf(plan.get("totals").get("objectiveNs").longValue()), sha, runLength(choices));
    }

    /** {@code [a, a, a, b]} -> {@code a*3 b}. */
    static String runLength(List<String> choices) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < choices.size(); ) {
            int j = i;
            while (j < choices.size() && choices.get(j).equals(choices.get(i))) {
                j++;
            }
            sb.append(sb.length() == 0 ? "" : " ").append(choices.get(i)).append(j - i > 1 ? "*" + (j - i) : "");
            i = j;
        }
        return sb.toString();
    }
}
