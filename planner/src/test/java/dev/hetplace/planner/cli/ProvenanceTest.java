package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hetplace.planner.provenance.BuildInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The provenance every plan JSON carries comes from the build: the pom's versions and the checkout's commit. */
class ProvenanceTest {
    private static final Path ROOT_POM = Path.of("..", "pom.xml");

    @Test
    void versionsAreThePomsAndTheJavaRunning() throws IOException {
        String pom = Files.readString(ROOT_POM);
        assertThat(BuildInfo.version()).isEqualTo(tag(pom, "<artifactId>hetplace-parent</artifactId>\\s*<version>([^<]+)"));
        assertThat(BuildInfo.timefoldVersion()).isEqualTo(tag(pom, "<timefold.version>([^<]+)"));
        assertThat(BuildInfo.javaVersion()).isEqualTo(System.getProperty("java.version"))
                .startsWith(String.valueOf(Runtime.version().feature()));
    }

    @Test
    void theCommitIsTheCheckoutsHeadOrUnknownOutsideOne() throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(Path.of("..").toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String expected = git.exitValue() == 0 ? head : BuildInfo.commit(null, System.getenv("HETPLACE_GIT_COMMIT"));
        assertThat(BuildInfo.commit()).isEqualTo(expected);
    }

    @Test
    void aBuildWithoutACommitReadsUnknownUnlessTheEnvironmentNamesOne() {
        String hash = "0123456789abcdef0123456789abcdef01234567";
        assertThat(BuildInfo.commit(hash + "\n", null)).isEqualTo(hash);
        assertThat(BuildInfo.commit(null, null)).isEqualTo(BuildInfo.UNKNOWN);
        assertThat(BuildInfo.commit("fatal: not a git repository (or any of the parent directories): .git\n", null))
                .isEqualTo(BuildInfo.UNKNOWN);
        assertThat(BuildInfo.commit("warning: refname 'HEAD' is ambiguous.\n" + hash + "\n", null)).isEqualTo(hash);
        assertThat(BuildInfo.commit(hash + "-dirty", null)).isEqualTo(BuildInfo.UNKNOWN);
        assertThat(BuildInfo.commit(null, hash)).isEqualTo(hash);
        assertThat(BuildInfo.commit(null, "main")).isEqualTo(BuildInfo.UNKNOWN);
        assertThat(BuildInfo.commit(hash, "fedcba9876543210fedcba9876543210fedcba98")).isEqualTo(hash);
    }

    @Test
    void everyPlanJsonCarriesTheProvenance() throws Exception {
        CliRun run = CliRun.of("--model", "lenet", "--targets", "cpu,vta", "--seed", "7", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode r = new ObjectMapper().readTree(run.out()).get("run");
        assertThat(r.get("gitCommit").asText()).isEqualTo(BuildInfo.commit());
        assertThat(r.get("versions").get("hetplace").asText()).isEqualTo(BuildInfo.version());
        assertThat(r.get("versions").get("java").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(r.get("versions").get("timefold").asText()).isEqualTo(BuildInfo.timefoldVersion());
        assertThat(r.get("seed").asLong()).isEqualTo(7);
        assertThat(r.get("model").asText()).isEqualTo("lenet");
        assertThat(r.get("platform").asText()).isEqualTo("pynq-z1");
        assertThat(r.get("modelHash").asText()).matches("[0-9a-f]{16,64}");
        assertThat(r.get("platformHash").asText()).matches("[0-9a-f]{16,64}");
        assertThat(r.get("wallMs").asLong()).isGreaterThanOrEqualTo(r.get("solveMs").asLong());
    }

    @Test
    void versionPrintsTheBuildsVersionAndCommit() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out().strip()).isEqualTo("hetplace " + BuildInfo.version() + " (git commit "
                + BuildInfo.commit() + ")");
    }

    private static String tag(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }
}
