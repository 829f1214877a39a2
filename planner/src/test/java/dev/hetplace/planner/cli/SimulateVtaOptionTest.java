package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.planner.run.ExitCodes;
import dev.hetplace.planner.testing.TemporaryCache;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code --validate --simulate-vta}: VTA groups on the simulator measure the same SQNR as on the CPU kernels. */
class SimulateVtaOptionTest {
    private static final Pattern MEASURED = Pattern.compile("validation: measured SQNR (\\S+ dB), predicted");

    @RegisterExtension
    final TemporaryCache cache = new TemporaryCache();

    private static String measured(CliRun r) {
        Matcher m = MEASURED.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return m.group(1);
    }

    @Test
    void resnet18MeasuresTheSameSqnrOnTheSimulatorAndSaysItSimulated() {
        String[] args = {"--model", "resnet18", "--validate", "--calibration-samples", "1"};
        CliRun cpu = CliRun.of(args);
        assertThat(cpu.exitCode()).as(cpu.err()).isZero();
        CliRun sim = CliRun.of(concat(args, "--simulate-vta"));
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        assertThat(measured(sim)).isEqualTo(measured(cpu));
        assertThat(cpu.out()).contains("VTA groups on the CPU int8 kernels");
        // the plan's 20 conv groups (the residual adds stay on the CPU), timed once each
        assertThat(sim.out()).contains("; VTA groups simulated: 20, 11.6M cycles per input; ");
    }

    /**
     * Under --tvm-compatible each residual add runs fused into the VTA conv before it, as TVM builds it: the
     * simulator runs the fused conv (same bits: the same SQNR as the CPU kernels), and its 8.8M cycles (88 ms at
     * the Pynq's 100 MHz) are what the plan prices its 27 VTA kernels at with --vta-costs simulated (88.288 ms).
     */
    @Test
    void tvmCompatibleResnet18RunsItsAddsFusedAsPriced() {
        String[] args = {"--model", "resnet18", "--tvm-compatible", "--validate", "--calibration-samples", "1"};
        CliRun cpu = CliRun.of(args);
        assertThat(cpu.exitCode()).as(cpu.err()).isZero();
        CliRun sim = CliRun.of(concat(args, "--simulate-vta"));
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        assertThat(measured(sim)).isEqualTo(measured(cpu));
        assertThat(sim.out()).contains("; VTA groups simulated: 27 (8 residual adds fused into their conv), 8.8M"
                + " cycles per input; ");
        CliRun priced = CliRun.of("--model", "resnet18", "--tvm-compatible", "--vta-costs", "simulated");
        assertThat(priced.exitCode()).as(priced.err()).isZero();
        assertThat(priced.out()).contains("= 27 VTA kernels 88.288 ms + ");
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "hetplace.simvta.timing", matches = "true")
    void timing() {
        for (String[] extra : new String[][] {{}, {"--simulate-vta"}, {}, {"--simulate-vta"}}) {
            String[] args = {"--model", "resnet18", "--validate"};
            if (extra.length > 0) {
                args = concat(args, extra[0]);
            }
            long t0 = System.nanoTime();
            CliRun r = CliRun.of(args);
            System.out.printf("%s: %.1f s%n%s%n", String.join(" ", args), (System.nanoTime() - t0) / 1e9,
                    r.out().lines().filter(l -> l.startsWith("validation")).findFirst().orElse(r.err()));
        }
    }

    @Test
    void simulateVtaWithoutValidateIsAUsageError() {
        CliRun r = CliRun.of("--model", "lenet", "--simulate-vta");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("place: --simulate-vta needs --validate (it changes how the plan is"
                + " validated)");
    }

    private static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
