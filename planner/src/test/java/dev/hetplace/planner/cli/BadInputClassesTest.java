package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hetplace.ir.json.GraphJson;
import dev.hetplace.ir.zoo.ModelZoo;
import dev.hetplace.planner.run.ErrorLine;
import dev.hetplace.planner.testing.TemporaryCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One test per class of issue 16's campaign (stack traces, wrong answers with exit 0, unbounded work, messages),
 * through the command line: exit 2 and one line naming what is wrong, or the right answer.
 */
class BadInputClassesTest {
    @RegisterExtension
    final TemporaryCache cache = new TemporaryCache();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static CliRun refused(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).as(r.err()).hasSize(1);
        assertThat(r.err().length()).isLessThanOrEqualTo(ErrorLine.MAX_CHARS + 1);
        assertThat(r.err()).doesNotContain("\tat ", "internal error");
        return r;
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private ObjectNode lenetGraph() throws IOException {
        return (ObjectNode) JSON.readTree(GraphJson.write(ModelZoo.build("lenet")));
    }

    private ObjectNode layer(ObjectNode graph, String op) {
        for (var l : graph.get("layers")) {
            if (l.get("op").get("class").asText().equals(op)) {
                return (ObjectNode) l;
            }
        }
        throw new AssertionError("lenet has no " + op);
    }

    // class 1: inputs that used to end in a stack trace (exit 1)

