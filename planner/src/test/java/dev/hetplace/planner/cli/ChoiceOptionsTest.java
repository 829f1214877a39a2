package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.planner.run.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChoiceOptionsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--solver|dp|--solver must be auto, exact, cpsat or timefold, got 'dp'",
        "--objective|energy|--objective must be latency or throughput, got 'energy'",
        "--timing|lazy|--timing must be eager or graph, got 'lazy'",
        "--vta-costs|guessed|--vta-costs must be analytical or simulated, got 'guessed'",
        "--format|xml|--format must be table, json or csv, got 'xml'",
        "--export|relay|--export must be tvm, json or onnx, got 'relay'",
        "--noise|loud|--noise must be measured, onnxruntime, estimate or auto, got 'loud'",
        "--calibration|kl|--calibration must be global-scale or max, got 'kl'",
        "--runtime|tvm|--runtime must be java or onnxruntime, got 'tvm'",
        "--onnx-activations|int4|--onnx-activations must be int8 or uint8, got 'int4'",
    })
    void anUnknownChoiceIsOneLineNamingTheOptionAndItsValues(String option, String value, String line) {
        CliRun r = CliRun.of("--model", "lenet", option, value);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("place: " + line + "\n");
    }

    @Test
    void choicesAreReadInAnyCase() {
        CliRun lower = CliRun.of("--model", "lenet", "--targets", "cpu,vta", "--format", "json", "--noise", "estimate");
        CliRun upper = CliRun.of("--model", "lenet", "--targets", "cpu,vta", "--format", "JSON", "--noise", "Estimate",
                "--solver", "AUTO", "--objective", "Latency", "--timing", "EAGER", "--vta-costs", "Analytical",
                "--calibration", "GLOBAL-SCALE");
        assertThat(upper.exitCode()).as(upper.err()).isEqualTo(ExitCodes.OK);
        assertThat(withoutTimes(upper.out())).isEqualTo(withoutTimes(lower.out()));
    }

    private static String withoutTimes(String json) {
        return json.replaceAll("\"(wall|table|solve)Ms\" : [0-9.]+", "");
    }
}
