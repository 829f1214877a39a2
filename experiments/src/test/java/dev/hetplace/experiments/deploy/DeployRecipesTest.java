package dev.hetplace.experiments.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hetplace.experiments.cli.SweepCommand;
import dev.hetplace.experiments.run.ResultFile;
import dev.hetplace.experiments.run.ResultStore;
import dev.hetplace.experiments.spec.SweepSpecReader;
import dev.hetplace.experiments.testing.ShardProcessMain;
import dev.hetplace.experiments.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The recipes under {@code deploy/} without the engines (no docker, kubectl or sbatch here): the Kubernetes
 * manifests parsed and their sweep arguments parsed by the real command line and pointing at a shipped spec, the
 * Dockerfile's inputs present, and the Slurm scripts run by bash with the variables Slurm sets.
 */
@Tag("processes")
class DeployRecipesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path DEPLOY = ROOT.resolve("deploy");
    private static final String IMAGE_ROOT = "/opt/hetplace/";

    private static JsonNode yaml(String name) throws Exception {
        return new YAMLMapper().readTree(DEPLOY.resolve("k8s").resolve(name).toFile());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theIndexedJobRunsOneShardPerIndexOfAShippedSpecOnTheSharedVolume() throws Exception {
        JsonNode job = yaml("sweep-job.yaml");
        assertThat(job.path("apiVersion").asText()).isEqualTo("batch/v1");
        assertThat(job.path("kind").asText()).isEqualTo("Job");
        JsonNode spec = job.path("spec");
        assertThat(spec.path("completionMode").asText()).isEqualTo("Indexed");
        int completions = spec.path("completions").asInt();
        assertThat(spec.path("parallelism").asInt()).isBetween(1, completions);
        assertThat(spec.path("template").path("spec").path("restartPolicy").asText()).isEqualTo("Never");
        JsonNode container = spec.path("template").path("spec").path("containers").get(0);
        List<String> args = strings(container.path("args"));
        assertThat(args.get(args.indexOf("--shard-count") + 1)).isEqualTo(Integer.toString(completions));
        assertThat(args).contains("--resume");

        CommandLine.ParseResult parsed = new CommandLine(new SweepCommand()).parseArgs(args.toArray(String[]::new));
        CommandLine.ParseResult run = parsed.subcommand();
        assertThat(run.commandSpec().name()).isEqualTo("run");
        String specPath = run.matchedPositional(0).getValue().toString();
        assertThat(specPath).startsWith(IMAGE_ROOT);
        assertThat(SweepSpecReader.read(ROOT.resolve(specPath.substring(IMAGE_ROOT.length()))).runs()).isNotEmpty();

        String out = run.matchedOption("--out").getValue().toString();
        JsonNode mount = container.path("volumeMounts").get(0);
        assertThat(out).startsWith(mount.path("mountPath").asText() + "/");
        String claim = spec.path("template").path("spec").path("volumes").get(0).path("persistentVolumeClaim")
                .path("claimName").asText();
        assertThat(yaml("results-pvc.yaml").path("metadata").path("name").asText()).isEqualTo(claim);
        assertThat(strings(yaml("results-pvc.yaml").path("spec").path("accessModes"))).containsExactly("ReadWriteMany");

        JsonNode merge = yaml("merge-job.yaml").path("spec").path("template").path("spec");
        String script = merge.path("containers").get(0).path("args").get(0).asText();
        assertThat(script).contains("sweep merge " + out + " --out " + out + "/merged")
                .contains("sweep report " + out + "/merged");
        assertThat(merge.path("volumes").get(0).path("persistentVolumeClaim").path("claimName").asText())
                .isEqualTo(claim);
        assertThat(yaml("results-pod.yaml").path("spec").path("volumes").get(0).path("persistentVolumeClaim")
                .path("claimName").asText()).isEqualTo(claim);
    }

    @Test
    void theDockerfileCopiesWhatTheRepositoryHasAndRunsBinSweep() throws Exception {
        String docker = Files.readString(DEPLOY.resolve("Dockerfile"));
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+) (\\S+)$").matcher(docker);
        int copies = 0;
        while (copy.find()) {
            copies++;
            assertThat(ROOT.resolve(copy.group(1))).as(copy.group()).exists();
        }
        assertThat(copies).isGreaterThanOrEqualTo(4);
        assertThat(docker).contains("COPY --from=build /src/experiments/target/hetplace-sweep.jar "
                + "experiments/target/hetplace-sweep.jar", "COPY bin/sweep bin/sweep", "FROM eclipse-temurin:17-jre",
                "RUN mvn -q -B -DskipTests -pl experiments -am package", "ENTRYPOINT [\"/opt/hetplace/bin/sweep\"]");
    }

    @Test
    void theSlurmScriptsRunAnArrayAndItsMerge(@TempDir Path tmp) throws Exception {
        // a checkout whose bin/sweep runs the sweep command line from the test classpath (the jar is not built yet)
        Path root = tmp.resolve("checkout");
        Files.createDirectories(root.resolve("bin"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path shim = root.resolve("bin").resolve("sweep");
        Files.writeString(shim, "#!/usr/bin/env bash\n[ -n \"${HETPLACE_NO_BUILD:-}\" ] || { echo no-build-unset >&2; "
                + "exit 3; }\nexec '" + java + "' -Xss16m -Djava.awt.headless=true -cp '"
                + System.getProperty("java.class.path") + "' " + ShardProcessMain.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path spec = Specs.write(tmp, "lenet.json", """
                {"schemaVersion": 1, "name": "lenet", "models": ["lenet"], "platforms": ["pynq-z1"],
                 "minSqnrDb": [null, 20, 30], "tvmCompatible": [false, true]}""");
        Path out = tmp.resolve("results");

        List<Process> tasks = new ArrayList<>();
        for (int id = 1; id <= 2; id++) {
            tasks.add(bash(root, tmp.resolve("task" + id + ".out"), Map.of("SLURM_ARRAY_TASK_ID", Integer.toString(id),
                    "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_MAX", "2", "SLURM_ARRAY_TASK_COUNT", "2",
                    "SLURM_CPUS_PER_TASK", "1"), "sweep-array.sbatch", spec.toString(), out.toString()));
        }
        for (int id = 1; id <= 2; id++) {
            Process p = tasks.get(id - 1);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(tmp.resolve("task" + id + ".out"))).isZero();
            assertThat(Files.readString(tmp.resolve("task" + id + ".out")))
                    .contains("3 in shard " + (id - 1) + "/2, 0 already done; ran 3");
        }
        Process merge = bash(root, tmp.resolve("merge.out"), Map.of(), "merge.sbatch", out.toString());
        assertThat(merge.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(tmp.resolve("merge.out"));
        assertThat(merge.exitValue()).as(log).isZero();
        assertThat(log).contains("sweep merge: 6 rows from 2 directories").contains("sweep report: wrote");
        assertThat(ResultFile.read(out.resolve("merged").resolve(ResultStore.JSONL)).unique()).hasSize(6);
        assertThat(out.resolve("merged").resolve("report.md")).exists();

        Process usage = bash(root, tmp.resolve("usage.out"), Map.of(), "sweep-array.sbatch", spec.toString());
        assertThat(usage.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(usage.exitValue()).isEqualTo(2);
        assertThat(Files.readString(tmp.resolve("usage.out")).trim())
                .isEqualTo("usage: sbatch [--array=0-N-1] deploy/slurm/sweep-array.sbatch SPEC OUT");
    }

    private static Process bash(Path root, Path log, Map<String, String> env, String script, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", DEPLOY.resolve("slurm").resolve(script).toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("SLURM_") || k.equals("JOB_COMPLETION_INDEX"));
        pb.environment().putAll(env);
        pb.environment().put("HETPLACE_ROOT", root.toString());
        return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
