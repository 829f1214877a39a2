package dev.hetplace.experiments.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.experiments.testing.Specs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SweepSpecReaderTest {

    @Test
    void theTopLevelAxesAreOneCartesianProduct() {
        SweepSpec s = SweepSpecReader.parse(Specs.TWENTY_FOUR, "tiny.json");
        assertThat(s.name()).isEqualTo("tiny");
        assertThat(s.runs()).hasSize(24);
        assertThat(s.runs().get(0).model()).isEqualTo("lenet");
        assertThat(s.runs().get(23).model()).isEqualTo("resnet18");
        assertThat(s.runs().stream().map(RunSpec::hash).distinct()).hasSize(24);
    }

    @Test
    void theCanonicalJsonHasSortedKeysAndTheHashIsItsSha256() throws Exception {
        RunSpec r = SweepSpecReader.parse("""
                {"schemaVersion": 1, "models": ["lenet"], "overrides": {"devices.vta.logBlockOut": [5],
                 "devices.vta.logBlockIn": 5}}""", "a.json").runs().get(0);
        assertThat(r.canonicalText()).isEqualTo("{\"batch\":1,\"gpuTiming\":\"eager\",\"minSqnrDb\":null,"
                + "\"model\":\"lenet\",\"objective\":\"latency\",\"overrides\":{\"devices.vta.logBlockIn\":\"5\","
                + "\"devices.vta.logBlockOut\":\"5\"},\"platform\":\"pynq-z1\",\"precisions\":[],\"seed\":0,"
                + "\"solver\":\"auto\",\"targets\":null,\"tvmCompatible\":false}");
        byte[] d = MessageDigest.getInstance("SHA-256").digest(r.canonicalText().getBytes(StandardCharsets.UTF_8));
        assertThat(r.hash()).isEqualTo(HexFormat.of().formatHex(d)).hasSize(64);
    }

    @Test
    void keyOrderAndNumberSpellingDoNotChangeTheHash() {
        String a = """
                {"schemaVersion": 1, "models": ["lenet"], "overrides": {"devices.cpu.threads": [1]},
                 "minSqnrDb": [30]}""";
        String b = """
                {"minSqnrDb": [30.0], "overrides": {"devices.cpu.threads": ["1"]}, "models": ["lenet"],
                 "schemaVersion": 1}""";
        assertThat(SweepSpecReader.parse(a, "a").runs().get(0).hash())
                .isEqualTo(SweepSpecReader.parse(b, "b").runs().get(0).hash());
    }

    @Test
    void zippedOverridesMoveTogetherAndIndependentOnesMultiply() {
        SweepSpec s = SweepSpecReader.parse("""
                {"schemaVersion": 1, "models": ["lenet"],
                 "zipped": [{"devices.vta.logBlockIn": [3, 4, 5], "devices.vta.logBlockOut": [3, 4, 5]}],
                 "overrides": {"devices.cpu.threads": [1, 2]}}""", "z.json");
        assertThat(s.runs()).hasSize(6);
        assertThat(s.runs()).allSatisfy(r -> assertThat(r.overrides().get("devices.vta.logBlockIn"))
                .isEqualTo(r.overrides().get("devices.vta.logBlockOut")));
        assertThat(s.runs().stream().map(r -> r.overrides().get("devices.vta.logBlockIn")).distinct())
                .containsExactlyInAnyOrder("3", "4", "5");
    }

    @Test
    void variantsAreOneAxisOfOverrideMaps() {
        SweepSpec s = SweepSpecReader.parse("""
                {"schemaVersion": 1, "models": ["lenet"], "variants": [{},
                 {"devices.vta.logBlockIn": 3, "devices.vta.logBlockOut": 3}]}""", "v.json");
        assertThat(s.runs()).extracting(RunSpec::overrides).containsExactly(Map.of(),
                Map.of("devices.vta.logBlockIn", "3", "devices.vta.logBlockOut", "3"));
    }

    @Test
    void productsFallBackToTheTopLevelAxesAndExplicitRunsAreAdded() {
        SweepSpec s = SweepSpecReader.parse("""
                {"schemaVersion": 1, "models": ["lenet", "resnet18"], "tvmCompatible": [false, true],
                 "products": [{"platforms": ["pynq-z1"]},
                              {"platforms": ["x86-h200"], "tvmCompatible": [false], "targets": ["cpu,gpu"]}],
                 "runs": [{"model": "lenet", "platform": "ultra96", "minSqnrDb": 35},
                          {"model": "lenet", "platform": "pynq-z1"}]}""", "p.json");
        // 2 models x 2 tvm on pynq + 2 models on x86 + 1 new explicit run (the second repeats a product run)
        assertThat(s.runs()).hasSize(7);
        assertThat(s.runs().get(4).targets()).isEqualTo(List.of("cpu", "gpu"));
        assertThat(s.runs().get(6).platform()).isEqualTo("ultra96");
        assertThat(s.runs().get(6).minSqnrDb()).isEqualTo(35.0);
    }

    @Test
    void wideDagNamesAreModels() {
        SweepSpec s = SweepSpecReader.parse("""
                {"schemaVersion": 1, "models": ["wide-dag:500:8:50:1"]}""", "w.json");
        assertThat(s.runs().get(0).model()).isEqualTo("wide-dag:500:8:50:1");
    }

    @Test
    void aWildcardInAModelFileNameStandsForEveryMatchingFileSorted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path onnx = dev.hetplace.ir.onnx.ShippedModels.path("squeezenet1_1.onnx");
        java.nio.file.Files.copy(onnx, dir.resolve("b.onnx"));
        java.nio.file.Files.copy(onnx, dir.resolve("a.onnx"));
        java.nio.file.Files.writeString(dir.resolve("notes.txt"), "not a model");
        SweepSpec s = SweepSpecReader.parse("{\"schemaVersion\": 1, \"models\": [\"lenet\", \""
                + dir.resolve("*.onnx").toString().replace("\\", "/") + "\"]}", "g.json");
        assertThat(s.runs().stream().map(r -> r.model()).toList())
                .containsExactly("lenet", dir.resolve("a.onnx").toString(), dir.resolve("b.onnx").toString());
        assertThatThrownBy(() -> SweepSpecReader.parse("{\"schemaVersion\": 1, \"models\": [\""
                + dir.resolve("*.json") + "\"]}", "bad.json"))
                .isInstanceOf(SpecException.class)
                .hasMessage("bad.json: models: '" + dir.resolve("*.json") + "' matches no file");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"], \"colour\": 3};"
                + "bad.json: colour: unknown key (known: schemaVersion",
        "{\"schemaVersion\": 1, \"models\": [\"resnet19\"]};bad.json: models[0]: unknown model 'resnet19'",
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"], \"platforms\": [\"pynq-z2\"]};"
                + "bad.json: platforms[0]: unknown platform 'pynq-z2'",
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"], \"overrides\": {\"devices.vta.logBlok\": [3]}};"
                + "bad.json: overrides.devices.vta.logBlok: unknown override path 'devices.vta.logBlok'",
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"], \"overrides\": {\"devices.npu.clockMHz\": [3]}};"
                + "bad.json: overrides.devices.npu.clockMHz: override 'devices.npu.clockMHz': no device 'npu'",
        "{\"schemaVersion\": 1, \"models\": []};bad.json: models: is empty: the product has no runs",
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"], \"seeds\": []};bad.json: seeds: is empty",
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"], \"products\": []};bad.json: products: is empty",
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"], \"products\": [{\"modles\": [\"lenet\"]}]};"
                + "bad.json: products[0].modles: unknown key",
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"], \"zipped\": [{\"devices.vta.logBlockIn\": [3, 4],"
                + " \"devices.vta.logBlockOut\": [3]}]};bad.json: zipped[0].devices.vta.logBlockOut: has 1 values",
        "{\"schemaVersion\": 2, \"models\": [\"lenet\"]};bad.json: schemaVersion: is 2",
        "{\"models\": [\"lenet\"]};bad.json: schemaVersion: missing",
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"], \"targets\": [\"cpu,npu\"]};"
                + "bad.json: targets[0]: unknown target 'npu'",
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"], \"solvers\": [\"cplex\"]};bad.json: solvers: unknown value",
        "{\"schemaVersion\": 1, \"models\": [\"wide-dag:5:8:1:1\"]};bad.json: models[0]: wide-dag needs",
        "{\"schemaVersion\": 1, \"models\": [\"wide-dag:many\"]};bad.json: models[0]: model 'wide-dag:many' is not",
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"], \"runs\": [{\"model\": \"lenet\", \"seed\": 1.5}]};"
                + "bad.json: runs[0].seed: must be an integer",
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"], \"overrides\": {\"devices.vta.logBlockIn\": [\"x\"]}};"
                + "bad.json: overrides.devices.vta.logBlockIn:",
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"], \"variants\": [{\"devices.cpu.thread\": 1}]};"
                + "bad.json: variants[0].devices.cpu.thread: unknown override path",
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"],;bad.json: not valid JSON at line 1"})
    void badSpecsAreRefusedWithOneLineNamingTheKey(String json, String message) {
        assertThatThrownBy(() -> SweepSpecReader.parse(json, "bad.json"))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