    @Test
    void graphsThatUsedToThrowAreOneLine() throws IOException {
        String deep = "{\"schemaVersion\": 1, \"layers\": " + "[".repeat(3000) + "]".repeat(3000) + "}";
        assertThat(refused("inspect", "--model", file("deep.json", deep).toString()).err())
                .contains("deep.json: not valid JSON (line 1)");

        ObjectNode g = lenetGraph();
        g.set("layers", JSON.createObjectNode().put("a", 1));
        assertThat(refused("inspect", "--model", file("object.json", g.toString()).toString()).err())
                .contains("graph field 'layers' must be an array");

        g = lenetGraph();
        ((ObjectNode) layer(g, "Conv2d").get("op")).remove("padding");
        assertThat(refused("inspect", "--model", file("nopad.json", g.toString()).toString()).err())
                .contains("op Conv2d").contains("padding");

        g = lenetGraph();
        ((ObjectNode) layer(g, "Pool").get("op")).put("strideH", 0);
        assertThat(refused("inspect", "--model", file("stride0.json", g.toString()).toString()).err())
                .contains("pooling kernel and stride must be positive");

        g = lenetGraph();
        ((ObjectNode) layer(g, "Input").get("op")).remove("type");
        assertThat(refused("inspect", "--model", file("notype.json", g.toString()).toString()).err())
                .contains("op Input").contains("type");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "' |\t|';empty file",
        "model,layer_idx,op,batch,cin,h,w,cout,kh,kw,stride,pad,groups,oh,ow,threads,precision,median_us;no data rows",
        "model,layer_idx,op,batch,cin,h,w,cout,kh,kw,stride,pad,groups,oh,ow,threads,precision,median_us|"
                + "m,0,conv2d,1,3,8,8,4,3,3,1,1,1,8,8,1,fp32,10.5;no int8 conv2d or dense rows",
        "model,layer_idx,op,batch,cin,h,w,cout,kh,kw,stride,pad,groups,oh,ow,threads,precision,timing,median_us|"
                + "m,0,conv2d,1,3,8,8,4,3,3,1,1,1,8,8,1,fp32,slow,10.5;cpu.csv:2: column 'timing': unknown timing 'slow' (known: eager, graph)"})
    void aDamagedCalibrationTableIsOneLine(String lines, String message) throws IOException {
        Path table = file("cpu.csv", lines.replace('|', '\n'));
        assertThat(refused("--model", "lenet", "--platform", "x86-h200", "--targets", "cpu", "--set",
                "devices.cpu.calibration=" + table).err()).contains(table.toString()).contains(message);
    }

    // class 2: wrong answers with exit 0

    @ParameterizedTest
    @CsvSource({"devices.vta.clockMHz=1e-300", "devices.vta.clockMHz=1e-12", "devices.cpu.clockMHz=1e300",
            "links.cpu->vta.bandwidthGBps=1e-30"})
    void figuresThatOverflowTheCostsAreRefused(String override) {
        assertThat(refused("--model", "resnet18", "--set", override).err()).contains("must lie between 1e-6 and 1e9");
    }

    @Test
    void aLayerIdOfFivePointFiveIsRefused() throws IOException {
        ObjectNode g = lenetGraph();
        ((ObjectNode) g.get("layers").get(1)).put("id", 5.5);
        assertThat(refused("inspect", "--model", file("id.json", g.toString()).toString()).err())
                .contains("field 'id' must be an integer, got 5.5");
    }

    @Test
    void duplicateKeysAndTrailingGarbageAreRefusedInGraphsAndPlans() throws IOException {
        String graph = GraphJson.write(ModelZoo.build("lenet"));
        assertThat(refused("inspect", "--model", file("dup.json", graph.replaceFirst("\"name\"",
                "\"name\": \"x\", \"name\"")).toString()).err()).contains("Duplicate field 'name'");
        assertThat(refused("inspect", "--model", file("trail.json", graph + "{}").toString()).err())
                .contains("Trailing token");

        Path plan = lenetPlan();
        String text = Files.readString(plan);
        assertThat(refused("check", "--plan", file("dup-plan.json", text.replaceFirst("\"batch\"",
                "\"batch\" : 4, \"batch\"")).toString()).err()).contains("Duplicate field 'batch'");
        assertThat(refused("check", "--plan", file("trail-plan.json", text + "]").toString()).err())
                .contains("not a JSON plan");
    }

    private Path lenetPlan() {
        Path plan = tmp.resolve("plan.json");
        CliRun write = CliRun.of("--model", "lenet", "--export", "json", "--out", plan.toString());
        assertThat(write.exitCode()).as(write.err()).isZero();
        return plan;
    }

    @Test
    void planCheckRefusesBadGroupsObjectivesPinsAndAWrongTotal() throws IOException {
        Path plan = lenetPlan();
        String text = Files.readString(plan);
        for (String index : new String[] {"99", "-1", "\"three\""}) {
            ObjectNode p = (ObjectNode) JSON.readTree(text);
            ((ObjectNode) p.get("plan").get("groups").get(1)).set("index", JSON.readTree(index));
            assertThat(refused("check", "--plan", file("index.json", p.toString()).toString()).err())
                    .contains("plan.groups[1].index is " + index);
        }
        ObjectNode dup = (ObjectNode) JSON.readTree(text);
        ArrayNode groups = (ArrayNode) dup.get("plan").get("groups");
        groups.set(2, groups.get(1).deepCopy());
        assertThat(refused("check", "--plan", file("twice.json", dup.toString()).toString()).err())
                .contains("plan.groups[2].index is 1");

        ObjectNode objective = (ObjectNode) JSON.readTree(text);
        ((ObjectNode) objective.get("plan")).put("objective", "energy");
        assertThat(refused("check", "--plan", file("objective.json", objective.toString()).toString()).err())
                .contains("plan.objective 'energy' is not latency or throughput");

        ObjectNode pin = (ObjectNode) JSON.readTree(text);
        ((ArrayNode) pin.get("plan").get("constraints").get("pins")).add("conv0=npu:int9");
        assertThat(refused("check", "--plan", file("pin.json", pin.toString()).toString()).err())
                .contains("plan.constraints.pins").contains("int9");

        ObjectNode total = (ObjectNode) JSON.readTree(text);
        ((ObjectNode) total.get("plan").get("totals")).put("totalNs", 1);
        CliRun wrong = refused("check", "--plan", file("total.json", total.toString()).toString());
        assertThat(wrong.out()).contains("MISMATCH");
        assertThat(wrong.err()).contains("plan.totals.totalNs 1 does not match the recomputed");
    }

    // class 5: unbounded work, refused before it starts

    @Test
    void requestsBeyondTheWorkLimitsAreRefusedNamingTheLimitAndHowToRaiseIt() {
        assertThat(refused("--model", "resnet18", "--batch", "100000000").err())
                .contains("above the limit of 65536").contains("HETPLACE_MAX_BATCH=100000000");
        assertThat(refused("--model", "wide-dag:1000000000").err())
                .contains("above the limit of 20000").contains("HETPLACE_MAX_GROUPS");
        assertThat(refused("--model", "lenet", "--validate", "--calibration-samples", "100000").err())
                .contains("above the limit of 1024").contains("HETPLACE_MAX_CALIBRATION_SAMPLES");
    }

    // class 6: messages

    @Test
    void noArgumentsPrintsUsageOnStandardErrorWithExitTwo() {
        CliRun r = CliRun.of();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Usage: place");
    }

    @Test
    void echoedValuesAreShortAndPrintable() {
        String huge = "x".repeat(200_000);
        assertThat(refused("--model", huge).err().length()).isLessThanOrEqualTo(ErrorLine.MAX_CHARS + 1);
        String binary = "a\nb\u0000c\u001b[31m\r\nd\ufffd".repeat(10);
        String err = refused("--model", binary).err();
        assertThat(err).doesNotContain("\u0000", "\u001b", "\r").contains("\\x00", "\\x1b");
    }

    /** The loader below the command line refuses a blank model without naming a flag; each command names --model. */
    @ParameterizedTest
    @CsvSource({"place", "cost", "measure"})
    void aBlankModelIsRefusedNamingTheOption(String command) {
        String[] args = command.equals("place") ? new String[] {"--model", " "} : new String[] {command, "--model", " "};
        assertThat(refused(args).err())
                .isEqualTo("place: --model is required (a zoo name from `place models` or an .onnx path)\n");
    }

    @Test
    void explainingAnUnknownGroupFailsBeforePrintingThePlan() {
        CliRun r = refused("--model", "resnet18", "--explain", "conv99");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aPinThatContradictsTvmCompatibleNamesIt() {
        assertThat(refused("--model", "resnet18", "--tvm-compatible", "--pin", "conv0=vta:int8").err())
                .contains("contradicts --tvm-compatible");
    }

    @Test
    void memoryInfeasibilitySaysByHowMuch() {
        CliRun r = CliRun.of("--model", "resnet18", "--set", "devices.cpu.memoryBytes=1", "--set",
                "devices.vta.memoryBytes=1");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("no plan fits device memory").contains("bytes too many");
    }

    @Test
    void measureToAMissingFolderFailsBeforeMeasuringAndLeavesTheCacheAlone() {
        CliRun r = refused("measure", "--model", "lenet", "--out", tmp.resolve("nonexistent/m.csv").toString());
        assertThat(r.err()).contains("does not exist");
        assertThat(cache.root()).doesNotExist();
    }

    @Test
    void outAndTimelineNamingTheSameFileAreRefused() {
        Path same = tmp.resolve("plan.svg");
        assertThat(refused("--model", "lenet", "--export", "json", "--out", same.toString(), "--timeline",
                same.toString()).err()).contains("--timeline and --out name the same file");
        assertThat(same).doesNotExist();
    }
}
