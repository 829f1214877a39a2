package dev.hetplace.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing below the command lines knows a flag name (issue 11): no string literal in a module's main sources outside
 * a {@code cli} package names a flag ({@code --word}) or points to a command ({@code place measure}); such code names
 * a {@code Setting} and takes the front end's {@code Wording}. ArchUnit sees no literals, so this reads the sources:
 * every literal, text blocks included, comments and char literals skipped.
 */
class FlagNamesBelowTheCliTest {
    /** A flag: two dashes and a letter, at a literal's start or after a space, backtick, quote or bracket. */
    static final Pattern FLAG = Pattern.compile("(^|[\\s`'\"(\\[])--[a-z]");

    /** A command hint: one of place's subcommands after its name. */
    static final Pattern COMMAND = Pattern.compile(
            "\\bplace (models|inspect|platforms|cost|measure|calibrate|check)\\b");

    /**
     * Files below the CLI that still name flags, each for a reason the note of issue 11 states: the sweep command's own
     * flags in the directory and shard checks it runs ({@code --out}, {@code --resume}, {@code --shard},
     * {@code --threads}), and reports and plots that tell their reader which flag produced a figure. None may be added;
     * one that no longer names a flag must leave this list.
     */
    static final Set<String> STILL_NAMING = Set.of(
            "experiments/src/main/java/dev/hetplace/experiments/run/SweepRunner.java",
            "experiments/src/main/java/dev/hetplace/experiments/run/Shard.java",
            "experiments/src/main/java/dev/hetplace/experiments/run/DirectoryLock.java",
            "experiments/src/main/java/dev/hetplace/experiments/run/DirectoryIdentity.java",
            "experiments/src/main/java/dev/hetplace/experiments/run/ResultStore.java",
            "experiments/src/main/java/dev/hetplace/experiments/run/ResultMerge.java",
            "experiments/src/main/java/dev/hetplace/experiments/report/FirstLayerSection.java",
            "experiments/src/main/java/dev/hetplace/experiments/report/GenericSections.java",
            "experiments/src/main/java/dev/hetplace/experiments/report/SolverQualitySection.java",
            "experiments/src/main/java/dev/hetplace/experiments/report/VtaDesignSection.java",
            "experiments/src/main/java/dev/hetplace/experiments/plot/Plots.java",
            "experiments/src/main/java/dev/hetplace/experiments/ort/MixedPlanStudy.java");

    /** The repository root: surefire runs in the module's directory. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void noLiteralBelowTheCliNamesAFlagOrACommand() throws IOException {
        List<String> found = new ArrayList<>();
        List<String> clean = new ArrayList<>();
        for (Path file : mainSourcesBelowTheCli()) {
            String rel = ROOT.relativize(file).toString().replace('\\', '/');
            List<String> hits = literals(Files.readString(file)).stream()
                    .filter(l -> FLAG.matcher(l).find() || COMMAND.matcher(l).find()).toList();
            if (STILL_NAMING.contains(rel)) {
                if (hits.isEmpty()) {
                    clean.add(rel);
                }
            } else {
                hits.forEach(h -> found.add(rel + ": \"" + h + "\""));
            }
        }
        assertThat(found).as("literals naming a flag or command below the CLI (name a Setting, word it in the CLI)")
                .isEmpty();
        assertThat(clean).as("files that no longer name a flag: take them off STILL_NAMING").isEmpty();
    }

    @Test
    void theScanSeesLiteralsAndNotComments() {
        assertThat(literals("""
                // "--pin" in a comment
                /* "--noise" */ String a = "run `place measure` first"; char c = '"';
                String b = "x" + "--tvm-compatible: " + \"""
                    text --validate
                    \""";
                """)).containsExactly("run `place measure` first", "x", "--tvm-compatible: ",
                "    text --validate\n    ");
        assertThat(FLAG.matcher("--pin 'x'").find()).isTrue();
        assertThat(FLAG.matcher("needs --validate").find()).isTrue();
        assertThat(FLAG.matcher("1 -- 2").find()).isFalse();
        assertThat(FLAG.matcher("a--b").find()).isFalse();
        assertThat(COMMAND.matcher("run `place measure --model M`").find()).isTrue();
        assertThat(COMMAND.matcher("in place of").find()).isFalse();
    }

    @Test
    void theScanCoversEveryModulesMainSources() {
        List<Path> files = mainSourcesBelowTheCli();
        assertThat(files).anyMatch(f -> f.endsWith(Path.of("planner/domain/Pin.java")))
                .anyMatch(f -> f.endsWith(Path.of("experiments/spec/SweepSpecReader.java")))
                .anyMatch(f -> f.endsWith(Path.of("ir/Graph.java")))
                .noneMatch(f -> f.endsWith(Path.of("planner/cli/PlaceFlags.java")));
    }

    /** Every .java file under a module's src/main/java, outside packages named cli. */
    static List<Path> mainSourcesBelowTheCli() {
        try (Stream<Path> modules = Files.list(ROOT)) {
            List<Path> out = new ArrayList<>();
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(f -> f.toString().endsWith(".java"))
                            .filter(f -> !main.relativize(f).toString().replace('\\', '/').contains("/cli/"))
                            .sorted().forEach(out::add);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The string literals and text blocks of a Java source, as written between their quotes. */
    static List<String> literals(String src) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                i = src.indexOf('\n', i);
                i = i < 0 ? n : i;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                i = skipQuoted(src, i + 1, '\'');
            } else if (src.startsWith("\"\"\"", i)) {
                int start = src.indexOf('\n', i) + 1;
                int end = src.indexOf("\"\"\"", start);
                out.add(src.substring(start, end));
                i = end + 3;
            } else if (c == '"') {
                int end = skipQuoted(src, i + 1, '"');
                out.add(src.substring(i + 1, end - 1));
                i = end;
            } else {
                i++;
            }
        }
        return out;
    }

    /** The index after the closing {@code quote}, escapes skipped. */
    private static int skipQuoted(String src, int i, char quote) {
        while (i < src.length() && src.charAt(i) != quote) {
            i += src.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }
}
