package dev.hetplace.backends.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hetplace.hw.Precision;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-model rows ({@code op} {@code model}) in a measurement table: written, read back, and their bad input. */
class WholeModelRowsTest {
    private static final LayerShape CONV = LayerShape.conv2d(3, 224, 224, 64, 7, 7, 2, 3, 1);
    private static final String HEADER = String.join(",", MeasurementCsv.COLUMNS);

    @TempDir
    Path dir;

    @Test
    void writtenRowsReadBackBesideTheLayerRows() {
        Measurement layer = new Measurement("cpu", CONV, 1, 2, Precision.FP32, false, Timing.EAGER, 1900.5, 1850,
                2100);
        EndToEndMeasurement fp32 = new EndToEndMeasurement("resnet18", "cpu", "fp32", 1, 2, "eager", 7812.25, "", 0,
                7700.125, 8020.5);
        EndToEndMeasurement rule = new EndToEndMeasurement("/models/squeezenet1_1.onnx", "cpu",
                EndToEndMeasurement.INT8_STEM_DENSE_FP32, 1, 2, "eager", 2400, "", 0, 2300, 2600);
        StringWriter csv = new StringWriter();
        MeasurementCsv.write(csv, "resnet18", List.of("test"), List.of(layer), List.of(), List.of(fp32, rule));
        assertThat(csv.toString()).contains("\nresnet18,cpu,model,1,,,,,,,,,,,,2,fp32,eager,7812.250,7700.125,"
                + "8020.500\n");
        MeasurementTable t = MeasurementTable.read(new StringReader(csv.toString()), "t.csv");
        assertThat(t.layers()).containsExactly(layer);
        assertThat(t.wholeModels()).containsExactly(
                new EndToEndMeasurement("resnet18", "cpu", "fp32", 1, 2, "eager", 7812.25, "t.csv", 4, 7700.125,
                        8020.5),
                new EndToEndMeasurement("/models/squeezenet1_1.onnx", "cpu", "int8_skip_first_conv_and_dense", 1, 2,
                        "eager", 2400, "t.csv", 5, 2300, 2600));
        assertThat(t.wholeModels().get(0).where()).isEqualTo("t.csv:4");
    }

    @Test
    void anOldTableHasNoWholeModelRows() {
        MeasurementTable t = MeasurementTable.read(new StringReader(HEADER
                + "\nlenet,cpu,conv2d,1,3,224,224,64,7,7,2,3,1,112,112,1,fp32,eager,40,,\n"), "old.csv");
        assertThat(t.layers()).hasSize(1);
        assertThat(t.wholeModels()).isEmpty();
    }

    @Test
    void anEmptyTimingIsEagerAsInLayerRowsAndPercentilesAreOptional() {
        MeasurementTable t = MeasurementTable.read(new StringReader(HEADER
                + "\nlenet,cpu,model,1,,,,,,,,,,,,1,int8,,150,,\n"), "t.csv");
        EndToEndMeasurement w = t.wholeModels().get(0);
        assertThat(w.timing()).isEqualTo("eager");
        assertThat(w.p10Us()).isNaN();
    }

    @Test
    void aMalformedWholeModelRowNamesFileAndLine() throws IOException {
        assertThat(error("a.csv", "lenet,cpu,model,1,,,,,,,,,,,,1,fp32,eager,-3,,"))
                .isEqualTo("a.csv:2: column 'median_us': must be a positive number, got -3");
        assertThat(error("b.csv", "lenet,cpu,model,1,,,,,,,,,,,,0,fp32,eager,3,,"))
                .isEqualTo("b.csv:2: column 'threads': must be >= 1, got 0");
        assertThat(error("c.csv", "lenet,cpu,model,1,,,,,,,,,,,,1,fp32,lazy,3,,"))
                .isEqualTo("c.csv:2: column 'timing': unknown timing 'lazy' (known: eager, graph)");
        assertThat(error("d.csv", "lenet,cpu,model,1,,,,,,,,,,,,1,fp32,eager,30,40,50"))
                .isEqualTo("d.csv:2: percentiles out of order: p10_us 40.0, median_us 30.0, p90_us 50.0");
        Path noModelColumn = dir.resolve("e.csv");
        Files.writeString(noModelColumn, String.join(",", MeasurementTable.COLUMNS)
                + "\ncpu,model,1,,,,,,,,,,,,1,fp32,eager,3,,\n");
        assertThat(message(noModelColumn)).isEqualTo(noModelColumn + ":2: column 'model': no such column");
    }

    private String error(String name, String row) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, HEADER + "\n" + row + "\n");
        return message(file).replace(dir + "/", "");
    }

    private static String message(Path file) {
        Throwable t = catchThrowable(() -> MeasurementTable.read(file));
        assertThat(t).isInstanceOf(MeasurementException.class);
        assertThat(t.getMessage()).doesNotContain("\n");
        return t.getMessage();
    }
}
